"""The attendance summary the dashboard reads (docs/decisions/0017-metrics.md).

Attendance days are nine rows in ten of the whole data set: a year of a national organiser is
about fifty million of them, too many to count on every page load. :func:`refresh` counts every
day before the day it runs into :class:`~polku.metrics.models.AttendanceMonth`, one row per
period, month, status, absence reason and whether reported in advance, with how many days and
which (a bit per day of the month) and the selection's dimensions (unit, municipality, place,
producer type, birth date, gender digit), in one ``INSERT … SELECT``, and notes how far it
reached and when (:class:`~polku.metrics.models.SummaryState`). The job
``polku.jobs.tasks.attendance_summary`` runs it every night.

:func:`day_rows` is how a figure reads attendance: the days of the period before the day of the
count from the summary (a month begun or ended within the period counted by its days' bits,
:func:`counted_days`), the days from that day on from the records themselves. A selection reads
the summary by month and its own dimensions, with no join to the records. With no summary
everything is read from the records; the figures are the same either way, except that a
correction made to a summarised day after the summary was counted shows from the next count
(the page says when that was).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db import connections, router, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable, CombinedExpression
from django.db.models.functions import (
    Cast,
    ExtractDay,
    NullIf,
    TruncMonth,
    TruncQuarter,
    TruncYear,
)

from polku.attendance.models import AttendanceDay, DayStatus, Notice
from polku.core import clock
from polku.metrics.models import (
    ABSENCE_CELLS,
    DAY_KINDS,
    SPANS,
    AttendanceMonth,
    SummaryState,
)
from polku.placements.models import Period, PeriodStatus

ATTENDANCE = "attendance"
PATHWAY = "pathway"  # the pathway's facts (polku.metrics.facts)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Coverage:
    """The summary's reach: the days before ``covered_until`` as the records were at
    ``refreshed_at``; both None when it has never been counted."""

    covered_until: dt.date | None = None
    refreshed_at: dt.datetime | None = None


def coverage() -> Coverage:
    """The attendance summary's reach (one query; from the replica when reads go there)."""
    row = (
        SummaryState.objects.filter(name=ATTENDANCE).values("covered_until", "refreshed_at").first()
    )
    return Coverage(**row) if row else Coverage()


def states() -> dict[str, Coverage]:
    """Every summary's reach by name (one query: the dashboard reads the attendance summary's
    and the pathway facts' together)."""
    return {
        name: Coverage(covered_until, refreshed_at)
        for name, covered_until, refreshed_at in SummaryState.objects.values_list(
            "name", "covered_until", "refreshed_at"
        )
    }


#: The dimensions' columns and the query's names for them.
DIMENSIONS = {
    "period_id": "period_id",
    "client_id": "c",
    "month": "m",
    "unit_id": "u",
    "municipality_id": "mu",
    "place_id": "pc",
    "producer_type": "pt",
    "birth_date": "bd",
    "gender_digit": "g",
}


def kind_filters() -> dict[str, Q | None]:
    """The attendance days of each kind (:data:`~polku.metrics.models.DAY_KINDS`); None: every
    day recorded."""
    in_advance = Q(notice=Notice.IN_ADVANCE)
    return {
        "recorded": None,
        "present": Q(status=DayStatus.PRESENT),
        "absent": Q(status=DayStatus.ABSENT),
        **{
            cell: Q(status=DayStatus.ABSENT, reason=reason)
            & (in_advance if planned else ~in_advance)
            for cell, (reason, planned) in ABSENCE_CELLS.items()
        },
    }


def columns() -> dict[str, str]:
    """The summary's columns and the query's names for them, in order."""
    kinds = {}
    for kind in DAY_KINDS:
        kinds[kind] = f"k_{kind}"
        kinds[f"{kind}_mask"] = f"k_{kind}_mask"
    return DIMENSIONS | kinds


