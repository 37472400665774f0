"""The month report's arithmetic (SPEC §4, §3 money): what one client's period was in one
calendar month, computed from the period's cells (``days.period_cells``), never stored.

Only a day recorded present is a participation day, and only a participation day earns the
allowance (kulukorvaus from Kela or toimintaraha from the organiser, per the period's
``compensation``), the travel compensation (days only: the amounts are actual costs) and the
state compensation to the organiser. No absence earns any of them; a day moved by agreement
earns on the day it moved to, when that day is recorded present. An expected day in the past
that nobody recorded is *not recorded* (not paid) until someone records it. Amounts are
statutory values with effective dates: the value in force on each day is used, so a change in
the middle of a month is paid correctly.

Everything here works on rows already loaded (``selectors/reports.py`` loads them in a
constant number of queries per chunk of periods).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from typing import ClassVar, Protocol, cast

from django.utils import formats
from django.utils.translation import gettext as _

from polku.attendance.days import (
    Cell,
    CellKind,
    PlaceCalendar,
    dates,
    holiday_dates,
    period_cell,
)
from polku.attendance.models import (
    EXCUSED_REASONS,
    AbsenceReason,
    AttendanceDay,
    DayStatus,
    Interruption,
    Notice,
)
from polku.placements.models import CompensationBasis, Period

ALLOWANCE_KEYS: dict[str, str] = {
    CompensationBasis.KULUKORVAUS: "kulukorvaus_per_day",
    CompensationBasis.TOIMINTARAHA: "toimintaraha_per_day",
}
STATE_KEY = "state_compensation_per_day"
RATE_KEYS = (*ALLOWANCE_KEYS.values(), STATE_KEY)
CENT = Decimal("0.01")

Rate = Callable[[dt.date], Decimal]  # a statutory value as a function of the day


@dataclass(frozen=True, slots=True)
class Recorded:
    """The fields of an ``AttendanceDay`` the report reads, without the model instance (a
    county's year is hundreds of thousands of rows)."""

    day: dt.date
    status: str
    hours: Decimal | None
    reason: str
    notice: str
    moved_to: dt.date | None

    FIELDS: ClassVar[tuple[str, ...]] = ("day", "status", "hours", "reason", "notice", "moved_to")


Record = AttendanceDay | Recorded


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    MIN_YEAR = 2000
    MAX_YEAR = 2100

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """``2026-03`` (the value of ``<input type="month">``), or None."""
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", (text or "").strip())
        if found is None:
            return None
        year, month = int(found[1]), int(found[2])
        if not (1 <= month <= 12 and cls.MIN_YEAR <= year <= cls.MAX_YEAR):
            return None
        return cls(year, month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return self.next().first - dt.timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def key(self) -> str:
        """``2026-03``: the URL parameter and the audit value."""
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        """``maaliskuu 2026`` in the active language."""
        return formats.date_format(self.first, "YEAR_MONTH_FORMAT")

    def __str__(self) -> str:
        return self.label


def year_months(year: int) -> list[Month]:
    return [Month(year, month) for month in range(1, 13)]


@dataclass
class Figures:
    """One client's month (or a sum of them): counts of days and the amounts due."""

    scheduled: int = 0  # the client's weekdays within the period and the month
    present: int = 0  # participation days: recorded present
    hours: Decimal = Decimal(0)
    absent: int = 0
    excused: int = 0
    unexcused: int = 0
    own_illness: int = 0
    child_illness: int = 0
    employment: int = 0
    trust_position: int = 0
    other_reason: int = 0
    in_advance: int = 0
    on_the_day: int = 0
    not_reported: int = 0
    holidays: int = 0  # not organised: a public holiday on one of the client's days
    closed: int = 0  # not organised: the place closed (or not open that weekday)
    interrupted: int = 0
    moved: int = 0  # days moved away by agreement (the participation day moved)
    not_recorded: int = 0  # expected days in the past nobody recorded: not paid
    planned: int = 0  # expected days from today on
    allowance_days: int = 0
    allowance_amount: Decimal = Decimal("0.00")
    travel_days: int = 0
    state_days: int = 0
    state_amount: Decimal = Decimal("0.00")

    @property
    def not_organised(self) -> int:
        return self.holidays + self.closed

    def add(self, other: Figures) -> None:
        for name in FIGURE_NAMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))


FIGURE_NAMES = tuple(item.name for item in fields(Figures))


