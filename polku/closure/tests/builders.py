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
