"""Which days a client is expected at the place, computed, never stored (SPEC §4).

A day of a period is **expected** when it is one of the period's weekdays, the place is open
on that weekday, it is not a holiday (``placements.deadlines.statutory_holidays``: the public
holidays and the days 150/1930 §5 names) nor one of the place's closed days, the period is not
interrupted on it, and it was not moved away by agreement; a day moved *to* is expected
instead. A holiday, a closure or a weekday the place is closed is **not organised**
(*palvelua ei järjestetä*): never an absence. A day outside the client's schedule is nothing.

Everything here works on rows already loaded, so a week or a month of a whole place is built
with a constant number of queries (``selectors.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Protocol

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from polku.attendance.models import AttendanceDay, DayStatus, Interruption, InterruptionOutcome
from polku.core import clock
from polku.placements.deadlines import statutory_holidays
from polku.placements.models import ClosedDay, Period, PeriodStatus, PlaceProfile

ONE_DAY = dt.timedelta(days=1)

# Why a weekday is not organised, one whole sentence a weekday: shown as is on the grids and
# inside brackets in the client's refusal, so it has none of its own (the weekday in
# brackets gave "(Paikka ei ole auki (lauantai))"), and each language words the day itself
# ("lauantaisin", "på lördagar", "on Saturdays").
CLOSED_ON = {
    0: pgettext_lazy("closed day", "The place is not open on Mondays"),
    1: pgettext_lazy("closed day", "The place is not open on Tuesdays"),
    2: pgettext_lazy("closed day", "The place is not open on Wednesdays"),
    3: pgettext_lazy("closed day", "The place is not open on Thursdays"),
    4: pgettext_lazy("closed day", "The place is not open on Fridays"),
    5: pgettext_lazy("closed day", "The place is not open on Saturdays"),
    6: pgettext_lazy("closed day", "The place is not open on Sundays"),
}


def dates(first: dt.date, last: dt.date) -> list[dt.date]:
    result = []
    day = first
    while day <= last:
        result.append(day)
        day += ONE_DAY
    return result


@cache
def _holidays(year: int, language: str) -> dict[dt.date, str]:
    return statutory_holidays(year)


def holidays_of(year: int) -> dict[dt.date, str]:
    """``statutory_holidays(year)`` in the active language, computed once per year and language
    (a month of a county's clients asks for it for every client's every day). Read only."""
    return _holidays(year, get_language() or "")


@cache
def holiday_dates(year: int) -> frozenset[dt.date]:
    """The dates of ``statutory_holidays(year)``, the same in every language."""
    return frozenset(statutory_holidays(year))


@dataclass(frozen=True)
class PlaceCalendar:
    """When a place organises work activity: its open weekdays (0 Monday … 6 Sunday) and its
    closed days with their reasons."""

    open_weekdays: frozenset[int]
    closed: dict[dt.date, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, profile: PlaceProfile | None, closed_days: Iterable[ClosedDay] = ()
    ) -> PlaceCalendar:
        return cls.of_weekdays(profile.weekdays if profile is not None else None, closed_days)

    @classmethod
    def of_weekdays(
        cls, weekdays: str | None, closed_days: Iterable[ClosedDay] = ()
    ) -> PlaceCalendar:
        """``of`` from the profile's ``weekdays`` column (None: the place has no profile)."""
        if weekdays is None:
            weekdays = "12345"
        return cls(
            open_weekdays=frozenset(
                int(d) - 1 for d in weekdays if d.isdigit() and "1" <= d <= "7"
            ),
            closed={row.day: row.reason for row in closed_days},
        )

    def organised(self, day: dt.date) -> bool:
        """Whether work activity is organised on ``day``: ``not_organised(day) is None``
        without wording the reason (the work queue's alerts ask this of every day of two
        months of every period at the worker's places and never show the reason)."""
        return (
            day.weekday() in self.open_weekdays
            and day not in self.closed
            and day not in holiday_dates(day.year)
        )

    def not_organised(self, day: dt.date) -> str | None:
        """Why no work activity is organised on ``day`` (in the active language), or None."""
        if day in holiday_dates(day.year):
            return holidays_of(day.year)[day]
        if day in self.closed:
            return self.closed[day] or _("The place is closed")
        if day.weekday() not in self.open_weekdays:
            return str(CLOSED_ON[day.weekday()])
        return None


