"""The organiser's attendance policy (SPEC §4, STYLE.md §11): how many absences in 30 days
raise an alert to the responsible worker. Data with an effective date, edited on the
configuration site (``admin.py``); the row in force on a day is the latest one valid from that
day or before. Without any row the default below holds."""

from __future__ import annotations

import datetime as dt

from django.db.models import IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce

from polku.attendance.models import AttendancePolicy

DEFAULT_ABSENCES_IN_30_DAYS = 3
ALERT_WINDOW_DAYS = 30


def _rows_on(day: dt.date) -> QuerySet[AttendancePolicy]:
    return AttendancePolicy.objects.filter(valid_from__lte=day).order_by("-valid_from")


def absence_threshold(day: dt.date) -> int:
    """The number of absences in 30 days that raises an alert, as in force on ``day``."""
    value = _rows_on(day).values_list("absences_in_30_days", flat=True).first()
    return DEFAULT_ABSENCES_IN_30_DAYS if value is None else int(value)


def absence_threshold_expression(day: dt.date) -> Coalesce:
    """The same as a subquery, to annotate onto another query (the work queue stays flat)."""
    return Coalesce(
        Subquery(_rows_on(day).values("absences_in_30_days")[:1]),
        DEFAULT_ABSENCES_IN_30_DAYS,
        output_field=IntegerField(),
    )
