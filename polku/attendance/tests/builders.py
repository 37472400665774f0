"""Attendance test state, built through the real services (STYLE.md §10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from polku.clients.models import Stage
from polku.core import clock
from polku.pathways import services as pathway_services
from polku.placements import services
from polku.placements.models import Period, PlaceProfile
from polku.placements.tests.builders import at_s8
from tests.people import People


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def running_period(
    people: People,
    *,
    starts_on: dt.date | None = None,
    weekdays: str = "123",
    hours: Decimal = Decimal(6),
    months: int = 6,
) -> Period:
    """A full period of one of `worker`'s clients at `people.place`, started on ``starts_on``
    (by default the Monday four weeks ago) and at S11, walked through S8–S11 with the clock
    set back: visit, period, kuty decision made, steward notice sent."""
    start = starts_on or monday_of(clock.today()) - dt.timedelta(days=28)
    prepared = start - dt.timedelta(days=21)
    with clock.frozen(_moment(prepared)):
        relationship = at_s8(people)
        place = people.place  # supervised by people.place_supervisor
        services.visit_record(
            actor=people.worker,
            relationship=relationship,
            place=place,
            visited_on=clock.today(),
            participants="Asiakas, ohjaaja",
            worker_present=True,
            place_contact="Ohjaaja",
            agreed_hours="9–15",
            agreed_tasks="Puutyöt",
            handover_summary="Aloittaa rauhassa.",
            reviewed_with_client=True,
        )
        period = services.period_plan(
            actor=people.worker,
            relationship=relationship,
            place=place,
            kind="full",
            starts_on=start,
            ends_on=start + dt.timedelta(days=30 * months),
            weekdays=weekdays,
            hours_per_day=hours,
            goal="Päivärytmi",
            description="Puutyöt",
            tasks="Puutyöt",
            support_and_guidance="Ohjaaja",
            other_services="Ei muita",
            evaluate_by=start + dt.timedelta(days=60),
            compensation="toimintaraha",
        )
        decision = services.decision_draft(
            actor=people.worker,
            relationship=relationship,
            kind="kuty",
            period=period,
            decision_maker=people.decision_maker,
            grounds="Perustelut",
        )
        services.decision_make(
            actor=people.decision_maker,
            decision=decision,
            decided_on=clock.today(),
            version=decision.version,
        )
        PlaceProfile.objects.update_or_create(place=place, defaults={"steward_name": "P. P."})
        services.steward_notice_send(
            actor=people.worker, period=period, sent_on=clock.today(), method="letter"
        )
        relationship.refresh_from_db()
        pathway_services.transition(
            actor=people.worker, relationship=relationship, target=Stage.S9_KUTY_STARTS
        )
    with clock.frozen(_moment(start)):
        relationship.refresh_from_db()
        pathway_services.transition(
            actor=people.worker, relationship=relationship, target=Stage.S11_PERIOD
        )
    period.refresh_from_db()
    return period
