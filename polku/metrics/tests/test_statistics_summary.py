"""The yearly statistics read the days of attendance the nightly summary counted, as the
dashboard does: the participation days and the persons who had them are the records' figures
whether the summary covers the year, part of it or none of it."""

from __future__ import annotations

import datetime as dt

import pytest

from polku.attendance.models import AttendanceDay, DayStatus
from polku.core import clock
from polku.metrics import statistics, summary
from polku.metrics.access import access_metrics
from polku.metrics.dashboard import Table
from polku.metrics.tests import builders as b
from polku.metrics.tests.test_summary import TODAY, _frozen, periods  # noqa: F401 - fixtures
from polku.placements.models import Period
from tests.people import People

D = dt.date


def _days(people: People) -> tuple[dict[tuple[str, str], tuple[int, int]], list[list[object]]]:
    """The days and persons by age band and gender, and the page's table of them."""
    grid = statistics._present_days(Period.objects.all(), D(2026, 1, 1), TODAY, D(2026, 12, 31))
    stats = statistics.build(scope=access_metrics(people.manager), year=2026, today=TODAY)
    table: Table = next(t for t in stats.tables if t.key == "days")
    return grid, [[row.label, *(c.export() for c in row.cells)] for row in table.rows]


def _records_only(first: dt.date, until: dt.date) -> dict[tuple[str, str], tuple[int, int]]:
    state = summary.SummaryState.objects.get(name=summary.ATTENDANCE)
    state.delete()
    try:
        return statistics._present_days(Period.objects.all(), first, until, until)
    finally:
        state.save()


@pytest.mark.django_db
def test_the_days_are_the_records_whatever_the_summary_covers(
    people: People,
    periods: list[Period],  # noqa: F811 - the fixture
) -> None:
    counted = _days(people)
    present = AttendanceDay.objects.filter(status=DayStatus.PRESENT, day__year=2026).count()
    assert sum(n for n, _p in counted[0].values()) == present > 0
    assert sum(p for _n, p in counted[0].values()) == 3  # each person in one cell
    assert counted[1][-1][-1] == "<5"  # three persons: suppressed on the page
    with clock.frozen(b.at(D(2026, 4, 15), 12)):
        summary.refresh()  # to 14 April summarised, the 15th onwards from the records
    assert summary.coverage().covered_until == D(2026, 4, 15)
    assert _days(people) == counted
    summary.refresh()  # the whole half-year summarised
    assert summary.coverage().covered_until == TODAY == D(2026, 7, 1)
    assert _days(people) == counted
    # A year that begins or ends within a month reads that month's days by their bits.
    for first, until in ((D(2026, 1, 15), D(2026, 6, 10)), (D(2026, 3, 3), D(2026, 3, 27))):
        assert statistics._present_days(Period.objects.all(), first, until, until) == (
            _records_only(first, until)
        )
    # A day corrected after the count shows from the next one, as on the dashboard.
    day = periods[0].attendance_days.filter(status=DayStatus.PRESENT, day__month=2).first()
    assert day is not None
    AttendanceDay.objects.filter(pk=day.pk).update(
        status=DayStatus.ABSENT, hours=None, reason="other", notice="on_the_day"
    )
    assert _days(people) == counted
    with clock.frozen(b.at(TODAY, 23)):
        summary.refresh()
    assert sum(n for n, _p in _days(people)[0].values()) == present - 1
