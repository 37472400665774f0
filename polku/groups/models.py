"""Groups (SPEC §7, §4): group-form rehabilitative work activity (*ryhmämuotoinen kuntouttava
työtoiminta*) and low-threshold groups that are not kuty (*matalan kynnyksen ryhmä*), their
sessions with a theme each, the enrolment of each participant with their legal status in the
group (groups mix kuty participants and participants of other services), and attendance per
session with the same absence reasons as a period at a place (``attendance.models``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit, UnitKind, User
from polku.attendance.models import AbsenceReason, Notice
from polku.clients.models import Client, ClientRelationship
from polku.core.models import TimeStamped, Versioned
from polku.network.models import Partner
from polku.pathways.models import ActivationPlan
from polku.placements.models import CompensationBasis

WEEKDAY_LABELS = {
    1: pgettext_lazy("weekday", "Monday"),
    2: pgettext_lazy("weekday", "Tuesday"),
    3: pgettext_lazy("weekday", "Wednesday"),
    4: pgettext_lazy("weekday", "Thursday"),
    5: pgettext_lazy("weekday", "Friday"),
    6: pgettext_lazy("weekday", "Saturday"),
    7: pgettext_lazy("weekday", "Sunday"),
}


class GroupKind(models.TextChoices):
    KUTY = "kuty", pgettext_lazy("group kind", "Group-form rehabilitative work activity")
    LOW_THRESHOLD = "low_threshold", pgettext_lazy("group kind", "Low-threshold group (not kuty)")


class GroupQuerySet(models.QuerySet["Group"]):
    def open_on(self, day: object) -> GroupQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Group(Versioned):
    """Ryhmä: a group with its organiser, partner, instructors, times, place and capacity."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    organiser = models.ForeignKey(
        Unit, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="groups"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="groups",
        null=True,
        blank=True,
        help_text=_("The partner in the service network the group is run with, if any."),
    )
    partner_name = models.CharField(
        _("partner not in the register"),
        max_length=200,
        blank=True,
        help_text=_("An organisation the group is run with that is not in the service network."),
    )
    description = models.TextField(_("description"), blank=True)
    instructors = models.ManyToManyField(
        User, verbose_name=_("instructors"), related_name="instructed_groups", blank=True
    )
    weekdays = models.CharField(
        _("weekdays"), max_length=7, help_text=_("ISO weekday numbers, Monday 1 … Sunday 7.")
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    place = models.ForeignKey(
        Unit,
        verbose_name=_("work-activity place"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": UnitKind.WORK_ACTIVITY_PLACE},
    )
    location = models.CharField(
        _("where the group meets"),
        max_length=200,
        blank=True,
        help_text=_("The address or room, when the group does not meet at a place."),
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    # The form's one-time token: the same form sent twice (a double click) adds one group.
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["starts_on", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="group_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="group_time_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="group_has_capacity"),
            models.CheckConstraint(condition=~Q(weekdays=""), name="group_has_weekdays"),
            models.CheckConstraint(
                condition=Q(partner__isnull=True) | Q(partner_name=""),
                name="group_partner_once",
            ),
            models.UniqueConstraint(
                fields=["organiser", "name", "starts_on"], name="one_group_of_a_name_per_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def partner_label(self) -> str:
        """The partner's name: the registered one, or the one written in."""
        return self.partner.name if self.partner is not None else self.partner_name

    @property
    def weekday_numbers(self) -> list[int]:
        return sorted(int(day) for day in self.weekdays)

    @property
    def weekday_labels(self) -> str:
        return ", ".join(str(WEEKDAY_LABELS[n]) for n in self.weekday_numbers)


class Session(Versioned):
    """Ryhmäkerta: one meeting of the group on a date, with its times and theme, and the
    instructor's feedback note (mid-point and end feedback are written here)."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="sessions"
    )
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    theme = models.CharField(_("theme"), max_length=200)
    feedback_note = models.TextField(
        _("feedback"),
        blank=True,
        help_text=_("The group's feedback, e.g. at the mid-point and at the end."),
    )
    # The form's one-time token: the same form sent twice (a double click) adds one session.
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")
        ordering = ["day", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "day", "starts_at"], name="one_session_per_group_and_time"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        from polku.core.rules import day_label

        return f"{day_label(self.day)} {self.theme}"


class FeedbackKind(models.TextChoices):
    """The group's feedback rounds: at the mid-point and at the end (SPEC §7)."""

    MID = "mid", pgettext_lazy("group feedback", "Mid-point feedback")
    END = "end", pgettext_lazy("group feedback", "End feedback")


class GroupFeedback(Versioned):
    """Väli- tai loppupalaute: the group's feedback round at the mid-point or at the end, as
    the instructor (or a worker of the organiser) wrote it down. About the group, never about
    a person: no names of participants."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="feedback"
    )
    kind = models.CharField(_("feedback round"), max_length=8, choices=FeedbackKind.choices)
    given_on = models.DateField(_("date of the feedback round"))
    said = models.TextField(
        _("what the participants said"),
        help_text=_("The group's views in general terms; do not write names."),
    )
    works = models.TextField(_("what works"))
    change = models.TextField(_("what to change"))
    recorded_by = models.ForeignKey(
        User, verbose_name=_("last recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("group feedback")
        verbose_name_plural = _("group feedback")
        ordering = ["group", "given_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "kind"], name="one_feedback_per_group_and_kind"
            ),
            models.CheckConstraint(
                condition=~Q(said="") & ~Q(works="") & ~Q(change=""),
                name="group_feedback_has_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {FeedbackKind(self.kind).label}"


class LegalStatus(models.TextChoices):
    """The participant's legal status in this group: groups mix them (SPEC §7)."""

    KUTY = "kuty", pgettext_lazy("group status", "Kuty participant under an activation plan")
    OTHER_SERVICE = (
        "other_service",
        pgettext_lazy("group status", "Participant of another service"),
    )


class Enrolment(Versioned):
    """Ryhmään osallistuminen: one client in one group, with their legal status, the named
    responsible worker and the agreement. A kuty participant's plan is their signed
    activation plan; the kuty rules apply to them only."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="enrolments"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="group_enrolments",
    )
    status = models.CharField(_("legal status"), max_length=16, choices=LegalStatus.choices)
    plan = models.ForeignKey(
        ActivationPlan,
        verbose_name=_("activation plan"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    other_service = models.CharField(
        _("other service"),
        max_length=200,
        blank=True,
        help_text=_("The service the person takes part through, e.g. social rehabilitation."),
    )
    responsible_worker = models.ForeignKey(
        User, verbose_name=_("responsible worker"), on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField(_("agreed on"))
    agreement = models.TextField(_("what was agreed"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.TextField(
        _("why the participation ended early"),
        blank=True,
        help_text=_("Written when the participation is ended before its planned end."),
    )
    compensation = models.CharField(
        _("compensation"), max_length=16, choices=CompensationBasis.choices, blank=True
    )
    travel_compensation = models.BooleanField(_("travel costs compensated"), default=False)
    # The form's one-time token: the same form sent twice (a double click) enrols once.
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("group enrolment")
        verbose_name_plural = _("group enrolments")
        ordering = ["client__last_name", "client__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "client"], name="one_enrolment_per_client"),
            models.CheckConstraint(
                condition=Q(status=LegalStatus.KUTY, plan__isnull=False, other_service="")
                | Q(
                    status=LegalStatus.OTHER_SERVICE,
                    plan__isnull=True,
                    compensation="",
                    travel_compensation=False,
                )
                & ~Q(other_service=""),
                name="enrolment_status_has_its_fields",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="enrolment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_reason="") | Q(ends_on__isnull=False),
                name="enrolment_end_reason_has_an_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client.last_name} {self.client.first_name}"

    @property
    def is_kuty(self) -> bool:
        return self.status == LegalStatus.KUTY


class SessionStatus(models.TextChoices):
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")


class SessionAttendance(Versioned):
    """One participant at one session: present with hours, or absent with Kela's reason and
    whether it was reported, as at a place (SPEC §4). ``note`` is the message the participant
    wrote with an absence they reported from OmaPolku, shown to the group's instructors."""

    session = models.ForeignKey(
        Session, verbose_name=_("group session"), on_delete=models.PROTECT, related_name="marks"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("group enrolment"), on_delete=models.PROTECT, related_name="marks"
    )
    status = models.CharField(_("status"), max_length=16, choices=SessionStatus.choices)
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1, null=True, blank=True)
    reason = models.CharField(
        _("reason for the absence"), max_length=32, choices=AbsenceReason.choices, blank=True
    )
    notice = models.CharField(_("reported"), max_length=16, choices=Notice.choices, blank=True)
    note = models.CharField(
        _("message"),
        max_length=500,
        blank=True,
        help_text=_("The participant's own message with the absence they reported."),
    )
    recorded_by = models.ForeignKey(
        User, verbose_name=_("last recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("group session attendance")
        verbose_name_plural = _("group session attendance")
        ordering = ["session__day", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="one_mark_per_session_and_participant"
            ),
            models.CheckConstraint(
                condition=Q(
                    status=SessionStatus.PRESENT, hours__gt=0, hours__lte=8, reason="", notice=""
                )
                | Q(status=SessionStatus.ABSENT, hours__isnull=True)
                & ~Q(reason="")
                & ~Q(notice=""),
                name="session_mark_has_its_fields",
            ),
        ]

    def __str__(self) -> str:
        return str(SessionStatus(self.status).label)


class ReminderSent(TimeStamped):
    """That the reminder before the group's start went out (once per group)."""

    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="reminder"
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("group reminder")
        verbose_name_plural = _("group reminders")

    def __str__(self) -> str:
        return str(self.group)
