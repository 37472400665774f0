"""Attendance at the place (SPEC §4): one record per client and day, absences with their
reasons, contacts about absences, interruptions, and the organiser's attendance policy.

Expected and not-organised days are computed (``days.py``) from the period's weekdays, the
place's opening days, the holidays and the place's closed days; they are never stored. A row
exists only for what someone recorded: present, absent, or moved by agreement. Who first
reported the day (the client, the place, the worker) is kept apart from who last recorded it,
so an absence the client reported stays the client's after a staff correction.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import User
from polku.clients.models import ClientRelationship
from polku.core.models import TimeStamped, Versioned
from polku.placements.models import Period


class DayStatus(models.TextChoices):
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")
    MOVED = "moved", pgettext_lazy("attendance", "Moved by agreement")


class AbsenceReason(models.TextChoices):
    """Kela's absence reasons (SPEC §4). Every reason but ``other`` is excused."""

    OWN_ILLNESS = "own_illness", pgettext_lazy("absence", "Own illness")
    CHILD_ILLNESS = "child_illness", pgettext_lazy("absence", "Illness of a child under 10")
    EMPLOYMENT = (
        "employment",
        pgettext_lazy("absence", "Job interview or another employment-related reason"),
    )
    TRUST_POSITION = "trust_position", pgettext_lazy("absence", "Public position of trust")
    OTHER = "other", pgettext_lazy("absence", "Other reason (unexcused)")


EXCUSED_REASONS = frozenset(
    {
        AbsenceReason.OWN_ILLNESS,
        AbsenceReason.CHILD_ILLNESS,
        AbsenceReason.EMPLOYMENT,
        AbsenceReason.TRUST_POSITION,
    }
)


class Notice(models.TextChoices):
    """Whether an absence was reported, and when: planned absences reported in advance and
    unreported ones are distinct (SPEC §4)."""

    IN_ADVANCE = "in_advance", pgettext_lazy("absence notice", "Reported in advance")
    ON_THE_DAY = "on_the_day", pgettext_lazy("absence notice", "Reported on the day")
    NOT_REPORTED = "not_reported", pgettext_lazy("absence notice", "Not reported")


class Source(models.TextChoices):
    """Who recorded: the client from OmaPolku, the place, or the responsible worker."""

    CLIENT = "client", pgettext_lazy("recorded by", "The client")
    PLACE = "place", pgettext_lazy("recorded by", "The place")
    WORKER = "worker", pgettext_lazy("recorded by", "The responsible worker")


class AttendanceDay(Versioned):
    """One client's one day at the place: present with hours, absent with a reason, or moved
    by agreement to another day (then the participation day is the day moved to)."""

    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="attendance_days",
    )
    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="attendance_days",
    )
    day = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=DayStatus.choices)
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1, null=True, blank=True)
    reason = models.CharField(
        _("reason for the absence"), max_length=32, choices=AbsenceReason.choices, blank=True
    )
    notice = models.CharField(_("reported"), max_length=16, choices=Notice.choices, blank=True)
    certificate_on = models.DateField(
        _("date of the doctor's or nurse's certificate"), null=True, blank=True
    )
    moved_to = models.DateField(_("moved to"), null=True, blank=True)
    note = models.CharField(_("message"), max_length=500, blank=True)
    correction_reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)
    reported_by = models.ForeignKey(
        User, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_via = models.CharField(_("reported by"), max_length=16, choices=Source.choices)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("last recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_via = models.CharField(_("last recorded by"), max_length=16, choices=Source.choices)

    class Meta:
        verbose_name = _("attendance day")
        verbose_name_plural = _("attendance days")
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "day"], name="one_attendance_record_per_client_and_day"
            ),
            models.CheckConstraint(
                condition=Q(
                    status=DayStatus.PRESENT,
                    hours__gt=0,
                    hours__lte=8,
                    reason="",
                    notice="",
                    moved_to__isnull=True,
                    certificate_on__isnull=True,
                )
                | Q(status=DayStatus.ABSENT, hours__isnull=True, moved_to__isnull=True)
                & ~Q(reason="")
                & ~Q(notice="")
                | Q(
                    status=DayStatus.MOVED,
                    hours__isnull=True,
                    reason="",
                    notice="",
                    moved_to__isnull=False,
                    certificate_on__isnull=True,
                ),
                name="attendance_status_has_its_fields",
            ),
            models.CheckConstraint(
                condition=Q(certificate_on__isnull=True)
                | Q(reason__in=[AbsenceReason.OWN_ILLNESS, AbsenceReason.CHILD_ILLNESS]),
                name="certificate_only_for_illness",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "day"], name="attendance_period_day"),
            # The days of a date range across periods: the metrics read the days around the
            # summarised months from it (polku/metrics/summary.py).
            models.Index(fields=["day"], name="attendance_day"),
            # The days that are not present, by period and kind: the work queue's alerts read
            # each own period's unexcused absences (ever) and the days moved in the last two
            # months through it, without the period's present days (docs/performance.md).
            models.Index(
                fields=["period", "status", "reason", "day"],
                condition=Q(status__in=[DayStatus.ABSENT, DayStatus.MOVED]),
                name="attendance_period_not_present",
            ),
        ]

    def __str__(self) -> str:
        from polku.core.rules import day_label

        return day_label(self.day)

    @property
    def excused(self) -> bool:
        return self.status == DayStatus.ABSENT and self.reason in EXCUSED_REASONS