REASON_FIELDS = {
    AbsenceReason.OWN_ILLNESS: "own_illness",
    AbsenceReason.CHILD_ILLNESS: "child_illness",
    AbsenceReason.EMPLOYMENT: "employment",
    AbsenceReason.TRUST_POSITION: "trust_position",
    AbsenceReason.OTHER: "other_reason",
}
NOTICE_FIELDS = {
    Notice.IN_ADVANCE: "in_advance",
    Notice.ON_THE_DAY: "on_the_day",
    Notice.NOT_REPORTED: "not_reported",
}


@dataclass
class ClientMonth:
    """One period's month: the period, its cells and its figures."""

    period: Period
    month: Month
    cells: list[Cell]
    figures: Figures
    allowance_basis: str = ""  # CompensationBasis value, or "" when none was decided
    rates: dict[str, set[Decimal]] = field(default_factory=dict)

    @property
    def client_name(self) -> str:
        client = self.period.relationship.client
        return f"{client.last_name} {client.first_name}"

    @property
    def allowance_label(self) -> str:
        if not self.allowance_basis:
            return _("No allowance decided")
        return str(CompensationBasis(self.allowance_basis).label)

    @property
    def listed_cells(self) -> list[Cell]:
        """The days the client's day list shows: recorded, expected, not organised or
        interrupted days of their schedule."""
        return [
            cell
            for cell in self.cells
            if cell.kind not in (CellKind.OUTSIDE, CellKind.NONE)
            and (cell.kind != CellKind.NOT_ORGANISED or _scheduled(self.period, cell.day))
            and (cell.kind != CellKind.INTERRUPTED or _scheduled(self.period, cell.day))
        ]


class Tallied(Protocol):
    """What :func:`tally_record` reads of a recorded day (an ``AttendanceDay``, a
    ``Recorded`` or a group session's mark)."""

    @property
    def status(self) -> str: ...
    @property
    def hours(self) -> Decimal | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def notice(self) -> str: ...


def tally_record(
    figures: Figures,
    record: Tallied,
    day: dt.date,
    *,
    basis: str,
    travel: bool,
    earn: Callable[[str, dt.date], Decimal],
) -> None:
    """Add one recorded day to ``figures``: a present day is a participation day and earns
    the state compensation, the allowance of ``basis`` (none when "") and a travel day; an
    absence earns nothing and is counted by reason and notice; a moved day is counted as
    moved. The one arithmetic of a recorded day, shared by a place's month and a group's
    sessions (``polku.groups``)."""
    if record.status == DayStatus.PRESENT:
        figures.present += 1
        figures.hours += record.hours or Decimal(0)
        figures.state_days += 1
        figures.state_amount += earn(STATE_KEY, day)
        if basis:
            figures.allowance_days += 1
            figures.allowance_amount += earn(ALLOWANCE_KEYS[basis], day)
        if travel:
            figures.travel_days += 1
    elif record.status == DayStatus.ABSENT:
        figures.absent += 1
        if record.reason in EXCUSED_REASONS:
            figures.excused += 1
        else:
            figures.unexcused += 1
        reason_field = REASON_FIELDS.get(AbsenceReason(record.reason))
        if reason_field:
            setattr(figures, reason_field, getattr(figures, reason_field) + 1)
        notice_field = NOTICE_FIELDS.get(Notice(record.notice))
        if notice_field:
            setattr(figures, notice_field, getattr(figures, notice_field) + 1)
    elif record.status == DayStatus.MOVED:
        figures.moved += 1


def _scheduled(period: Period, day: dt.date) -> bool:
    return day.isoweekday() in period.weekday_numbers


def month_cells(
    period: Period,
    month: Month,
    *,
    calendar: PlaceCalendar,
    records: Iterable[Record],
    interruptions: Sequence[Interruption] = (),
) -> list[Cell]:
    """The cells of the month's days that can count (``period_cell`` for each): the period's
    weekdays, the days with a record and the days moved to; the rest of the month (weekends,
    days off the schedule) is nothing to the report, so it is not computed."""
    first = max(month.first, period.starts_on)
    last = min(month.last, period.ends_on)
    if first > last:
        return []
    by_day = cast(dict[dt.date, AttendanceDay], {row.day: row for row in records})
    moved_to = {
        row.moved_to
        for row in by_day.values()
        if row.status == DayStatus.MOVED and row.moved_to is not None
    }
    weekdays = set(period.weekday_numbers)
    days = {day for day in dates(first, last) if day.isoweekday() in weekdays}
    days |= {day for day in (*by_day, *moved_to) if first <= day <= last}
    return [
        period_cell(
            period,
            day,
            calendar=calendar,
            records=by_day,
            moved_to=moved_to,
            interruptions=interruptions,
        )
        for day in sorted(days)
    ]


