"""Yearly statistics in the shape of THL's municipal survey on rehabilitative work activity
(kuntouttavan työtoiminnan kuntakysely): participants by age and gender, participation days,
periods, and destinations, counted from the records with no hand counting.

A participant is a person with a work-activity period (not cancelled) that overlaps the year;
age is counted on 31 December and gender from the identity code (docs/decisions/0017). Every
count of 1–4 persons is suppressed as on the dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from polku.attendance.models import AttendanceDay, DayStatus
from polku.clients.models import Client
from polku.closure.models import Destination
from polku.metrics import figures as fig
from polku.metrics import summary
from polku.metrics.access import Scope
from polku.metrics.dashboard import (
    Cell,
    Row,
    Table,
    count,
    note_secondary,
    protect_line,
    protect_totals,
)
from polku.metrics.models import AttendanceMonth
from polku.placements.models import Period, PeriodKind, PeriodStatus

TOTAL = "total"


def _band_case(on: dt.date, prefix: str) -> Case:
    return Case(
        *(When(fig.age_q(band, on, prefix=prefix), then=Value(band.key)) for band in fig.AGE_BANDS),
        default=Value(""),
        output_field=CharField(),
    )


def _gender_case(path: str) -> Case:
    digit = f"{path}_digit"
    return Case(
        When(**{f"{digit}__in": fig.EVEN_DIGITS}, then=Value(fig.FEMALE)),
        When(**{f"{digit}__in": fig.ODD_DIGITS}, then=Value(fig.MALE)),
        default=Value(fig.UNKNOWN),
        output_field=CharField(),
    )


@dataclass
class YearStatistics:
    year: int
    scope_name: str
    tables: list[Table]


def _grid(rows: Iterable[Any], value: str) -> dict[tuple[str, str], int]:
    return {(r["band"], r["gender"]): r[value] for r in rows}


def _by_band_gender(title: str, grid: dict[tuple[str, str], int], *, key: str) -> Table:
    genders = [g for g, _label in fig.GENDERS]
    table_rows = []
    for band in fig.AGE_BANDS:
        values = [grid.get((band.key, g), 0) for g in genders]
        table_rows.append(Row(str(band.label), [count(v) for v in values] + [count(sum(values))]))
    totals = [sum(grid.get((b.key, g), 0) for b in fig.AGE_BANDS) for g in genders]
    table_rows.append(Row(_("Total"), [count(v) for v in totals] + [count(sum(totals))]))
    table = Table(key, title, [str(label) for _g, label in fig.GENDERS] + [_("Total")], table_rows)
    protect_totals(table)
    return table


def build(*, scope: Scope, year: int, today: dt.date) -> YearStatistics:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    periods = (
        Period.objects.filter(relationship__unit_id__in=scope.unit_ids)
        .exclude(status=PeriodStatus.CANCELLED)
        .filter(starts_on__lte=last, ends_on__gte=first)
    )
    people = (
        periods.annotate(
            client_digit=fig.gender_digit("relationship__client__identity_code"),
            band=_band_case(last, "relationship__client__"),
        )
        .annotate(gender=_gender_case("client"))
        .values("band", "gender")
        .annotate(n=Count("relationship__client", distinct=True))
        .order_by()
    )
    day_grid = _present_days(periods, first, min(last, today), last)
    everyone = (
        sum(n for n, _p in day_grid.values()),
        sum(p for _n, p in day_grid.values()),  # a person is in one cell: age and gender are fixed
    )
    started = Q(starts_on__range=(first, last))
    ended = Q(ends_on__range=(first, min(last, today)))
    under_way = Q(starts_on__lte=last, ends_on__gt=last)
    period_row = periods.aggregate(
        started=Count("pk", filter=started),
        started_p=Count("relationship__client", distinct=True, filter=started),
        full=Count("pk", filter=started & Q(kind=PeriodKind.FULL)),
        full_p=Count(
            "relationship__client", distinct=True, filter=started & Q(kind=PeriodKind.FULL)
        ),
        intro=Count("pk", filter=started & Q(kind=PeriodKind.INTRODUCTORY)),
        intro_p=Count(
            "relationship__client",
            distinct=True,
            filter=started & Q(kind=PeriodKind.INTRODUCTORY),
        ),
        ended=Count("pk", filter=ended),
        ended_p=Count("relationship__client", distinct=True, filter=ended),
        open=Count("pk", filter=under_way),
        open_p=Count("relationship__client", distinct=True, filter=under_way),
    )
    selection = fig.Selection(scope.unit_ids, fig.Filters(first, last), today)
    destinations = fig.destinations(selection)

    def per_person(n: int, p: int) -> Cell:
        return Cell(n, suppressed=0 < p < 5)

    # The periods begun, and of them the introductory and full ones, each by its own persons;
    # one kind hidden beside a shown total would be the total less the other: hide that too.
    begun = per_person(period_row["started"], period_row["started_p"])
    kinds = [
        per_person(period_row["intro"], period_row["intro_p"]),
        per_person(period_row["full"], period_row["full_p"]),
    ]
    begun = protect_line(kinds, begun) or begun
    periods_table = Table(
        "periods",
        _("Work-activity periods"),
        [_("Periods")],
        [
            Row(_("Begun in the year"), [begun]),
            Row(_("of which introductory periods"), [kinds[0]]),
            Row(_("of which full periods"), [kinds[1]]),
            Row(
                _("Ended in the year"),
                [per_person(period_row["ended"], period_row["ended_p"])],
            ),
            Row(
                _("Under way at the end of the year"),
                [per_person(period_row["open"], period_row["open_p"])],
            ),
        ],
    )
    if any(cell.secondary for cell in (begun, *kinds)):
        note_secondary(periods_table)

    return YearStatistics(
        year=year,
        scope_name=scope.name,
        tables=[
            _by_band_gender(
                _("Participants by age and gender"), _grid(people, "n"), key="participants"
            ),
            _days_table(day_grid, everyone),
            periods_table,
            Table(
                "destinations",
                _("Destinations at the end of the client relationship"),
                [_("Persons")],
                [
                    Row(str(label), [count(destinations.get(key, 0))])
                    for key, label in Destination.choices
                ],
            ),
        ],
    )


def _present_days(
    periods: QuerySet[Period], first: dt.date, until: dt.date, on: dt.date
) -> dict[tuple[str, str], tuple[int, int]]:
    """Days present from ``first`` to ``until`` and the persons who had them, by age band (on
    ``on``) and gender: the days the nightly summary counted are read from it
    (``metrics.summary``, as the dashboard reads them), the days since from the records; the
    persons are counted once over both parts."""
    counted, records = summary.split(first, until, summary.coverage())
    days = AttendanceDay.objects.filter(
        period__in=periods.values("pk"),
        status=DayStatus.PRESENT,
        day__range=records or (first, until),
    )
    parts: list[tuple[QuerySet[Any], str, Any]] = [(days, "relationship__client__", Count("pk"))]
    persons = Q(pk__in=days.values("relationship__client_id"))
    if counted is not None:
        if records is None:
            parts, persons = [], Q()
        rows = (
            summary.summarised(
                AttendanceMonth.objects.filter(period__in=periods.values("pk")), *counted
            )
            .annotate(n_days=summary.counted("present", *counted))
            .filter(n_days__gt=0)
        )
        parts.append((rows, "client__", Sum("n_days")))
        persons |= Q(pk__in=rows.values("client_id"))
    grid: dict[tuple[str, str], list[int]] = {}
    for rows, prefix, value in parts:
        for r in _cells(rows, prefix, on).annotate(n=value):
            grid.setdefault((r["band"], r["gender"]), [0, 0])[0] += r["n"]
    for r in _cells(Client.objects.filter(persons), "", on).annotate(p=Count("pk")):
        grid.setdefault((r["band"], r["gender"]), [0, 0])[1] = r["p"]
    return {key: (n, p) for key, (n, p) in grid.items()}


def _cells(rows: QuerySet[Any], prefix: str, on: dt.date) -> QuerySet[Any]:
    """``rows`` grouped by their client's age band on 31 December and gender."""
    return (
        rows.annotate(
            client_digit=fig.gender_digit(f"{prefix}identity_code"),
            band=_band_case(on, prefix),
        )
        .annotate(gender=_gender_case("client"))
        .values("band", "gender")
        .order_by()
    )


def _days_table(grid: dict[tuple[str, str], tuple[int, int]], everyone: tuple[int, int]) -> Table:
    """Participation days by age and gender; a cell of fewer than five persons is "<5"."""
    genders = [g for g, _label in fig.GENDERS]
    rows = []
    for band in fig.AGE_BANDS:
        cells = [_days_cell(*grid.get((band.key, g), (0, 0))) for g in genders]
        days = sum(grid.get((band.key, g), (0, 0))[0] for g in genders)
        people = sum(grid.get((band.key, g), (0, 0))[1] for g in genders)
        rows.append(Row(str(band.label), [*cells, _days_cell(days, people)]))
    rows.append(Row(_("Total"), [Cell(None) for _g in genders] + [_days_cell(*everyone)]))
    table = Table(
        "days",
        _("Participation days by age and gender"),
        [str(label) for _g, label in fig.GENDERS] + [_("Total")],
        rows,
        note=_("Days recorded present; the total is of all persons."),
    )
    protect_totals(table)  # each age band's row, and the bands' totals against everyone's
    return table


def _days_cell(days: int, people: int) -> Cell:
    return Cell(days, "days", suppressed=0 < people < 5)