def month_rows(until: dt.date, alias: str) -> tuple[str, list[Any]]:
    """The SQL of the summary's rows (:func:`columns`) of every day before ``until`` of the
    periods not cancelled: per period and month, each kind's days and their bits, with the
    selection's dimensions.

    The days are grouped by period and month first and the dimensions joined to the groups
    (every dimension is the period's): the joins and the gender digit's pattern then run once
    per period and month, not once per day."""
    from polku.metrics.figures.selection import gender_digit  # the figures read this module

    day_of_month = Cast(ExtractDay("day"), IntegerField())
    bit = CombinedExpression(
        Value(1), Combinable.BITLEFTSHIFT, day_of_month - 1, output_field=IntegerField()
    )
    counts: dict[str, Any] = {}
    for kind, q in kind_filters().items():
        counts[f"k_{kind}"] = NullIf(Count("pk", filter=q), 0)  # None: no day of the kind
        counts[f"k_{kind}_mask"] = Sum(bit, filter=q)
    days = (
        AttendanceDay.objects.filter(day__lt=until)
        .annotate(m=TruncMonth("day", output_field=DateField()))
        .values("period_id", "m")
        .annotate(**counts)
        .order_by()
    )
    dimensions = {
        "c": F("relationship__client_id"),
        "u": F("relationship__unit_id"),
        "mu": F("relationship__unit__municipality_id"),
        "pc": F("place_id"),
        "pt": F("place__producer_type"),
        "bd": F("relationship__client__birth_date"),
        "g": gender_digit("relationship__client__identity_code"),
    }
    periods = (
        Period.objects.exclude(status=PeriodStatus.CANCELLED)
        .annotate(**dimensions)
        .values("id", *dimensions)
        .order_by()
    )
    days_sql, days_params = _sql(days, alias)
    periods_sql, periods_params = _sql(periods, alias)
    quote = connections[alias].ops.quote_name
    picked = ", ".join(f"d.{quote(name)}" for name in dimensions)
    # Only names and the ORM's own compiled queries are formatted in; every value is a
    # parameter.
    sql = (
        f"SELECT x.*, {picked} FROM ({days_sql}) x "  # noqa: S608
        f"INNER JOIN ({periods_sql}) d ON d.{quote('id')} = x.{quote('period_id')}"
    )
    return sql, [*days_params, *periods_params]


def _sql(rows: QuerySet[Any], alias: str) -> tuple[str, list[Any]]:
    sql, params = rows.query.get_compiler(alias).as_sql()
    return sql, list(params)


