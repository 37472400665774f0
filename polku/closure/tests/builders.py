"""Closure test state, built through the real services (STYLE.md §10).

The stage S13 is set directly: S11 → S12 → S13 are recorded by the evaluation app, built at
the same time as this one (its builders will walk them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from polku.attendance.services import DayEntry, day_record
from polku.clients.models import ClientRelationship, Stage
from polku.closure import services
from polku.closure.models import Certificate
from polku.core import clock
from polku.core.rules import add_months
from polku.placements.models import Period
from tests.people import People


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def at_stage(relationship: ClientRelationship, stage: Stage) -> ClientRelationship:
    ClientRelationship.objects.filter(pk=relationship.pk).update(stage=stage)
    relationship.refresh_from_db()
    return relationship


def ended_period(
    people: People, *, ended_days_ago: int = 5, present_days: int = 3, months: int = 6
) -> Period:
    """A full period at ``people.place`` (supervised by ``people.place_supervisor``) that ended
    ``ended_days_ago`` days ago (negative: still under way), with ``present_days`` days
    recorded present by the place, its relationship at S13."""
    from polku.attendance.tests.builders import running_period

    start = clock.today() - dt.timedelta(days=ended_days_ago + 30 * months)
    start -= dt.timedelta(days=start.weekday())  # a Monday
    period = running_period(people, starts_on=start, months=months)
    day, recorded = start, 0
    while recorded < present_days and day <= min(period.ends_on, clock.today()):
        if day.isoweekday() in period.weekday_numbers:
            with clock.frozen(moment(day, 15)):
                try:
                    day_record(
                        actor=people.place_supervisor,
                        entry=DayEntry(period=period, day=day, status="present", hours=Decimal(6)),
                    )
                except ValidationError:
                    pass  # a holiday: the next scheduled day
                else:
                    recorded += 1
        day += dt.timedelta(days=1)
    at_stage(period.relationship, Stage.S13_CERTIFICATE)
    period.refresh_from_db()
    return period


def drafted(people: People, period: Period, **fields: object) -> Certificate:
    data: dict[str, object] = {
        "language": "fi",
        "tasks_done": "Puutöiden viimeistely\nVaraston järjestäminen",
        "skills_shown": "Täsmällisyys\nYhteistyö",
        "skills_learned": "Trukin käyttö",
        "signer_name": "Olli Virtanen",
        "signer_title": "työnjohtaja",
    }
    data.update(fields)
    return services.certificate_save(
        actor=people.worker,
        period=period,
        version=None,
        **data,  # type: ignore[arg-type]
    )


def given(people: People, period: Period, **fields: object) -> Certificate:
    certificate = drafted(people, period, **fields)
    return services.certificate_give(
        actor=people.worker,
        certificate=certificate,
        version=certificate.version,
        given_on=clock.today(),
    )


def planned(people: People, period: Period, destination: str = "studies") -> None:
    services.follow_up_plan_save(
        actor=people.worker,
        period=period,
        version=None,
        destination=destination,
        destination_detail="",
        next_step="Haku ammatilliseen koulutukseen",
        next_on=clock.today() + dt.timedelta(days=14),
        responsible="Opinto-ohjaaja Outi, p. 040 123",
    )


def ready_to_end(people: People, **kwargs: int) -> Period:
    """S13 with the certificate given and the follow-up plan made."""
    period = ended_period(people, **kwargs)
    given(people, period)
    planned(people, period)
    period.relationship.refresh_from_db()
    return period


def ended(people: People, *, days_ago: int = 0, **kwargs: int) -> ClientRelationship:
    """A relationship ended ``days_ago`` days ago, its period having ended 5 days before that
    (everything recorded with the clock set back to the end)."""
    end_day = clock.today() - dt.timedelta(days=days_ago)
    with clock.frozen(moment(end_day, 12)):
        period = ready_to_end(people, **kwargs)
        relationship = period.relationship
        services.relationship_end(
            actor=people.worker,
            relationship=relationship,
            version=relationship.version,
            ended_on=end_day,
            destination="studies",
            destination_detail="",
            no_further_need=True,
        )
    relationship.refresh_from_db()
    return relationship


def consecutive_periods(people: People, count: int) -> list[Period]:
    """``count`` three-month full periods of one client at ``people.place``, one after another
    and all in the past, planned and decided at S8, the client at S11 since the first began;
    each has one day recorded present (for a certificate). For list pages that grow with
    periods."""
    from polku.attendance.tests.builders import monday_of
    from polku.pathways import services as pathway_services
    from polku.placements import services as placements
    from polku.placements.models import PlaceProfile
    from polku.placements.tests.builders import at_s8

    first = monday_of(clock.today()) - dt.timedelta(weeks=14 * count + 1)
    starts = [first + dt.timedelta(weeks=14 * n) for n in range(count)]
    with clock.frozen(moment(first - dt.timedelta(days=21))):
        relationship = at_s8(people)
        placements.visit_record(
            actor=people.worker,
            relationship=relationship,
            place=people.place,
            visited_on=clock.today(),
            participants="Asiakas, ohjaaja",
            worker_present=True,
            place_contact="Ohjaaja",
            agreed_hours="9–15",
            agreed_tasks="Puutyöt",
            handover_summary="Aloittaa rauhassa.",
            reviewed_with_client=True,
        )
        PlaceProfile.objects.update_or_create(
            place=people.place, defaults={"steward_name": "P. P."}
        )
        periods = []
        for start in starts:
            period = placements.period_plan(
                actor=people.worker,
                relationship=relationship,
                place=people.place,
                kind="full",
                starts_on=start,
                ends_on=add_months(start, 3) - dt.timedelta(days=1),
                weekdays="123",
                hours_per_day=Decimal(6),
                goal="Päivärytmi",
                description="Puutyöt",
                tasks="Puutyöt",
                support_and_guidance="Ohjaaja",
                other_services="Ei muita",
                evaluate_by=start + dt.timedelta(days=20),
                compensation="toimintaraha",
            )
            decision = placements.decision_draft(
                actor=people.worker,
                relationship=relationship,
                kind="kuty",
                period=period,
                decision_maker=people.decision_maker,
                grounds="Perustelut",
            )
            placements.decision_make(
                actor=people.decision_maker,
                decision=decision,
                decided_on=clock.today(),
                version=decision.version,
            )
            placements.steward_notice_send(
                actor=people.worker, period=period, sent_on=clock.today(), method="letter"
            )
            periods.append(period)
        relationship.refresh_from_db()
        pathway_services.transition(
            actor=people.worker, relationship=relationship, target=Stage.S9_KUTY_STARTS
        )
    with clock.frozen(moment(first)):
        relationship.refresh_from_db()
        pathway_services.transition(
            actor=people.worker, relationship=relationship, target=Stage.S11_PERIOD
        )
    for period in periods:
        day = period.starts_on
        while True:
            with clock.frozen(moment(day, 15)):
                try:
                    day_record(
                        actor=people.place_supervisor,
                        entry=DayEntry(period=period, day=day, status="present", hours=Decimal(6)),
                    )
                except ValidationError:
                    day += dt.timedelta(days=1)  # not a scheduled day, or a holiday
                else:
                    break
        period.refresh_from_db()
    return periods
