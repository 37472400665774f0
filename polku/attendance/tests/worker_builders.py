"""Shared state for the responsible worker's attendance tests: a fixed day (Wednesday
19.3.2025, no holiday near) so that the weekdays of a period and the 14-day limit fall the
same way on every run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from polku.attendance.models import AttendanceDay, Interruption
from polku.attendance.services import DayEntry, day_record, interruption_report
from polku.core import clock
from polku.placements.models import Period
from tests.people import People

TODAY = dt.date(2025, 3, 19)  # a Wednesday


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def frozen_today() -> Iterator[None]:
    with clock.frozen(moment(TODAY)):
        yield


def days_back(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def weekday_before(weekday: int, *, weeks: int = 0) -> dt.date:
    """The latest day before today with ``weekday`` (0 Monday), ``weeks`` weeks earlier."""
    day = TODAY - dt.timedelta(days=1)
    while day.weekday() != weekday:
        day -= dt.timedelta(days=1)
    return day - dt.timedelta(weeks=weeks)


def absent(
    people: People, period: Period, day: dt.date, reason: str = "other", **fields: Any
) -> AttendanceDay:
    fields.setdefault("notice", "not_reported")
    return day_record(
        actor=people.worker,
        entry=DayEntry(period=period, day=day, status="absent", reason=reason, **fields),
    )


def present(people: People, period: Period, day: dt.date) -> AttendanceDay:
    return day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=day, status="present")
    )


def interrupted(people: People, period: Period, starts_on: dt.date) -> Interruption:
    return interruption_report(
        actor=people.place_supervisor,
        period=period,
        starts_on=starts_on,
        reason="health",
        initiated_by="client",
        description="Ei ole tullut paikalle.",
    )