class ContactChannel(models.TextChoices):
    PHONE = "phone", pgettext_lazy("contact channel", "Phone call")
    MESSAGE = "message", pgettext_lazy("contact channel", "Message")
    MEETING = "meeting", pgettext_lazy("contact channel", "Meeting")
    NOT_REACHED = "not_reached", pgettext_lazy("contact channel", "Tried, not reached")


class AbsenceContact(TimeStamped):
    """The responsible worker's contact with the client about an absence (SPEC §4)."""

    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="absence_contacts",
    )
    absence = models.ForeignKey(
        AttendanceDay,
        verbose_name=_("absence"),
        on_delete=models.PROTECT,
        related_name="contacts",
        null=True,
        blank=True,
    )
    contacted_on = models.DateField(_("date of the contact"))
    channel = models.CharField(_("how"), max_length=16, choices=ContactChannel.choices)
    note = models.TextField(_("what was agreed"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contact about an absence")
        verbose_name_plural = _("contacts about absences")
        ordering = ["-contacted_on", "-pk"]


class InterruptionReason(models.TextChoices):
    HEALTH = "health", pgettext_lazy("interruption", "Health")
    LIFE_SITUATION = "life_situation", pgettext_lazy("interruption", "Life situation")
    PLACE_UNSUITABLE = (
        "place_unsuitable",
        pgettext_lazy("interruption", "The place or the tasks do not suit"),
    )
    EMPLOYMENT = "employment", pgettext_lazy("interruption", "Work or studies")
    ABSENCES = "absences", pgettext_lazy("interruption", "Repeated absences")
    OTHER = "other", pgettext_lazy("interruption", "Other reason")


class Initiator(models.TextChoices):
    CLIENT = "client", pgettext_lazy("initiated by", "The client")
    PLACE = "place", pgettext_lazy("initiated by", "The place")
    WORKER = "worker", pgettext_lazy("initiated by", "The responsible worker")


class InterruptionOutcome(models.TextChoices):
    RESUMED = "resumed", pgettext_lazy("interruption", "The period resumes")
    ENDED = "ended", pgettext_lazy("interruption", "The period ends")


class Interruption(Versioned):
    """An interruption (*keskeytyminen*, SPEC §2 S11): reported by the place or the worker with
    a reason and who initiated it; the worker clarifies with the client; the period resumes or
    ends, and the reason is shared with the place. Days from ``starts_on`` to the resolution
    are not expected days."""

    #: Set by ``interruption_report``: how many absences reported in advance the
    #: interruption replaced (not a field).
    replaced_absences: int = 0

    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="interruptions",
    )
    starts_on = models.DateField(_("interrupted from"))
    reason = models.CharField(_("reason"), max_length=32, choices=InterruptionReason.choices)
    initiated_by = models.CharField(_("initiated by"), max_length=16, choices=Initiator.choices)
    description = models.TextField(_("what happened"), blank=True)
    reported_by = models.ForeignKey(
        User, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    clarification = models.TextField(_("clarified with the client"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=InterruptionOutcome.choices, blank=True
    )
    resolved_on = models.DateField(_("resumes or ends on"), null=True, blank=True)
    shared_with_place = models.TextField(_("the reason as told to the place"), blank=True)
    resolved_by = models.ForeignKey(
        User,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("interruption")
        verbose_name_plural = _("interruptions")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", resolved_on__isnull=True)
                | Q(
                    resolved_on__isnull=False,
                    resolved_on__gte=models.F("starts_on"),
                    outcome__in=["resumed", "ended"],
                )
                & ~Q(clarification=""),
                name="resolved_interruption_is_clarified_and_dated",
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(outcome=""),
                name="one_open_interruption_per_period",
            ),
        ]


class AttendancePolicy(models.Model):
    """The organiser's attendance policy, as data with an effective date: how many absences in
    30 days raise an alert to the responsible worker."""

    valid_from = models.DateField(_("valid from"), unique=True)
    absences_in_30_days = models.PositiveSmallIntegerField(
        _("absences in 30 days that raise an alert"), default=3
    )

    class Meta:
        verbose_name = _("attendance policy")
        verbose_name_plural = _("attendance policies")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        from polku.core.rules import day_label

        return day_label(self.valid_from)
