"""The metrics' own tables: summaries the dashboard reads instead of the rows they count
(docs/decisions/0017-metrics.md). Derived data only: :mod:`polku.metrics.summary` rebuilds them
from the records, and a figure read from them is the same as one counted from the records."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import Unit
from polku.attendance.models import AbsenceReason
from polku.clients.models import Client, ClientRelationship
from polku.pathways.models import ActivationPlan
from polku.placements.models import Period, PeriodKind

#: The absence cells the dashboard counts (reason, reported in advance), each a pair of the
#: summary's columns: ``<cell>`` days and ``<cell>_mask`` their bits.
ABSENCE_CELLS = {
    f"absent_{reason}_{'planned' if planned else 'unplanned'}": (reason, planned)
    for reason in AbsenceReason.values
    for planned in (True, False)
}
#: The spans of the summary's rows, in months: a month, a quarter, a year.
SPANS = (1, 3, 12)
#: Every kind of day the summary counts: the column of its days (its bits in ``<kind>_mask``).
DAY_KINDS = ("recorded", "present", "absent", *ABSENCE_CELLS)


class AttendanceMonth(models.Model):
    """The attendance days of one work-activity period in one calendar month up to the day the
    summary was counted, as one row: for each kind of day (any recorded, present, absent, and
    absent per reason and whether reported in advance, :data:`DAY_KINDS`) how many and which
    (``<kind>_mask``: bit ``d - 1`` for day ``d``), so that a month begun or ended within the
    period is read from the summary too. Each row carries the selection's dimensions as they
    were when counted (the relationship's unit and its municipality, the period's place and
    producer type, the client's birth date and gender digit), so that a selection reads its rows
    by month and those values with no join to the records (polku.metrics.summary)."""

    period = models.ForeignKey(
        Period, verbose_name=_("work-activity period"), on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"))
    #: The months the row counts from ``month`` on: 1, or a whole quarter (3) or year (12) of
    #: complete months, so that a long period reads a few rows a client rather than one a month
    #: (their days' bits are kept only in the rows of one month).
    months = models.PositiveSmallIntegerField(_("months"), default=1)
    # The selection's dimensions (as RelationshipFact and PeriodFact hold them). No index of
    # their own: a selection reads by month (the index below) and filters on these.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    municipality = models.ForeignKey(
        Unit,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_index=False,
    )
    place = models.ForeignKey(
        Unit,
        verbose_name=_("work-activity place"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    producer_type = models.CharField(_("producer type"), max_length=32)
    birth_date = models.DateField(_("date of birth"))
    gender_digit = models.CharField(
        _("gender digit of the identity code"), max_length=1, blank=True
    )

    class Meta:
        verbose_name = _("attendance month")
        verbose_name_plural = _("attendance months")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "month", "months"], name="attendance_month_one_row_per_span"
            ),
            models.CheckConstraint(
                condition=Q(months__in=SPANS), name="attendance_month_spans_a_month_quarter_or_year"
            ),
            models.CheckConstraint(
                condition=Q(recorded__gt=0), name="attendance_month_counts_days"
            ),
        ]
        indexes = [
            models.Index(fields=["months", "month", "unit"], name="attendance_month_by_span")
        ]

    def __str__(self) -> str:
        return f"{self.period_id} {self.month:%m/%Y}"


# Each kind's days and their bits; None where the month has no day of the kind (most of the
# absence cells of most rows: a null takes no room in the row, which made the national table a
# third of the size with zeros).
for _kind in DAY_KINDS:
    AttendanceMonth.add_to_class(_kind, models.PositiveSmallIntegerField(null=True))
    AttendanceMonth.add_to_class(f"{_kind}_mask", models.PositiveIntegerField(null=True))


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


class RelationshipFact(models.Model):
    """One client relationship as the pathway's figures select and measure it, counted every
    night from the records (:mod:`polku.metrics.facts`): the selection's dimensions (unit, its
    municipality, the client's birth date and identity code's gender digit, the relationship's
    dates) and the date each step of the pathway was first reached. ``first_period_on`` is the
    first work-activity period's start (not cancelled) whatever its date: a lead time reads it
    only once it has come."""

    relationship = models.OneToOneField(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    municipality = models.ForeignKey(
        Unit,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    birth_date = models.DateField(_("date of birth"))
    gender_digit = models.CharField(
        _("gender digit of the identity code"), max_length=1, blank=True
    )
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True)
    first_worker_on = models.DateField(_("responsible worker accepted"), null=True)
    first_meeting_on = models.DateField(_("first meeting held"), null=True)
    first_plan_on = models.DateField(_("first activation plan signed"), null=True)
    first_period_on = models.DateField(_("first work-activity period begun"), null=True)

    class Meta:
        verbose_name = _("relationship fact")
        verbose_name_plural = _("relationship facts")
        indexes = [
            models.Index(fields=["started_on"], name="relationship_fact_started"),
            models.Index(fields=["ended_on"], name="relationship_fact_ended"),
        ]

    def __str__(self) -> str:
        return f"{self.relationship_id} {self.started_on}"


class StepKind(models.TextChoices):
    PLAN = "plan", _("activation plan signed")
    MEETING = "meeting", _("first meeting")


class StepFact(models.Model):
    """A dated step of a relationship that the shares look for in the period: a signed
    activation plan (``done``: two options or more) or a first meeting not cancelled (``done``:
    held with every informing topic informed or not relevant)."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=StepKind.choices)
    on = models.DateField(_("date"))
    done = models.BooleanField(_("done"))

    class Meta:
        verbose_name = _("step fact")
        verbose_name_plural = _("step facts")

    def __str__(self) -> str:
        return f"{self.relationship_id} {self.kind} {self.on}"


class ReviewFact(models.Model):
    """A review of a signed activation plan that fell due while the relationship was open (a
    relationship that ended before the due date has none): its due date and the date the next
    plan of the relationship was signed (``reviewed_on``; None: none yet), the review on time
    when that is by the due date."""

    plan = models.OneToOneField(
        ActivationPlan,
        verbose_name=_("activation plan"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="+"
    )
    review_due = models.DateField(_("next review"))
    reviewed_on = models.DateField(_("next plan signed"), null=True)

    class Meta:
        verbose_name = _("review fact")
        verbose_name_plural = _("review facts")
        indexes = [models.Index(fields=["review_due"], name="review_fact_due")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.review_due}"


class PeriodFact(models.Model):
    """One work-activity period (not cancelled) as the periods' shares count it: its place and
    producer type (the selection's filters), dates, and whether each step around it was done."""

    period = models.OneToOneField(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        Unit, verbose_name=_("work-activity place"), on_delete=models.CASCADE, related_name="+"
    )
    producer_type = models.CharField(_("producer type"), max_length=32)
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    has_visit = models.BooleanField(_("introductory visit recorded"))
    has_notice = models.BooleanField(_("notice sent by the start"))
    has_evaluated = models.BooleanField(_("final evaluation finished"))
    has_certificate = models.BooleanField(_("certificate given"))
    has_follow_up = models.BooleanField(_("follow-up plan made by the end"))

    class Meta:
        verbose_name = _("period fact")
        verbose_name_plural = _("period facts")
        indexes = [
            models.Index(fields=["relationship"], name="period_fact_by_rel"),
            models.Index(fields=["starts_on"], name="period_fact_starts"),
            models.Index(fields=["ends_on"], name="period_fact_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.period_id} {self.starts_on}–{self.ends_on}"
