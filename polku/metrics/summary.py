"""The attendance summary the dashboard reads for whole past months (docs/decisions/0017-metrics.md).

Attendance days are nine rows in ten of the whole data set: a year of a national organiser is
about three million of them, too many to count on every page load. :func:`refresh` counts every
whole month before the current one into :class:`~polku.metrics.models.AttendanceMonth` (per
period, month, status, absence reason and whether reported in advance) in one ``INSERT …
SELECT``, and notes how far it reached and when (:class:`~polku.metrics.models.SummaryState`).
The job ``polku.jobs.tasks.attendance_summary`` runs it every night.

:func:`day_rows` is how a figure reads attendance: the whole months of the period that the
summary covers from the summary, the days before and after them (the current month, and a
period that starts or ends within a month) from the records themselves. With no summary, or a
period with no whole summarised month, everything is read from the records; the figures are the
same either way, except that a correction made to a summarised month after the summary was
counted shows from the next count (the page says when that was).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from polku.attendance.models import AttendanceDay, Notice
from polku.core import clock
from polku.metrics.models import AttendanceMonth, SummaryState

ATTENDANCE = "attendance"
PATHWAY = "pathway"  # the pathway's facts (polku.metrics.facts)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _planned() -> Case:
    return Case(
        When(notice=Notice.IN_ADVANCE, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


@dataclass(frozen=True)
class Coverage:
    """The summary's reach: the months before ``covered_until`` as the records were at
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


@transaction.atomic
def refresh(today: dt.date | None = None) -> dict[str, int]:
    """Count every whole month before ``today``'s month again, from the records as they are
    now, replacing what was counted before (readers see the old counts until this commits).
    Returns counts only: the job's result is stored and shown."""
    today = today or clock.today()
    counted_at = clock.now()
    until = month_start(today)
    SummaryState.objects.select_for_update().filter(name=ATTENDANCE).first()  # one at a time
    AttendanceMonth.objects.all().delete()
    rows = (
        AttendanceDay.objects.filter(day__lt=until)
        .annotate(
            c=F("relationship__client_id"),
            m=TruncMonth("day", output_field=DateField()),
            s=F("status"),
            r=F("reason"),
            pl=_planned(),
        )
        .values("period_id", "c", "m", "s", "r", "pl")
        .annotate(n=Count("pk"))
        .order_by()
    )
    alias = router.db_for_write(AttendanceMonth)
    select_sql, params = rows.query.get_compiler(alias).as_sql()
    table = AttendanceMonth._meta.db_table
    # Only the table's name and the ORM's own compiled query are formatted in; every value is a
    # parameter.
    sql = (
        f"INSERT INTO {table} (period_id, client_id, month, status, reason, planned, days) "  # noqa: S608
        f"SELECT g.period_id, g.c, g.m, g.s, g.r, g.pl, g.n FROM ({select_sql}) g"
    )
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.rowcount
    SummaryState.objects.update_or_create(
        name=ATTENDANCE, defaults={"covered_until": until, "refreshed_at": counted_at}
    )
    return {"rows": max(written, 0)}


def whole_months(
    start: dt.date, last_day: dt.date, covered: Coverage
) -> tuple[dt.date, dt.date] | None:
    """The summarised whole months within ``start``–``last_day``: ``(first, end)``, the
    months ``first ≤ month < end``; None when there are none."""
    if covered.covered_until is None:
        return None
    first = start if start.day == 1 else next_month(start)
    end = min(covered.covered_until, month_start(last_day + dt.timedelta(days=1)))
    return (first, end) if first < end else None


def day_rows(
    periods: QuerySet[Any], start: dt.date, last_day: dt.date, covered: Coverage
) -> QuerySet[Any]:
    """The attendance of ``periods`` from ``start`` to ``last_day`` as rows ``c`` (client), ``s``
    (status), ``r`` (reason), ``pl`` (reported in advance), ``n`` (days), each part grouped by
    client: the summary's whole months and the records' other days, one ``UNION ALL`` (a client
    may have a row in each part)."""
    months = whole_months(start, last_day, covered)
    days = AttendanceDay.objects.filter(period__in=periods)
    if months is None:
        days = days.filter(day__range=(start, last_day))
    else:
        first, end = months
        days = days.filter(Q(day__gte=start, day__lt=first) | Q(day__gte=end, day__lte=last_day))
    raw = (
        days.annotate(c=F("relationship__client_id"), s=F("status"), r=F("reason"), pl=_planned())
        .values("c", "s", "r", "pl")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if months is None:
        return raw
    first, end = months
    summarised = (
        AttendanceMonth.objects.filter(period__in=periods, month__gte=first, month__lt=end)
        .annotate(c=F("client_id"), s=F("status"), r=F("reason"), pl=F("planned"))
        .values("c", "s", "r", "pl")
        .annotate(n=Sum("days"))
        .order_by()
    )
    return raw.union(summarised, all=True)