def add_months(day: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``day``'s."""
    years, month = divmod(day.month - 1 + n, 12)
    return dt.date(day.year + years, month + 1, 1)


def block_start(day: dt.date, span: int) -> dt.date:
    """The first day of the quarter (``span`` 3) or year (12) of ``day``; its month for 1."""
    return dt.date(day.year, (day.month - 1) // span * span + 1, 1)


BLOCK_NAMES = {
    "period_id": "p",
    "client_id": "cl",
    "month": "b",
    "unit_id": "u",
    "municipality_id": "mu",
    "place_id": "pc",
    "producer_type": "pt",
    "birth_date": "bd",
    "gender_digit": "g",
}


def _insert(
    cursor: Any, alias: str, rows: tuple[str, list[Any]], names: dict[str, str], months: int
) -> int:
    """``INSERT … SELECT`` of the query ``rows`` into the summary as rows of ``months`` months:
    ``names`` maps each column to the query's name for it; in month order, so that a range of
    months is read from neighbouring pages. Only the table's and columns' names and the ORM's
    own compiled queries are formatted in; every value is a parameter."""
    select_sql, params = rows
    quote = connections[alias].ops.quote_name
    into = ", ".join(quote(column) for column in [*names, "months"])
    picked = ", ".join(f"g.{quote(name)}" for name in names.values())
    cursor.execute(
        f"INSERT INTO {quote(AttendanceMonth._meta.db_table)} ({into}) "  # noqa: S608
        f"SELECT {picked}, %s FROM ({select_sql}) g ORDER BY g.{quote(names['month'])}",
        [months, *params],
    )
    return max(cursor.rowcount, 0)


def _insert_blocks(cursor: Any, alias: str, span: int, complete_until: dt.date) -> int:
    """The rows of every whole quarter or year (``span``) of complete months, those before
    ``complete_until``: each period's month rows summed, without the days' bits."""
    trunc = TruncQuarter if span == 3 else TruncYear
    dimensions: dict[str, Any] = {name: F(column) for column, name in BLOCK_NAMES.items()}
    dimensions["b"] = trunc("month", output_field=DateField())
    rows = (
        AttendanceMonth.objects.filter(months=1, month__lt=block_start(complete_until, span))
        .annotate(**dimensions)
        .values(*BLOCK_NAMES.values())
        .annotate(**{f"k_{kind}": Sum(kind) for kind in DAY_KINDS})
        .order_by()
    )
    names = BLOCK_NAMES | {kind: f"k_{kind}" for kind in DAY_KINDS}
    return _insert(cursor, alias, _sql(rows, alias), names, span)


@transaction.atomic
def refresh(today: dt.date | None = None) -> dict[str, int]:
    """Count every day before ``today`` again, from the records as they are now, replacing what
    was counted before (readers see the old counts until this commits). Returns counts only:
    the job's result is stored and shown."""
    today = today or clock.today()
    counted_at = clock.now()
    SummaryState.objects.select_for_update().filter(name=ATTENDANCE).first()  # one at a time
    AttendanceMonth.objects.all().delete()
    alias = router.db_for_write(AttendanceMonth)
    connection = connections[alias]
    with connection.cursor() as cursor:
        written = _insert(cursor, alias, month_rows(today, alias), columns(), 1)  # a month each
        for span in SPANS[1:]:
            written += _insert_blocks(cursor, alias, span, month_start(today))
        if connection.vendor == "postgresql":
            # The planner's statistics of the rows just written, not of the ones replaced.
            quote = connection.ops.quote_name
            cursor.execute(f"ANALYZE {quote(AttendanceMonth._meta.db_table)}")
    SummaryState.objects.update_or_create(
        name=ATTENDANCE, defaults={"covered_until": today, "refreshed_at": counted_at}
    )
    return {"rows": written}


def split(
    start: dt.date, last_day: dt.date, covered: Coverage
) -> tuple[tuple[dt.date, dt.date] | None, tuple[dt.date, dt.date] | None]:
    """The days ``start``–``last_day`` as two ranges, ``(summarised, records)``: the days before
    the summary's ``covered_until`` and the days from it on; None for a part with no days."""
    if covered.covered_until is None:
        return None, (start, last_day)
    counted_last = min(last_day, covered.covered_until - dt.timedelta(days=1))
    first_uncounted = max(start, covered.covered_until)
    return (
        (start, counted_last) if start <= counted_last else None,
        (first_uncounted, last_day) if first_uncounted <= last_day else None,
    )


def month_end(day: dt.date) -> dt.date:
    return next_month(day) - dt.timedelta(days=1)


def days_mask(first: int, last: int) -> int:
    """The bits of the days ``first``–``last`` of a month (bit ``d - 1`` for day ``d``)."""
    return ((1 << last) - 1) & ~((1 << (first - 1)) - 1)


class BitCount(Func):
    """The number of bits set in an integer: ``bit_count`` of its 32 bits on PostgreSQL, a
    function registered on every SQLite connection (``polku.metrics.apps``) on SQLite."""

    function = "polku_bit_count"
    output_field = IntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="bit_count(CAST(%(expressions)s AS bit(32)))",
            **extra,
        )


def partial_months(first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """The months of ``first``–``last`` begun or ended within it, each with its days' bits."""
    first_month, last_month = month_start(first), month_start(last)
    partial = {}
    if first_month == last_month:
        if first.day != 1 or last != month_end(last):
            partial[first_month] = days_mask(first.day, last.day)
    else:
        if first.day != 1:
            partial[first_month] = days_mask(first.day, 31)
        if last != month_end(last):
            partial[last_month] = days_mask(1, last.day)
    return partial


def counted(kind: str, first: dt.date, last: dt.date) -> Any:
    """The days of ``kind`` within ``first``–``last`` of a summary row of the months from
    ``first``'s to ``last``'s: a whole month's count, a month begun or ended within the range its
    days' bits within it."""
    partial = partial_months(first, last)
    if not partial:
        return F(kind)
    return Case(
        *(
            When(month=month, then=BitCount(F(f"{kind}_mask").bitand(mask)))
            for month, mask in partial.items()
        ),
        default=F(kind),
        output_field=IntegerField(),
    )


def summarised(months: QuerySet[Any], first: dt.date, last: dt.date) -> QuerySet[Any]:
    """``months`` (summary rows) of each month of ``first``–``last`` (read each kind's days
    within the range with :func:`counted`)."""
    return months.filter(months=1, month__range=(month_start(first), month_start(last)))


def blocks(first: dt.date, last: dt.date, complete_until: dt.date) -> dict[int, list[dt.date]]:
    """The months ``first``–``last`` (first days, both included) as the fewest of the summary's
    rows: whole years and quarters of complete months (those before ``complete_until``, which
    have such rows), the rest months; the first months of each span's rows."""
    found: dict[int, list[dt.date]] = {span: [] for span in SPANS}
    month = first
    while month <= last:
        for span in reversed(SPANS):
            after = add_months(month, span)
            if (
                block_start(month, span) == month
                and after <= next_month(last)
                and (span == 1 or after <= complete_until)
            ):
                found[span].append(month)
                month = after
                break
    return {span: starts for span, starts in found.items() if starts}


def day_rows(
    periods: QuerySet[Any],
    months: QuerySet[Any],
    start: dt.date,
    last_day: dt.date,
    covered: Coverage,
) -> QuerySet[Any]:
    """The attendance of ``periods`` from ``start`` to ``last_day`` as rows of a client (``c``)
    and its days of each kind (``k_<kind>``, :data:`DAY_KINDS`), one ``UNION ALL`` of: the
    summary's whole months (``months``: the same periods' rows, selected by their dimensions)
    as counted, its months begun or ended within the range by their days' bits, and the
    records' days since the count, one row per client. A client may have many rows: persons
    are counted distinct."""
    counted_range, records = split(start, last_day, covered)
    filters = kind_filters()
    names = [f"k_{kind}" for kind in filters]
    raw = (
        AttendanceDay.objects.filter(period__in=periods, day__range=records or (start, last_day))
        .annotate(c=F("relationship__client_id"))
        .values("c")
        .annotate(**{f"k_{kind}": Count("pk", filter=q) for kind, q in filters.items()})
        .order_by()
    )
    if counted_range is None:
        return raw
    first, last = counted_range
    partial = partial_months(first, last)
    first_month, last_month = month_start(first), month_start(last)
    first_whole = next_month(first_month) if first_month in partial else first_month
    last_whole = add_months(last_month, -1) if last_month in partial else last_month
    parts = []
    if first_whole <= last_whole:
        found = blocks(first_whole, last_whole, month_start(covered.covered_until or first))
        whole = months.filter(
            reduce(or_, (Q(months=span, month__in=starts) for span, starts in found.items()))
        )
        parts.append(
            whole.annotate(c=F("client_id"), **{f"k_{kind}": F(kind) for kind in filters})
            .values("c", *names)
            .order_by()
        )
    for month, mask in partial.items():
        parts.append(
            months.filter(months=1, month=month)
            .annotate(
                c=F("client_id"),
                **{f"k_{kind}": BitCount(F(f"{kind}_mask").bitand(mask)) for kind in filters},
            )
            .values("c", *names)
            .order_by()
        )
    if records is not None:
        parts.append(raw)
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