def client_month(
    period: Period,
    month: Month,
    *,
    calendar: PlaceCalendar,
    records: Iterable[Record],
    interruptions: Sequence[Interruption] = (),
    rates: dict[str, Rate],
    today: dt.date,
) -> ClientMonth:
    """The figures of ``period`` in ``month``. ``records`` are the period's records of the
    month and those moved into it; ``rates`` holds a function of the day for each key of
    ``RATE_KEYS``."""
    cells = month_cells(
        period, month, calendar=calendar, records=records, interruptions=interruptions
    )
    figures = Figures()
    basis = period.compensation if period.compensation in ALLOWANCE_KEYS else ""
    used: dict[str, set[Decimal]] = {}
    weekdays = set(period.weekday_numbers)

    def earn(key: str, day: dt.date) -> Decimal:
        value = rates[key](day)
        used.setdefault(key, set()).add(value)
        return value

    for cell in cells:
        day = cell.day
        if cell.kind == CellKind.OUTSIDE:
            continue
        scheduled = day.isoweekday() in weekdays
        if scheduled:
            figures.scheduled += 1
        if cell.kind == CellKind.NOT_ORGANISED:
            if scheduled:
                if day in holiday_dates(day.year) and day not in calendar.closed:
                    figures.holidays += 1
                else:
                    figures.closed += 1
        elif cell.kind == CellKind.INTERRUPTED:
            if scheduled:
                figures.interrupted += 1
        elif cell.kind == CellKind.EXPECTED:
            if day < today:
                figures.not_recorded += 1
            else:
                figures.planned += 1
        elif cell.kind == CellKind.RECORDED and cell.record is not None:
            tally_record(
                figures,
                cell.record,
                day,
                basis=basis,
                travel=period.travel_compensation,
                earn=earn,
            )
    figures.allowance_amount = figures.allowance_amount.quantize(CENT)
    figures.state_amount = figures.state_amount.quantize(CENT)
    return ClientMonth(
        period=period, month=month, cells=cells, figures=figures, allowance_basis=basis, rates=used
    )


# --- A month from counted days -----------------------------------------------------------------
#
# A county's year is hundreds of thousands of recorded days. Where no day list is shown (a
# place's or an organiser's report, the year's XLSX) the database counts the recorded days per
# period and month (``selectors.reports.counted_months``) and the calendar is worked out on bit
# masks of the month's days (bit 0 the 1st): the same figures as :func:`client_month` computes
# from the cells, without a row or a cell in Python.


@dataclass(frozen=True, slots=True)
class Counted:
    """A period's recorded days in one month (within the period), as the database counted
    them: ``recorded`` and ``present`` are masks of the days, the rest counts of the figures
    of the same names."""

    recorded: int = 0
    present: int = 0
    hours: Decimal = Decimal(0)
    counts: tuple[tuple[str, int], ...] = ()


NO_COUNT = Counted()
# The figures the database counts from the absences and moves (Figures' field names).
COUNTED_FIELDS = (
    "absent",
    "excused",
    *REASON_FIELDS.values(),
    *NOTICE_FIELDS.values(),
    "moved",
)


def day_mask(days: Iterable[dt.date]) -> int:
    mask = 0
    for day in days:
        mask |= 1 << (day.day - 1)
    return mask


def range_mask(first: int, last: int) -> int:
    """The days ``first``..``last`` of a month (1-based) as a mask."""
    return ((1 << last) - 1) & ~((1 << (first - 1)) - 1)


@cache
def weekday_mask(year: int, month: int, weekdays: frozenset[int]) -> int:
    """The days of the month on the ISO weekdays ``weekdays``."""
    first = dt.date(year, month, 1)
    length = (Month(year, month).last - first).days + 1
    return day_mask(
        first + dt.timedelta(days=i)
        for i in range(length)
        if (first + dt.timedelta(days=i)).isoweekday() in weekdays
    )


@dataclass(frozen=True, slots=True)
class MonthCalendar:
    """A place's month as masks: the days not organised, and among them the holidays (a
    holiday that is also one of the place's closed days counts as closed, as in
    :func:`client_month`)."""

    not_organised: int
    holidays: int

    @classmethod
    def of(cls, calendar: PlaceCalendar, month: Month) -> MonthCalendar:
        holidays = holiday_dates(month.year)
        not_organised = holiday = 0
        for day in dates(month.first, month.last):
            bit = 1 << (day.day - 1)
            if (
                day in holidays
                or day in calendar.closed
                or day.weekday() not in calendar.open_weekdays
            ):
                not_organised |= bit
                if day in holidays and day not in calendar.closed:
                    holiday |= bit
        return cls(not_organised=not_organised, holidays=holiday)


