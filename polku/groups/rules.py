"""The kuty rules for a kuty participant's session (SPEC §3), as pure functions: the days of
a calendar week and the hours of a day count the place's days and the group's together. The
178 days in 12 months are checked with ``placements.rules.check_participation_days`` over the
same days. Non-kuty participants are judged by none of these."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from polku.core.errors import field_error
from polku.core.rules import day_label
from polku.groups.errors import GroupError
from polku.placements.rules import PeriodLimits


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def check_days_in_week(days: Collection[dt.date], day: dt.date, *, limits: PeriodLimits) -> None:
    """Adding ``day`` to the client's participation days ``days`` (places and groups) keeps
    within the days allowed in a calendar week (189/2001 §13 b)."""
    first = monday(day)
    week = {d for d in days if first <= d <= first + dt.timedelta(days=6)} | {day}
    if len(week) <= limits.max_days_per_week:
        return
    raise field_error(
        "status",
        _(
            "In the week starting on %(date)s the client would take part on %(count)s days at "
            "places and in groups together; at most %(max)s days in a calendar week are allowed "
            "(189/2001 §13 b)."
        )
        % {"date": day_label(first), "count": len(week), "max": limits.max_days_per_week},
        GroupError.TOO_MANY_DAYS_A_WEEK,
    )


def check_enrolment_weeks(
    other_days: Collection[dt.date],
    group_days: Collection[dt.date],
    *,
    limits: PeriodLimits,
    field: str = "starts_on",
) -> None:
    """Enrolling a kuty participant: the group's days of the participation (its weekdays
    between the dates, and its sessions there) and the client's other planned days (the place
    periods' weekdays, other kuty groups' sessions) keep within the days allowed in a calendar
    week (189/2001 §13 b). Only the weeks with a group day are judged: a week over the limit
    without one is not this enrolment's doing. The first week over is named with its count."""
    weeks: defaultdict[dt.date, set[dt.date]] = defaultdict(set)
    for day in group_days:
        weeks[monday(day)].add(day)
    for day in other_days:
        if monday(day) in weeks:
            weeks[monday(day)].add(day)
    over = sorted(first for first, days in weeks.items() if len(days) > limits.max_days_per_week)
    if not over:
        return
    first = over[0]
    raise field_error(
        field,
        _(
            "In the week starting on %(date)s the client would take part on %(count)s days at "
            "places and in groups together; at most %(max)s days in a calendar week are allowed "
            "(189/2001 §13 b)."
        )
        % {"date": day_label(first), "count": len(weeks[first]), "max": limits.max_days_per_week},
        GroupError.TOO_MANY_DAYS_A_WEEK,
    )


def check_hours_of_day(hours: Decimal, other_hours: Decimal, *, limits: PeriodLimits) -> None:
    """The session's hours and the hours at a place (or another session) on the same day
    together keep within the hours of a day (189/2001 §14 1 mom; 872/2019 §5)."""
    total = hours + other_hours
    if total <= limits.max_hours_per_day:
        return
    raise field_error(
        "hours",
        _(
            "A day of activity lasts at most %(max)s hours (189/2001 §14 1 mom; 872/2019 §5); "
            "with the other activity of the day this would be %(total)s."
        )
        % {
            "max": formats.number_format(limits.max_hours_per_day.normalize()),
            "total": formats.number_format(total.normalize()),
        },
        GroupError.TOO_MANY_HOURS,
    )


def session_hours(starts_at: dt.time, ends_at: dt.time) -> Decimal:
    """The length of a session in hours, to one decimal."""
    minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def time_label(value: dt.time) -> str:
    """A time as Polku writes it in every language: 9.00, 13.30."""
    return f"{value.hour}.{value.minute:02d}"


def time_span(starts_at: dt.time, ends_at: dt.time) -> str:
    """A session's or group's time: 9.00–13.00."""
    return f"{time_label(starts_at)}–{time_label(ends_at)}"
