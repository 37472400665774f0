"""The kinds of days without cells (``days.day_kind``, ``days.period_day_kinds``), which the work
queue's alerts read instead of ``period_cells``: the same rule, day by day, as the cells the
grids show."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from polku.attendance.days import (
    CellKind,
    PlaceCalendar,
    dates,
    period_cells,
    period_day_kinds,
)
from polku.attendance.models import AttendanceDay, DayStatus, Interruption, InterruptionOutcome
from polku.placements.models import ClosedDay, Period, PeriodStatus

FIRST, LAST = dt.date(2025, 12, 1), dt.date(2026, 7, 31)


def calendar() -> PlaceCalendar:
    """Open Monday to Saturday, closed for a week in July and on one day in March."""
    closed = [ClosedDay(day=dt.date(2026, 7, d), reason="Kesätauko") for d in range(6, 11)]
    closed.append(ClosedDay(day=dt.date(2026, 3, 13), reason=""))
    return PlaceCalendar.of_weekdays("123456", closed)


def period(**fields: object) -> Period:
    values: dict[str, object] = {
        "starts_on": dt.date(2025, 12, 10),
        "ends_on": dt.date(2026, 7, 20),
        "status": PeriodStatus.ACTIVE,
        "weekdays": "135",
    }
    values.update(fields)
    return Period(**values)


def records(p: Period) -> list[AttendanceDay]:
    """Present and absent days, a Monday moved to a Tuesday, a day recorded outside the
    schedule and one after the period."""
    return [
        AttendanceDay(period=p, day=dt.date(2026, 1, 5), status=DayStatus.PRESENT),
        AttendanceDay(period=p, day=dt.date(2026, 1, 7), status=DayStatus.ABSENT),
        AttendanceDay(
            period=p,
            day=dt.date(2026, 1, 12),
            status=DayStatus.MOVED,
            moved_to=dt.date(2026, 1, 13),
        ),
        AttendanceDay(period=p, day=dt.date(2026, 1, 15), status=DayStatus.PRESENT),
        AttendanceDay(period=p, day=dt.date(2026, 7, 24), status=DayStatus.PRESENT),
    ]


def interruptions() -> list[Interruption]:
    return [
        Interruption(
            starts_on=dt.date(2026, 2, 2),
            outcome=InterruptionOutcome.RESUMED,
            resolved_on=dt.date(2026, 2, 16),
        ),
        Interruption(starts_on=dt.date(2026, 6, 22), outcome=""),
    ]


def kinds_of_cells(p: Period, stops: list[Interruption]) -> list[tuple[dt.date, CellKind]]:
    cells = period_cells(
        p, FIRST, LAST, calendar=calendar(), records=records(p), interruptions=stops
    )
    return [(cell.day, cell.kind) for cell in cells]


def kinds(p: Period, stops: list[Interruption]) -> list[tuple[dt.date, CellKind]]:
    rows = records(p)
    return period_day_kinds(
        p,
        FIRST,
        LAST,
        weekdays=p.weekday_numbers,
        calendar=calendar(),
        recorded={r.day for r in rows},
        moved_to={r.moved_to for r in rows if r.status == DayStatus.MOVED and r.moved_to},
        interruptions=stops,
    )


def test_the_kinds_are_the_cells_kinds_day_by_day() -> None:
    p = period()
    found = kinds(p, interruptions())
    assert found == kinds_of_cells(p, interruptions())
    seen = {kind for _, kind in found}
    assert seen == set(CellKind)  # every kind is among the compared days


def test_the_kinds_of_a_cancelled_period_are_outside() -> None:
    p = period(status=PeriodStatus.CANCELLED)
    assert kinds(p, []) == kinds_of_cells(p, [])
    assert {kind for _, kind in kinds(p, [])} == {CellKind.OUTSIDE}


def test_organised_is_no_reason_for_every_day_in_every_language() -> None:
    place = calendar()
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            for day in dates(FIRST, LAST):
                assert place.organised(day) == (place.not_organised(day) is None), day
    assert not place.organised(dt.date(2025, 12, 25))  # Christmas Day, a Thursday
    assert not place.organised(dt.date(2026, 3, 13))  # the closed day without a reason
    assert not place.organised(dt.date(2026, 3, 15))  # a Sunday
    assert place.organised(dt.date(2026, 3, 14))  # a Saturday, open


def test_a_place_without_a_profile_is_open_monday_to_friday() -> None:
    assert PlaceCalendar.of_weekdays(None) == PlaceCalendar.of(None)
    assert PlaceCalendar.of_weekdays(None).open_weekdays == frozenset(range(5))
    assert PlaceCalendar.of_weekdays("").open_weekdays == frozenset()
