"""The attendance summary (polku/metrics/summary.py): the figures read through it are the ones
counted from the records, for any period (whole months, a month begun or ended midway, the
current month), on both databases; a correction shows from the next count; the nightly job."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Sum
from django_q.models import Schedule

from polku.accounts.models import User
from polku.attendance.models import AttendanceDay, DayStatus, Notice, Source
from polku.core import clock
from polku.jobs import tasks
from polku.metrics import summary
from polku.metrics.figures import (
    AGE_BANDS,
    FEMALE,
    MALE,
    UNKNOWN,
    Filters,
    Selection,
    attendance_and_absences,
    compute,
)
from polku.metrics.models import DAY_KINDS, AttendanceMonth, SummaryState
from polku.metrics.tests import builders as b
from polku.placements.models import Period
from tests.people import People

D = dt.date
TODAY = D(2026, 7, 1)
REASONS = ("own_illness", "other", "child_illness")
NOTICES = (Notice.IN_ADVANCE, Notice.ON_THE_DAY, Notice.NOT_REPORTED)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def record(period: Period, worker: User, day: dt.date, i: int) -> AttendanceDay:
    """A day of every kind in turn: present, absent (three reasons, three ways reported),
    moved by agreement."""
    kind = i % 5
    present = kind < 2
    absent = kind in (2, 3)
    return AttendanceDay.objects.create(
        period=period,
        relationship=period.relationship,
        day=day,
        status=DayStatus.PRESENT if present else DayStatus.ABSENT if absent else DayStatus.MOVED,
        hours=Decimal(4) if present else None,
        reason=REASONS[i % 3] if absent else "",
        notice=NOTICES[(i // 3) % 3] if absent else "",
        moved_to=day + dt.timedelta(days=1) if kind == 4 else None,
        reported_by=worker,
        reported_via=Source.PLACE,
        recorded_by=worker,
        recorded_via=Source.PLACE,
    )


@pytest.fixture
def periods(people: People) -> list[Period]:
    """Three clients at the place from January to the end of June, a day recorded on every
    weekday (the third client on every other one)."""
    made = []
    for n in range(3):
        period = b.pathway(
            unit=people.unit,
            worker=people.worker,
            contact=D(2025, 12, 1),
            place=people.place,
            start=D(2026, 1, 2),
            end=D(2026, 6, 30),
        )["period"]
        day, i = period.starts_on, n
        while day <= period.ends_on:
            if day.weekday() < 5 and (n < 2 or day.toordinal() % 2):
                record(period, people.worker, day, i)
                i += 1
            day += dt.timedelta(days=1)
        made.append(period)
    return made


def selection(people: People, start: dt.date, end: dt.date, today: dt.date = TODAY) -> Selection:
    return Selection(frozenset({people.unit.pk}), Filters(start, end), today)


STARTS = (D(2026, 1, 1), D(2026, 1, 15), D(2026, 2, 1), D(2026, 2, 28), D(2026, 3, 31))
ENDS = (D(2026, 1, 31), D(2026, 2, 1), D(2026, 3, 14), D(2026, 3, 31), D(2026, 6, 30))


@pytest.mark.django_db
def test_the_summary_gives_the_records_figures_for_any_period(
    people: People, periods: list[Period]
) -> None:
    ranges = [(s, e) for s, e in itertools.product(STARTS, ENDS) if s <= e]
    counted = {r: attendance_and_absences(selection(people, *r)) for r in ranges}
    assert counted[(D(2026, 1, 1), D(2026, 6, 30))][0].persons == 3
    assert summary.refresh()["rows"] > 0
    covered = summary.coverage()
    assert covered.covered_until == D(2026, 7, 1)
    assert covered.refreshed_at == b.at(TODAY, 12)
    assert summary.split(D(2026, 1, 1), D(2026, 6, 30), covered) == (
        (D(2026, 1, 1), D(2026, 6, 30)),
        None,
    )
    assert summary.split(D(2026, 1, 15), D(2026, 7, 1), covered) == (
        (D(2026, 1, 15), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 7, 1)),
    )
    assert summary.split(D(2026, 7, 1), D(2026, 7, 1), covered) == (None, (D(2026, 7, 1),) * 2)
    for r in ranges:
        assert attendance_and_absences(selection(people, *r), covered) == counted[r], r
    # The summary has one row per period and month, each kind's days counted.
    february = periods[0].attendance_days.filter(day__month=2)
    row = (
        AttendanceMonth.objects.filter(period=periods[0], month=D(2026, 2, 1), months=1)
        .values()
        .get()
    )
    assert row["recorded"] == february.count()
    assert row["present"] == february.filter(status=DayStatus.PRESENT).count()
    assert row["absent"] == february.filter(status=DayStatus.ABSENT).count()
    assert (row["absent_own_illness_planned"] or 0) == (
        february.filter(reason="own_illness", notice=Notice.IN_ADVANCE).count()
    )


@pytest.mark.django_db
def test_the_months_not_yet_summarised_come_from_the_records(
    people: People, periods: list[Period]
) -> None:
    """Counted on 15 April: the days to 14 April from the summary (April's by their bits), the
    days since from the records, and a period of those days alone from the records."""
    with clock.frozen(b.at(D(2026, 4, 15), 12)):
        summary.refresh()
    covered = summary.coverage()
    assert covered.covered_until == D(2026, 4, 15)
    whole = selection(people, D(2026, 1, 1), D(2026, 6, 30))
    assert summary.split(whole.start, whole.last_day, covered) == (
        (D(2026, 1, 1), D(2026, 4, 14)),
        (D(2026, 4, 15), D(2026, 6, 30)),
    )
    april = AttendanceMonth.objects.filter(month=D(2026, 4, 1), months=1)
    assert april.exists()
    assert (
        sum(n or 0 for n in april.values_list("recorded", flat=True))
        == AttendanceDay.objects.filter(day__range=(D(2026, 4, 1), D(2026, 4, 14))).count()
    )
    assert not AttendanceMonth.objects.filter(month__gt=D(2026, 4, 1)).exists()
    # The first quarter, complete, has its rows; the second, not complete, has none.
    assert AttendanceMonth.objects.filter(months=3, month=D(2026, 1, 1)).exists()
    assert not AttendanceMonth.objects.filter(months=3, month=D(2026, 4, 1)).exists()
    for start, end in (
        (D(2026, 1, 1), D(2026, 6, 30)),
        (D(2026, 4, 1), D(2026, 4, 30)),
        (D(2026, 4, 10), D(2026, 4, 20)),
        (D(2026, 4, 15), D(2026, 4, 30)),
    ):
        sel = selection(people, start, end)
        with_summary = attendance_and_absences(sel, covered)
        assert with_summary == attendance_and_absences(sel, summary.Coverage()), (start, end)


def test_whole_months_are_read_as_the_fewest_rows() -> None:
    """Years and quarters of complete months (before the month of the count) as one row each,
    the rest month by month."""
    assert summary.blocks(D(2025, 12, 1), D(2026, 11, 1), D(2026, 12, 1)) == {
        1: [D(2025, 12, 1), D(2026, 10, 1), D(2026, 11, 1)],
        3: [D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1)],
    }
    assert summary.blocks(D(2024, 11, 1), D(2026, 2, 1), D(2026, 3, 1)) == {
        1: [D(2024, 11, 1), D(2024, 12, 1), D(2026, 1, 1), D(2026, 2, 1)],
        12: [D(2025, 1, 1)],
    }
    # The quarter of the count's month has no row of its own yet.
    assert summary.blocks(D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)) == {
        1: [D(2026, 1, 1), D(2026, 2, 1)]
    }
    assert summary.blocks(D(2026, 1, 1), D(2026, 3, 1), D(2026, 4, 1)) == {3: [D(2026, 1, 1)]}


@pytest.mark.django_db
def test_a_quarter_s_row_is_its_months_rows_summed(people: People, periods: list[Period]) -> None:
    summary.refresh()  # on 1 July: the first and second quarters complete, no year
    assert not AttendanceMonth.objects.filter(months=12).exists()
    for quarter in (D(2026, 1, 1), D(2026, 4, 1)):
        row = AttendanceMonth.objects.filter(period=periods[1], month=quarter, months=3)
        months = AttendanceMonth.objects.filter(
            period=periods[1], months=1, month__range=(quarter, summary.add_months(quarter, 2))
        )
        for kind in DAY_KINDS:
            assert row.values_list(kind, flat=True).get() == months.aggregate(n=Sum(kind))["n"]
        assert row.values_list("present_mask", flat=True).get() is None


@pytest.mark.django_db
def test_a_day_s_bit_is_its_day_of_the_month(people: People, periods: list[Period]) -> None:
    summary.refresh()
    row: dict[str, Any] = dict(
        AttendanceMonth.objects.filter(period=periods[0], month=D(2026, 3, 1), months=1)
        .values()
        .get()
    )
    march = AttendanceDay.objects.filter(period=periods[0], day__month=3)
    for kind, q in summary.kind_filters().items():
        days = march.filter(q) if q is not None else march
        mask = row[f"{kind}_mask"] or 0
        assert mask == sum(1 << (d.day - 1) for d in days.values_list("day", flat=True)), kind
        assert (row[kind] or 0) == mask.bit_count() == days.count(), kind
        assert (row[kind] is None) == (row[f"{kind}_mask"] is None) == (not days), kind
    assert summary.days_mask(1, 31) == 2**31 - 1
    assert summary.days_mask(3, 5) == 0b11100


@pytest.mark.django_db
def test_each_filter_reads_the_summary_s_own_dimensions(
    people: People, periods: list[Period]
) -> None:
    """The place, producer type, municipality, unit, age band and gender chosen read the
    summary's rows by the values they carry: the same figures as the records'."""
    summary.refresh()
    covered = summary.coverage()
    place = periods[0].place
    base = Filters(D(2026, 1, 10), D(2026, 5, 20))
    variants = [
        base,
        replace(base, place=place),
        replace(base, producer_type=place.producer_type),
        replace(base, producer_type="no such type"),
        replace(base, unit=people.unit),
        replace(base, unit=people.other_unit),
        replace(base, municipality=people.unit.municipality),
        replace(base, gender=FEMALE),
        replace(base, gender=MALE),
        replace(base, gender=UNKNOWN),
        *(replace(base, age_band=band.key) for band in AGE_BANDS),
    ]
    found = set()
    for filters in variants:
        for organisational in (True, False):
            sel = Selection(
                frozenset({people.unit.pk, people.other_unit.pk}),
                filters,
                TODAY,
                organisational=organisational,
            )
            with_summary = attendance_and_absences(sel, covered)
            assert with_summary == attendance_and_absences(sel, summary.Coverage()), filters
            found.add(with_summary[0].persons)
    assert {0, 3} <= found  # some filters find every client, some none


@pytest.mark.django_db
def test_a_correction_shows_from_the_next_count(people: People, periods: list[Period]) -> None:
    summary.refresh()
    sel = selection(people, D(2026, 1, 1), D(2026, 6, 30))
    before, _ = attendance_and_absences(sel)
    day = periods[0].attendance_days.filter(status=DayStatus.PRESENT, day__month=2).first()
    assert day is not None
    AttendanceDay.objects.filter(pk=day.pk).update(
        status=DayStatus.ABSENT, hours=None, reason="other", notice=Notice.ON_THE_DAY
    )
    # Until the next count the summarised February is as it was counted (the page says when).
    assert attendance_and_absences(sel)[0] == before
    with clock.frozen(b.at(TODAY, 23)):
        summary.refresh()
    after, cells = attendance_and_absences(sel)
    assert (after.present, after.absent) == (before.present - 1, before.absent + 1)
    assert (after, cells) == attendance_and_absences(sel, summary.Coverage())
    assert summary.coverage().refreshed_at == b.at(TODAY, 23)
    assert SummaryState.objects.count() == 1


@pytest.mark.django_db
def test_counting_again_replaces_the_rows(people: People, periods: list[Period]) -> None:
    first = summary.refresh()["rows"]
    assert summary.refresh()["rows"] == first == AttendanceMonth.objects.count()


@pytest.mark.django_db
def test_the_dashboard_figures_name_the_summary_they_read(
    people: People, periods: list[Period]
) -> None:
    sel = selection(people, D(2026, 1, 1), D(2026, 6, 30))
    assert compute(sel).attendance_coverage == summary.Coverage()
    plain = compute(sel)
    tasks.attendance_summary()
    figures = compute(sel)
    assert figures.attendance_coverage.covered_until == TODAY
    assert (figures.attendance, figures.absences) == (plain.attendance, plain.absences)


@pytest.mark.django_db
def test_the_job_is_scheduled_every_night() -> None:
    schedule = Schedule.objects.get(name="polku attendance summary")
    assert schedule.func == "polku.jobs.tasks.attendance_summary"
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.repeats == -1
