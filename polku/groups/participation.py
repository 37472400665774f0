"""Group days in the 178-day rule (189/2001 §14 1 mom): a kuty participant's sessions
attended are participation days, counted together with the days at places. Registered with
``placements.participation.register_other_days`` from ``GroupsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import Decimal

from django.db.models import Sum

from polku.groups.models import LegalStatus, SessionAttendance, SessionStatus


def group_participation_days(client_ids: Collection[int]) -> list[dt.date]:
    """The days the clients attended a session as kuty participants, in one query."""
    if not client_ids:
        return []
    return list(
        SessionAttendance.objects.filter(
            enrolment__client_id__in=list(client_ids),
            enrolment__status=LegalStatus.KUTY,
            status=SessionStatus.PRESENT,
        ).values_list("session__day", flat=True)
    )


def group_hours_of_day(client_id: int, day: dt.date) -> Decimal:
    """The hours the client attended sessions on ``day`` as a kuty participant (one query):
    a place recording that day counts them with its own (189/2001 §14 1 mom)."""
    total = SessionAttendance.objects.filter(
        enrolment__client_id=client_id,
        enrolment__status=LegalStatus.KUTY,
        session__day=day,
        status=SessionStatus.PRESENT,
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)


def group_planned_days(client_id: int, starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    """The sessions between the dates of the groups the client is enrolled in as a kuty
    participant, within the enrolment's dates, except those marked as not attended: the days
    a place period being planned shares its calendar weeks with (three queries)."""
    from polku.groups.models import Enrolment, Session

    enrolments = list(
        Enrolment.objects.filter(client_id=client_id, status=LegalStatus.KUTY).values_list(
            "group_id", "starts_on", "ends_on"
        )
    )
    if not enrolments:
        return []
    sessions = list(
        Session.objects.filter(
            group_id__in={group for group, _, _ in enrolments}, day__range=(starts_on, ends_on)
        ).values_list("pk", "group_id", "day")
    )
    missed = set(
        SessionAttendance.objects.filter(
            enrolment__client_id=client_id, session_id__in=[pk for pk, _, _ in sessions]
        )
        .exclude(status=SessionStatus.PRESENT)
        .values_list("session_id", flat=True)
    )
    return sorted(
        {
            day
            for pk, group, day in sessions
            if pk not in missed
            and any(
                group == g and start <= day and (end is None or day <= end)
                for g, start, end in enrolments
            )
        }
    )