class CellKind(StrEnum):
    """What one client's one day is, as the grid shows it."""

    OUTSIDE = "outside"  # not within the period
    NONE = "none"  # not one of the client's days
    NOT_ORGANISED = "not_organised"
    INTERRUPTED = "interrupted"
    EXPECTED = "expected"  # expected, not yet recorded
    RECORDED = "recorded"  # a record exists (present, absent or moved away)


@dataclass
class Cell:
    day: dt.date
    kind: CellKind
    record: AttendanceDay | None = None
    why: str = ""  # the not-organised reason

    @property
    def editable(self) -> bool:
        return self.kind in (CellKind.EXPECTED, CellKind.RECORDED)


def interrupted_on(interruptions: Sequence[Interruption], day: dt.date) -> bool:
    """Whether the period is interrupted on ``day``: from the start of an interruption up to
    the day it resumes (that day is expected again), or for good when it ended."""
    for row in interruptions:
        if day < row.starts_on:
            continue
        if row.outcome == "" or row.outcome == InterruptionOutcome.ENDED:
            return True
        if row.resolved_on is not None and day < row.resolved_on:
            return True
    return False


class Span(Protocol):
    """What ``day_kind`` reads of a period: a ``Period`` or a row of its columns."""

    @property
    def starts_on(self) -> dt.date: ...

    @property
    def ends_on(self) -> dt.date: ...

    @property
    def status(self) -> str: ...


def day_kind(
    period: Span,
    day: dt.date,
    *,
    calendar: PlaceCalendar,
    recorded: bool,
    moved_to: Collection[dt.date],
    weekdays: Collection[int],
    interruptions: Sequence[Interruption] = (),
) -> CellKind:
    """What ``day`` is for ``period`` (the rule of the module's docstring), without building
    a cell: ``recorded`` is whether the period has a record of the day, ``moved_to`` the days
    its moved days were moved to, ``weekdays`` the period's ISO weekdays."""
    if day < period.starts_on or day > period.ends_on or period.status == PeriodStatus.CANCELLED:
        return CellKind.OUTSIDE
    if recorded:
        return CellKind.RECORDED
    if not calendar.organised(day):
        return CellKind.NOT_ORGANISED
    if interruptions and interrupted_on(interruptions, day):
        return CellKind.INTERRUPTED
    if day.isoweekday() in weekdays or day in moved_to:
        return CellKind.EXPECTED
    return CellKind.NONE


def period_cell(
    period: Period,
    day: dt.date,
    *,
    calendar: PlaceCalendar,
    records: dict[dt.date, AttendanceDay],
    moved_to: set[dt.date],
    interruptions: Sequence[Interruption] = (),
    weekdays: Collection[int] | None = None,
) -> Cell:
    """What ``day`` is for ``period``. ``records`` are the period's records by day and
    ``moved_to`` the days its moved days were moved to; ``weekdays`` the period's ISO
    weekdays when the caller has them already."""
    record = records.get(day)
    kind = day_kind(
        period,
        day,
        calendar=calendar,
        recorded=record is not None,
        moved_to=moved_to,
        weekdays=period.weekday_numbers if weekdays is None else weekdays,
        interruptions=interruptions,
    )
    if kind == CellKind.OUTSIDE or kind == CellKind.RECORDED:
        return Cell(day, kind, record)
    if kind == CellKind.NOT_ORGANISED:
        return Cell(day, kind, why=calendar.not_organised(day) or "")
    return Cell(day, kind)


