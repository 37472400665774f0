"""The metrics' own tables: summaries the dashboard reads instead of the rows they count
(docs/decisions/0017-metrics.md). Derived data only: :mod:`polku.metrics.summary` rebuilds them
from the records, and a figure read from them is the same as one counted from the records."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from polku.attendance.models import DayStatus
from polku.clients.models import Client
from polku.placements.models import Period


class AttendanceMonth(models.Model):
    """The attendance days of one work-activity period in one whole calendar month, counted by
    status, absence reason and whether the absence was reported in advance. ``client`` is the
    period's client, so that persons are counted without joining the relationships."""

    period = models.ForeignKey(
        Period, verbose_name=_("work-activity period"), on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"))
    status = models.CharField(_("status"), max_length=16, choices=DayStatus.choices)
    reason = models.CharField(_("reason for the absence"), max_length=32, blank=True)
    planned = models.BooleanField(_("reported in advance"))
    days = models.PositiveIntegerField(_("days"))

    class Meta:
        verbose_name = _("attendance month")
        verbose_name_plural = _("attendance months")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "month", "status", "reason", "planned"],
                name="attendance_month_one_row_per_key",
            ),
            models.CheckConstraint(condition=Q(days__gt=0), name="attendance_month_counts_days"),
        ]
        indexes = [models.Index(fields=["month", "period"], name="attendance_month_by_month")]

    def __str__(self) -> str:
        return f"{self.period_id} {self.month:%m/%Y} {self.status} {self.reason}: {self.days}"


class SummaryState(models.Model):
    """How far a summary reaches and when it was counted: the months before ``covered_until``
    (the first day of a month) are summarised, as the records were at ``refreshed_at``."""

    name = models.CharField(_("name"), max_length=32, unique=True)
    covered_until = models.DateField(_("summarised up to"))
    refreshed_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("summary state")
        verbose_name_plural = _("summary states")

    def __str__(self) -> str:
        return f"{self.name} {self.covered_until:%m/%Y}"
