"""The legal limits of a kuty period (SPEC §3), as pure functions the services call (STYLE.md §8).

Each check takes plain values (dates, ints, weekdays, coordinates) and raises a refusal with a
code from :class:`polku.placements.errors.PlacementError`; its message, in the user's language,
names the rule and its section. The limits come in a :class:`PeriodLimits`, which a service
reads once for the period's start with :func:`limits_on` (the law changes: an old period is
judged by the values of its time); the checks themselves read nothing.

Conventions:

* Weekdays are ``date.weekday()`` numbers: 0 = Monday … 6 = Sunday.
* A period is ``(starts_on, ends_on, weekdays)``, both dates included.
* A period of *n* months starting on *s* runs up to and including the day before the same date
  *n* months later: 1.1.2026 + 3 months ends on 31.3.2026. When the later month is shorter the
  date is its last day (:func:`add_months`): 31.1.2026 + 3 months ends on 29.4.2026
  (30.4 − 1). So a period lasts 3–24 months when
  ``add_months(s, 3) − 1 day <= e <= add_months(s, 24) − 1 day``.
* The 12 months for the participation days are rolling: for a day *d* they run from the day
  after ``add_months(d, −12)`` up to *d* (SPEC §3): 366 days when they hold 29 February.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import SupportsFloat

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from polku.accounts.models import ProducerType
from polku.core import statutory
from polku.core.errors import field_error
from polku.core.rules import add_months, day_label, not_before
from polku.placements.errors import PlacementError

# The limits that have no StatutoryValue row yet (see limits_on); each is the value in force
# since the section it cites.
MIN_PERIOD_MONTHS = 3  # 189/2001 §13 b
MAX_PERIOD_MONTHS = 24  # 189/2001 §13 b
MIN_DAYS_PER_WEEK = 1  # 189/2001 §13 b
MIN_HOURS_PER_DAY = Decimal(4)  # 189/2001 §13 b
MAX_HOURS_PER_DAY = Decimal(8)  # 189/2001 §14 1 mom; 872/2019 §5
MAX_HOURS_PER_WEEK = Decimal(40)  # 189/2001 §14 1 mom; 872/2019 §5
MAX_PARTICIPATION_DAYS = 178  # in any 12 months, 189/2001 §14 1 mom
PARTICIPATION_WINDOW_MONTHS = 12
MAX_DISTANCE_KM = Decimal(80)  # the commuting area, 189/2001 §14 3 mom; 380/2023 §10
# The one limit with a StatutoryValue row (5 until 30.6.2015, then 4); the default of
# PeriodLimits is today's value, limits_on reads the row of the day.
MAX_DAYS_PER_WEEK = 4  # 189/2001 §13 b

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)

Weekdays = Collection[int]
Period = tuple[dt.date, dt.date, Weekdays]
Point = tuple[SupportsFloat, SupportsFloat]  # (latitude, longitude) in degrees


@dataclass(frozen=True)
class PeriodLimits:
    """The limits a period is judged by; :func:`limits_on` gives those in force on a day."""

    min_months: int = MIN_PERIOD_MONTHS
    max_months: int = MAX_PERIOD_MONTHS
    min_days_per_week: int = MIN_DAYS_PER_WEEK
    max_days_per_week: int = MAX_DAYS_PER_WEEK
    min_hours_per_day: Decimal = MIN_HOURS_PER_DAY
    max_hours_per_day: Decimal = MAX_HOURS_PER_DAY
    max_hours_per_week: Decimal = MAX_HOURS_PER_WEEK
    max_participation_days: int = MAX_PARTICIPATION_DAYS
    max_distance_km: Decimal = MAX_DISTANCE_KM


def limits_on(day: dt.date) -> PeriodLimits:
    """The limits in force on ``day`` (a period's start), from their StatutoryValue rows (the
    placements migration 0002 adds them; a date before a row falls back to this module's
    constant, the value in force since the section it cites). The only function here that
    reads the database."""
    rows = statutory.values_on(
        (
            "min_period_months",
            "max_period_months",
            "min_days_per_week",
            "max_days_per_week",
            "min_hours_per_day",
            "max_hours_per_day",
            "max_hours_per_week",
            "max_participation_days",
            "max_commuting_distance_km",
        ),
        on=day,
    )
    return PeriodLimits(
        min_months=int(rows.get("min_period_months", MIN_PERIOD_MONTHS)),
        max_months=int(rows.get("max_period_months", MAX_PERIOD_MONTHS)),
        min_days_per_week=int(rows.get("min_days_per_week", MIN_DAYS_PER_WEEK)),
        max_days_per_week=int(rows.get("max_days_per_week", MAX_DAYS_PER_WEEK)),
        min_hours_per_day=rows.get("min_hours_per_day", MIN_HOURS_PER_DAY),
        max_hours_per_day=rows.get("max_hours_per_day", MAX_HOURS_PER_DAY),
        max_hours_per_week=rows.get("max_hours_per_week", MAX_HOURS_PER_WEEK),
        max_participation_days=int(rows.get("max_participation_days", MAX_PARTICIPATION_DAYS)),
        max_distance_km=rows.get("max_commuting_distance_km", MAX_DISTANCE_KM),
    )


# --- Calendar arithmetic ---------------------------------------------------------------------


def period_end_bounds(starts_on: dt.date, limits: PeriodLimits) -> tuple[dt.date, dt.date]:
    """The earliest and the latest last day of a period starting on ``starts_on``."""
    one_day = dt.timedelta(days=1)
    return (
        add_months(starts_on, limits.min_months) - one_day,
        add_months(starts_on, limits.max_months) - one_day,
    )


def window_start(day: dt.date) -> dt.date:
    """The first day of the 12 months that end on ``day``: the day after ``day`` minus 12
    calendar months (29.2.2028 → 1.3.2027, 366 days; 28.2.2029 → 29.2.2028, 366 days)."""
    return add_months(day, -PARTICIPATION_WINDOW_MONTHS) + dt.timedelta(days=1)


def _weekday_set(weekdays: Weekdays) -> frozenset[int]:
    chosen = frozenset(weekdays)
    if not chosen <= frozenset(range(7)):
        raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(chosen)}")
    return chosen


def period_dates(
    starts_on: dt.date,
    ends_on: dt.date,
    weekdays: Weekdays,
    *,
    closed: Collection[dt.date] = (),
) -> list[dt.date]:
    """The planned participation days of a period: each of its weekdays from the start to the
    end (both included), except the ``closed`` days (the place's closed days, if known)."""
    chosen = _weekday_set(weekdays)
    days = []
    day = starts_on
    while day <= ends_on:
        if day.weekday() in chosen and day not in closed:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _number(value: Decimal | int) -> str:
    """4, 7,5 or 40 in the active language (no trailing zeros)."""
    return formats.number_format(Decimal(value).normalize())


# --- Length, days and hours ------------------------------------------------------------------


def check_period_length(
    starts_on: dt.date, ends_on: dt.date, *, limits: PeriodLimits, field: str = "ends_on"
) -> None:
    """A period lasts 3–24 months (189/2001 §13 b); an end before the start is too short."""
    first, last = period_end_bounds(starts_on, limits)
    if first <= ends_on <= last:
        return
    message = _(
        "A period lasts at least %(min)s and at most %(max)s months (189/2001 §13 b): one "
        "starting on %(start)s ends between %(first)s and %(last)s."
    ) % {
        "min": limits.min_months,
        "max": limits.max_months,
        "start": day_label(starts_on),
        "first": day_label(first),
        "last": day_label(last),
    }
    code = PlacementError.PERIOD_TOO_SHORT if ends_on < first else PlacementError.PERIOD_TOO_LONG
    raise field_error(field, message, code)


def check_days_per_week(
    weekdays: Weekdays, *, limits: PeriodLimits, field: str = "weekdays"
) -> None:
    """A period has 1–4 days of activity in a calendar week (189/2001 §13 b)."""
    count = len(_weekday_set(weekdays))
    if limits.min_days_per_week <= count <= limits.max_days_per_week:
        return
    message = _(
        "Choose the weekdays: a period has at least %(min)s and at most %(max)s days of "
        "activity in a calendar week (189/2001 §13 b)."
    ) % {"min": limits.min_days_per_week, "max": limits.max_days_per_week}
    code = (
        PlacementError.TOO_FEW_DAYS_A_WEEK
        if count < limits.min_days_per_week
        else PlacementError.TOO_MANY_DAYS_A_WEEK
    )
    raise field_error(field, message, code)


def first_week_over(periods: Iterable[Period], *, max_days: int) -> dt.date | None:
    """The Monday of the first calendar week in which the periods together hold more than
    ``max_days`` days (a day in two overlapping periods counts once), or None."""
    weeks: defaultdict[dt.date, set[dt.date]] = defaultdict(set)
    for starts_on, ends_on, weekdays in periods:
        for day in period_dates(starts_on, ends_on, weekdays):
            weeks[day - dt.timedelta(days=day.weekday())].add(day)
    over = [monday for monday, days in weeks.items() if len(days) > max_days]
    return min(over, default=None)


def check_calendar_weeks(
    periods: Iterable[Period], *, limits: PeriodLimits, field: str = "weekdays"
) -> None:
    """The client's periods together hold at most 4 days in any calendar week
    (189/2001 §13 b): for a new period that overlaps another."""
    periods = list(periods)
    monday = first_week_over(periods, max_days=limits.max_days_per_week)
    if monday is None:
        return
    sunday = monday + dt.timedelta(days=6)
    count = len(
        {
            day
            for starts_on, ends_on, weekdays in periods
            for day in period_dates(max(starts_on, monday), min(ends_on, sunday), weekdays)
        }
    )
    message = _(
        "In the week starting on %(date)s the client would take part on %(count)s days in "
        "all; at most %(max)s days in a calendar week are allowed (189/2001 §13 b)."
    ) % {"date": day_label(monday), "count": count, "max": limits.max_days_per_week}
    raise field_error(field, message, PlacementError.TOO_MANY_DAYS_A_WEEK)


def check_hours(
    hours_per_day: Decimal | int,
    weekdays: Weekdays,
    *,
    limits: PeriodLimits,
    field: str = "hours_per_day",
) -> None:
    """At least 4 hours a day (189/2001 §13 b); at most 8 a day and 40 a week
    (189/2001 §14 1 mom with the Working Hours Act 872/2019 §5)."""
    hours = Decimal(hours_per_day)
    if hours < limits.min_hours_per_day:
        message = _("A day of activity lasts at least %(min)s hours (189/2001 §13 b).") % {
            "min": _number(limits.min_hours_per_day)
        }
        raise field_error(field, message, PlacementError.TOO_FEW_HOURS_A_DAY)
    if hours > limits.max_hours_per_day:
        message = _(
            "A day of activity lasts at most %(max)s hours (189/2001 §14 1 mom; 872/2019 §5)."
        ) % {"max": _number(limits.max_hours_per_day)}
        raise field_error(field, message, PlacementError.TOO_MANY_HOURS_A_DAY)
    total = hours * len(_weekday_set(weekdays))
    if total > limits.max_hours_per_week:
        message = _(
            "The activity lasts at most %(max)s hours a week, and these days and hours make "
            "%(total)s (189/2001 §14 1 mom; 872/2019 §5)."
        ) % {"max": _number(limits.max_hours_per_week), "total": _number(total)}
        raise field_error(field, message, PlacementError.TOO_MANY_HOURS_A_WEEK)


def check_period(
    starts_on: dt.date,
    ends_on: dt.date,
    weekdays: Weekdays,
    hours_per_day: Decimal | int,
    *,
    limits: PeriodLimits,
) -> None:
    """The period's own limits at once (length, days a week, hours), each refusal on its field
    (``ends_on``, ``weekdays``, ``hours_per_day``), so that a form shows them all together."""
    errors: dict[str, list[ValidationError]] = {}
    for check in (
        lambda: check_period_length(starts_on, ends_on, limits=limits),
        lambda: check_days_per_week(weekdays, limits=limits),
        lambda: check_hours(hours_per_day, weekdays, limits=limits),
    ):
        try:
            check()
        except ValidationError as error:
            error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


# --- Participation days in any 12 months ------------------------------------------------------


def _first_over(
    days: list[dt.date], new: frozenset[dt.date], limit: int
) -> tuple[dt.date, int] | None:
    """The first of the sorted ``days`` whose 12 months hold more than ``limit`` days and at
    least one of ``new``, with that count."""
    new_before = [0]  # new_before[i]: how many of days[:i] are new
    for day in days:
        new_before.append(new_before[-1] + (day in new))
    for index, day in enumerate(days):
        first = bisect_left(days, window_start(day))
        count = index + 1 - first
        if count > limit and new_before[index + 1] > new_before[first]:
            return day, count
    return None


def first_excess_day(
    existing: Iterable[dt.date],
    new: Iterable[dt.date],
    *,
    limit: int = MAX_PARTICIPATION_DAYS,
) -> dt.date | None:
    """The first day on which the client, with the ``new`` days added to the ``existing``
    ones, would have more than ``limit`` participation days in the 12 months ending that day;
    None when the new days keep within the limit.

    ``existing`` are the client's other days in any of their periods: the days attended in
    past periods, the planned days (:func:`period_dates`) of periods still to come. A day counts
    once however many periods hold it. Only windows that hold a new day are judged: an excess
    the new days take no part in is not theirs (the day found may lie after the new period,
    in a later period it pushes over the limit)."""
    new_days = frozenset(new)
    days = sorted(new_days | frozenset(existing))
    found = _first_over(days, new_days, limit)
    return found[0] if found else None


def check_participation_days(
    existing: Iterable[dt.date],
    new: Iterable[dt.date],
    *,
    limits: PeriodLimits,
    field: str = "starts_on",
) -> None:
    """At most 178 participation days in any 12 months, counting every period of the client
    (189/2001 §14 1 mom). ``new`` is usually ``period_dates(start, end, weekdays)``."""
    new_days = frozenset(new)
    days = sorted(new_days | frozenset(existing))
    found = _first_over(days, new_days, limits.max_participation_days)
    if found is None:
        return
    day, count = found
    message = _(
        "From %(from)s to %(date)s the client would have %(count)s participation days; at most "
        "%(max)s are allowed in any 12 months (189/2001 §14 1 mom)."
    ) % {
        "from": day_label(window_start(day)),
        "date": day_label(day),
        "count": count,
        "max": limits.max_participation_days,
    }
    raise field_error(field, message, PlacementError.PARTICIPATION_DAYS_EXCEEDED)


# --- The place ---------------------------------------------------------------------------------


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance between two (latitude, longitude) points, in kilometres.

    The haversine formula on a sphere of the Earth's mean radius: within 0.5 % of the true
    (ellipsoidal) distance, which is far finer than "80 km from home" needs; road distance is
    not what the rule measures here. Six lines, so no dependency."""
    lat1, lon1, lat2, lon2 = (math.radians(float(x)) for x in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def check_distance(
    home: Point, place: Point, *, consent: bool, limits: PeriodLimits, field: str = "place"
) -> None:
    """The place is within the commuting area, 80 km from the client's home, unless the client
    has consented to a longer way (189/2001 §14 3 mom; 380/2023 §10). A service without the
    coordinates of either end decides for itself; this check needs both."""
    km = distance_km(home, place)
    if consent or km <= limits.max_distance_km:
        return
    message = _(
        "The place is %(km)s km from the client's home, more than %(max)s km: it needs the "
        "client's consent (189/2001 §14 3 mom; 380/2023 §10)."
    ) % {"km": formats.number_format(round(km, 1), 1), "max": _number(limits.max_distance_km)}
    raise field_error(field, message, PlacementError.TOO_FAR_WITHOUT_CONSENT)


def check_producer(producer_type: str, *, field: str = "place") -> None:
    """A company cannot produce kuty, only its support and guidance (189/2001 §13 2 mom).
    ``producer_type`` is a :class:`polku.accounts.models.ProducerType` value."""
    if producer_type == ProducerType.COMPANY:
        raise field_error(
            field,
            _(
                "Rehabilitative work activity cannot be procured from a company; only its "
                "support and guidance can (189/2001 §13 2 mom)."
            ),
            PlacementError.COMPANY_PRODUCER,
        )


# --- Order -------------------------------------------------------------------------------------


def check_start_order(
    starts_on: dt.date,
    *,
    decided_on: dt.date | None,
    notice_on: dt.date | None,
    field: str = "starts_on",
) -> None:
    """A period starts at the earliest on the day of the decision on it (1301/2014 §45) and of
    the notice to the chief shop steward (189/2001 §16); without either it cannot start. Both
    refusals are raised together. The same day is allowed: the dates carry no time of day."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        if decided_on is None:
            raise field_error(
                field,
                _("A period cannot start before the decision on it is made (1301/2014 §45)."),
                PlacementError.START_BEFORE_DECISION,
            )
        not_before(
            field,
            starts_on,
            decided_on,
            _("A period cannot start before the decision on it, made on %(date)s (1301/2014 §45)."),
            PlacementError.START_BEFORE_DECISION,
        )
    except ValidationError as error:
        error.update_error_dict(errors)
    try:
        if notice_on is None:
            raise field_error(
                field,
                _(
                    "A period cannot start before the chief shop steward is notified (189/2001 §16)."
                ),
                PlacementError.START_BEFORE_NOTICE,
            )
        not_before(
            field,
            starts_on,
            notice_on,
            _(
                "A period cannot start before the notice to the chief shop steward, recorded on "
                "%(date)s (189/2001 §16)."
            ),
            PlacementError.START_BEFORE_NOTICE,
        )
    except ValidationError as error:
        error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