def period_cells(
    period: Period,
    first: dt.date,
    last: dt.date,
    *,
    calendar: PlaceCalendar,
    records: Iterable[AttendanceDay],
    interruptions: Sequence[Interruption] = (),
) -> list[Cell]:
    by_day = {row.day: row for row in records}
    moved_to = {
        row.moved_to
        for row in by_day.values()
        if row.status == DayStatus.MOVED and row.moved_to is not None
    }
    weekdays = frozenset(period.weekday_numbers)
    return [
        period_cell(
            period,
            day,
            calendar=calendar,
            records=by_day,
            moved_to=moved_to,
            interruptions=interruptions,
            weekdays=weekdays,
        )
        for day in dates(first, last)
    ]


def period_day_kinds(
    period: Span,
    first: dt.date,
    last: dt.date,
    *,
    weekdays: Collection[int],
    calendar: PlaceCalendar,
    recorded: Collection[dt.date],
    moved_to: Collection[dt.date],
    interruptions: Sequence[Interruption] = (),
) -> list[tuple[dt.date, CellKind]]:
    """``period_cells`` as (day, kind) pairs, for readers that need only the kinds (the work
    queue's alerts): no cells, no model instances, no not-organised reasons worded."""
    return [
        (
            day,
            day_kind(
                period,
                day,
                calendar=calendar,
                recorded=day in recorded,
                moved_to=moved_to,
                weekdays=weekdays,
                interruptions=interruptions,
            ),
        )
        for day in dates(first, last)
    ]


def participation_dates(cells: Iterable[Cell], *, today: dt.date) -> list[dt.date]:
    """The participation days among ``cells``: the days recorded present, and the expected
    days not yet recorded from today on (the planned days still to come). A past day nobody
    recorded counts too, until someone records it: the limit is kept, not guessed."""
    del today  # every unrecorded expected day counts, past or future
    result = []
    for cell in cells:
        if cell.kind == CellKind.RECORDED and cell.record is not None:
            if cell.record.status == DayStatus.PRESENT:
                result.append(cell.day)
        elif cell.kind == CellKind.EXPECTED:
            result.append(cell.day)
    return result


# --- The source of the 178-day rule ----------------------------------------------------------


def recorded_participation_days(periods: Sequence[Period]) -> list[dt.date]:
    """Every participation day of ``periods``: present days recorded and expected days not
    recorded (``participation_dates``), in four queries whatever the number of periods."""
    periods = [p for p in periods if p.status != PeriodStatus.CANCELLED]
    if not periods:
        return []
    ids = [p.pk for p in periods]
    records: dict[int, list[AttendanceDay]] = {}
    for row in AttendanceDay.objects.filter(period_id__in=ids):
        records.setdefault(row.period_id, []).append(row)
    stops: dict[int, list[Interruption]] = {}
    for stop in Interruption.objects.filter(period_id__in=ids):
        stops.setdefault(stop.period_id, []).append(stop)
    place_ids = {p.place_id for p in periods}
    profiles = {pr.place_id: pr for pr in PlaceProfile.objects.filter(place_id__in=place_ids)}
    closed: dict[int, list[ClosedDay]] = {}
    for closed_day in ClosedDay.objects.filter(profile__place_id__in=place_ids).select_related(
        "profile"
    ):
        closed.setdefault(closed_day.profile.place_id, []).append(closed_day)
    today = clock.today()
    result: list[dt.date] = []
    for period in periods:
        calendar = PlaceCalendar.of(profiles.get(period.place_id), closed.get(period.place_id, ()))
        cells = period_cells(
            period,
            period.starts_on,
            period.ends_on,
            calendar=calendar,
            records=records.get(period.pk, ()),
            interruptions=stops.get(period.pk, ()),
        )
        result += participation_dates(cells, today=today)
    return result


def register() -> None:
    from polku.placements.participation import register_participation_days

    register_participation_days(recorded_participation_days)