def rate_masks(rate: Rate, month: Month) -> list[tuple[int, Decimal]]:
    """The month's days grouped by the rate in force on them: (mask, value) pairs (one pair
    unless the amount changed in the month)."""
    by_value: dict[Decimal, int] = {}
    for day in dates(month.first, month.last):
        value = rate(day)
        by_value[value] = by_value.get(value, 0) | (1 << (day.day - 1))
    return [(mask, value) for value, mask in by_value.items()]


def counted_month(
    period: Period,
    month: Month,
    *,
    calendar: MonthCalendar,
    counted: Counted,
    moved_to: int,
    interrupted: int,
    rates: Callable[[str, Month], list[tuple[int, Decimal]]],
    today: dt.date,
) -> ClientMonth:
    """The figures of ``period`` in ``month`` from the database's counts (:class:`Counted`),
    the masks of the days moved into the month (``moved_to``) and of the days the period is
    interrupted (``interrupted``), and the rates as masks of the month's days. The same
    figures as :func:`client_month`; ``cells`` is left empty."""
    first = max(month.first, period.starts_on)
    last = min(month.last, period.ends_on)
    span = range_mask(first.day, last.day) if first <= last else 0
    scheduled = weekday_mask(month.year, month.month, frozenset(period.weekday_numbers)) & span
    if today <= month.first:
        past = 0
    elif today > month.last:
        past = span
    else:
        past = range_mask(1, today.day - 1) if today.day > 1 else 0
    unrecorded = ~counted.recorded
    closed = calendar.not_organised
    holidays = calendar.holidays
    expected = (scheduled | (moved_to & span)) & unrecorded & ~closed & ~interrupted
    figures = Figures(
        scheduled=scheduled.bit_count(),
        present=counted.present.bit_count(),
        hours=counted.hours,
        holidays=(scheduled & unrecorded & closed & holidays).bit_count(),
        closed=(scheduled & unrecorded & closed & ~holidays).bit_count(),
        interrupted=(scheduled & unrecorded & ~closed & interrupted).bit_count(),
        not_recorded=(expected & past).bit_count(),
        planned=(expected & ~past).bit_count(),
    )
    for name, value in counted.counts:
        setattr(figures, name, value)
    figures.unexcused = figures.absent - figures.excused
    basis = period.compensation if period.compensation in ALLOWANCE_KEYS else ""
    used: dict[str, set[Decimal]] = {}

    def earned(key: str) -> Decimal:
        amount = Decimal(0)
        for mask, value in rates(key, month):
            days = (counted.present & mask).bit_count()
            if days:
                amount += days * value
                used.setdefault(key, set()).add(value)
        return amount.quantize(CENT)

    if figures.present:
        figures.state_days = figures.present
        figures.state_amount = earned(STATE_KEY)
        if basis:
            figures.allowance_days = figures.present
            figures.allowance_amount = earned(ALLOWANCE_KEYS[basis])
        if period.travel_compensation:
            figures.travel_days = figures.present
    return ClientMonth(
        period=period, month=month, cells=[], figures=figures, allowance_basis=basis, rates=used
    )


@dataclass
class PlaceTotal:
    """The sum of the months of the periods at one place (the organiser's overview)."""

    place_id: int
    place_name: str
    clients: int = 0
    figures: Figures = field(default_factory=Figures)


def total(months: Iterable[ClientMonth]) -> Figures:
    result = Figures()
    for item in months:
        result.add(item.figures)
    return result


def cell_label(cell: Cell, *, today: dt.date) -> str:
    """What a day of the client's day list was, in words of the active language."""
    if cell.kind == CellKind.NOT_ORGANISED:
        return _("Not organised: %(why)s") % {"why": cell.why}
    if cell.kind == CellKind.INTERRUPTED:
        return _("Interrupted")
    if cell.kind == CellKind.EXPECTED:
        return _("Not recorded") if cell.day < today else _("Planned")
    record = cell.record
    if record is None:
        return ""
    if record.status == DayStatus.PRESENT:
        hours = (record.hours or Decimal(0)).normalize()
        return _("Present, %(hours)s h") % {"hours": formats.number_format(hours, use_l10n=True)}
    if record.status == DayStatus.MOVED and record.moved_to is not None:
        return _("Moved by agreement to %(date)s") % {
            "date": f"{record.moved_to.day}.{record.moved_to.month}.{record.moved_to.year}"
        }
    return _("Absent: %(reason)s; %(notice)s") % {
        "reason": AbsenceReason(record.reason).label,
        "notice": str(Notice(record.notice).label).lower(),
    }
