"""What S13–S15 record (SPEC §2, §5): the certificate of a period (*todistus*), the follow-up
plan (*jatkosuunnitelma*), the end of the relationship with its destination (*asiakkuuden
päättyminen*) and the follow-up contact one month later (*yhteydenotto kuukauden kuluttua*).

Rules are in ``rules.py``; services write and audit (``services/``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import User
from polku.clients.models import ClientRelationship
from polku.core.models import TimeStamped, Versioned
from polku.network.models import Opportunity, OpportunityKind, Partner
from polku.placements.models import Period


class Destination(models.TextChoices):
    """Where the client goes on (SPEC §2 S14), for the follow-up plan and the end alike."""

    OPEN_MARKET_WORK = "open_market_work", pgettext_lazy("destination", "Open-market work")
    PAY_SUBSIDISED_WORK = (
        "pay_subsidised_work",
        pgettext_lazy("destination", "Pay-subsidised work"),
    )
    WORK_TRIAL = "work_trial", pgettext_lazy("destination", "Work trial")
    STUDIES = "studies", pgettext_lazy("destination", "Studies started or applied for")
    NEW_KUTY_PERIOD = (
        "new_kuty_period",
        pgettext_lazy("destination", "New period of rehabilitative work activity"),
    )
    OTHER_EMPLOYMENT_SERVICE = (
        "other_employment_service",
        pgettext_lazy("destination", "Other employment service"),
    )
    SOCIAL_REHABILITATION = (
        "social_rehabilitation",
        pgettext_lazy("destination", "Social rehabilitation"),
    )
    HEALTH_OR_REHABILITATION = (
        "health_or_rehabilitation",
        pgettext_lazy("destination", "Health or rehabilitation services"),
    )
    PENSION = "pension", pgettext_lazy("destination", "Pension")
    MOVED_AWAY = "moved_away", pgettext_lazy("destination", "Moved away")
    NO_SUITABLE_PLAN = "no_suitable_plan", pgettext_lazy("destination", "No suitable plan")
    OTHER = "other", pgettext_lazy("destination", "Other")


# Destinations that need words: "no suitable plan" its reason, "other" its description.
DETAIL_NEEDED = frozenset({Destination.NO_SUITABLE_PLAN, Destination.OTHER})

# Destinations an opportunity or a partner of the service network can lead to (outcomes traced
# back, docs/subsystems/network.md): work, a work trial, pay-subsidised work, studies.
TRACEABLE = frozenset(
    {
        Destination.OPEN_MARKET_WORK,
        Destination.PAY_SUBSIDISED_WORK,
        Destination.WORK_TRIAL,
        Destination.STUDIES,
    }
)

# The one destination each kind of opportunity leads to: an end linked to an opportunity has
# this destination (``rules.traced_to``, docs/subsystems/closure.md). One to one: a job found
# through a job opening but paid with a pay subsidy is linked to the employer (the partner),
# not to the job opening, so that the figures never count it as open-market work.
OPPORTUNITY_DESTINATIONS: dict[str, Destination] = {
    OpportunityKind.JOB: Destination.OPEN_MARKET_WORK,
    OpportunityKind.WORK_TRIAL: Destination.WORK_TRIAL,
    OpportunityKind.PAY_SUBSIDISED_JOB: Destination.PAY_SUBSIDISED_WORK,
    OpportunityKind.TRAINING: Destination.STUDIES,
}


class CertificateLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")


class CertificateStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("certificate", "Draft")
    GIVEN = "given", pgettext_lazy("certificate", "Given to the client")


class Certificate(Versioned):
    """Todistus / osaamistodistus of one period (SPEC §5): the tasks done, the skills shown and
    learned, optionally units of vocational qualifications. It names the period and the place
    and does not say the period was rehabilitative work activity, nor mention social services,
    unless the client chose so (``names_service``). Drafted and edited by the responsible
    worker and the place supervisor; given by the worker, who stores the PDF as produced."""

    period = models.OneToOneField(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificateStatus.choices,
        default=CertificateStatus.DRAFT,
    )
    language = models.CharField(
        _("language of the certificate"), max_length=2, choices=CertificateLanguage.choices
    )
    tasks_done = models.TextField(_("tasks done"), blank=True)
    skills_shown = models.TextField(_("skills shown"), blank=True)
    skills_learned = models.TextField(_("skills learned"), blank=True)
    qualification_units = models.TextField(
        _("units of vocational qualifications"),
        blank=True,
        help_text=_("Optional: one unit per line, e.g. the qualification and the unit's name."),
    )
    additional = models.TextField(_("other remarks"), blank=True)
    names_service = models.BooleanField(
        _(
            "the client chose that the certificate says the period was rehabilitative work "
            "activity, a social service"
        ),
        default=False,
    )
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    participation_days = models.PositiveIntegerField(_("participation days"), default=0)
    given_on = models.DateField(_("date given"), null=True, blank=True)
    given_by = models.ForeignKey(
        User,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    document = models.BinaryField(
        _("the certificate as given (PDF)"), null=True, blank=True, editable=False
    )
    drafted_by = models.ForeignKey(
        User, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CertificateStatus.DRAFT, given_on__isnull=True)
                | Q(status=CertificateStatus.GIVEN, given_on__isnull=False),
                name="given_certificate_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return str(self.period)


class FollowUpPlan(Versioned):
    """Jatkosuunnitelma of one period (SPEC §2 S13): where the client goes on, the next step,
    its date and who is responsible, made before the period ends ("not sent home to wait")."""

    period = models.OneToOneField(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="follow_up_plan",
    )
    destination = models.CharField(_("destination"), max_length=32, choices=Destination.choices)
    destination_detail = models.CharField(
        _("reason or description"),
        max_length=300,
        blank=True,
        help_text=_("Needed for “No suitable plan” (the reason) and “Other” (what)."),
    )
    next_step = models.TextField(_("next step"))
    next_on = models.DateField(_("date of the next step"))
    responsible = models.CharField(_("who is responsible"), max_length=200)
    made_on = models.DateField(_("date made"))
    author = models.ForeignKey(
        User, verbose_name=_("made by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")

    def __str__(self) -> str:
        return str(self.get_destination_display())


class RelationshipEnd(TimeStamped):
    """Asiakkuuden päättyminen (SPEC §2 S14): the end date, the destination and the worker's
    confirmation that the client has no further need of social services. A reopened
    relationship keeps its earlier ends with when and why it was reopened."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="ends",
    )
    ended_on = models.DateField(_("end date"))
    destination = models.CharField(_("destination"), max_length=32, choices=Destination.choices)
    destination_detail = models.CharField(_("reason or description"), max_length=300, blank=True)
    no_further_need = models.BooleanField(
        _("the client has no further need of social services"), default=False
    )
    # The outcome traced back: the opportunity or (without one) the partner that the
    # destination came through; at most one, and only for a TRACEABLE destination.
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("through the opportunity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ends",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("through the partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ends",
    )
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    reopened_on = models.DateField(_("reopened on"), null=True, blank=True)
    reopen_reason = models.CharField(_("why it was reopened"), max_length=300, blank=True)
    reopened_by = models.ForeignKey(
        User,
        verbose_name=_("reopened by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("end of the client relationship")
        verbose_name_plural = _("ends of client relationships")
        ordering = ["-ended_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(no_further_need=True), name="end_confirms_no_further_need"
            ),
            models.CheckConstraint(
                condition=~Q(destination__in=sorted(DETAIL_NEEDED)) | ~Q(destination_detail=""),
                name="end_destination_has_its_detail",
            ),
            models.CheckConstraint(
                condition=Q(reopened_on__isnull=True, reopen_reason="")
                | Q(reopened_on__isnull=False) & ~Q(reopen_reason=""),
                name="reopened_end_has_a_reason",
            ),
            models.UniqueConstraint(
                fields=["relationship"],
                condition=Q(reopened_on__isnull=True),
                name="one_current_end_per_relationship",
            ),
            models.CheckConstraint(
                condition=Q(opportunity__isnull=True) | Q(partner__isnull=True),
                name="end_traced_to_one_source",
            ),
            models.CheckConstraint(
                condition=Q(opportunity__isnull=True, partner__isnull=True)
                | Q(destination__in=sorted(TRACEABLE)),
                name="end_traced_only_when_traceable",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_destination_display())


class CallOutcome(models.TextChoices):
    """A contact attempt's outcome. "Not reached" leaves the contact due again (a repeat
    attempt in the work queue); "reached" and "no more attempts" (with the reason) conclude it."""

    REACHED = "reached", pgettext_lazy("follow-up contact", "Reached")
    NOT_REACHED = (
        "not_reached",
        pgettext_lazy("follow-up contact", "Not reached: I will try again"),
    )
    NO_MORE_ATTEMPTS = (
        "no_more_attempts",
        pgettext_lazy("follow-up contact", "Not reached: no more attempts will be made"),
    )


# The outcomes that conclude the follow-up contact (S14 → S15); at most one per end.
CONCLUDING_OUTCOMES = (CallOutcome.REACHED, CallOutcome.NO_MORE_ATTEMPTS)


class CallNeed(models.TextChoices):
    """What the client needs when reached (SPEC §2 S15)."""

    NO_NEED = (
        "no_need",
        pgettext_lazy("follow-up contact", "No need: the relationship stays closed"),
    )
    REOPEN = "reopen", pgettext_lazy("follow-up contact", "Need: reopen this relationship")
    NEW_RELATIONSHIP = (
        "new_relationship",
        pgettext_lazy("follow-up contact", "Need: open a new relationship linked to this one"),
    )


class FollowUpCall(TimeStamped):
    """Yhteydenotto kuukauden kuluttua (SPEC §2 S15): an attempt to contact the client one
    month after the end, and its outcome. Due in the worker's work queue from the end date + 1
    month, and again a few working days after an attempt that did not reach the client, until
    one attempt concludes it: the client reached, or the worker's decision, with its reason,
    that no more attempts will be made (derived, never stored as a to-do)."""

    end = models.ForeignKey(
        RelationshipEnd,
        verbose_name=_("end of the client relationship"),
        on_delete=models.PROTECT,
        related_name="calls",
    )
    called_on = models.DateField(_("date of the contact"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=CallOutcome.choices)
    need = models.CharField(_("need"), max_length=32, choices=CallNeed.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    stop_reason = models.CharField(_("why no more attempts are made"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        ordering = ["-called_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=CallOutcome.REACHED) & ~Q(need="")
                | Q(outcome__in=[CallOutcome.NOT_REACHED, CallOutcome.NO_MORE_ATTEMPTS], need=""),
                name="reached_call_records_the_need",
            ),
            models.CheckConstraint(
                condition=Q(outcome=CallOutcome.NO_MORE_ATTEMPTS) & ~Q(stop_reason="")
                | ~Q(outcome=CallOutcome.NO_MORE_ATTEMPTS) & Q(stop_reason=""),
                name="no_more_attempts_has_a_reason",
            ),
            models.UniqueConstraint(
                fields=["end"],
                condition=Q(outcome__in=CONCLUDING_OUTCOMES),
                name="one_concluding_call_per_end",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_outcome_display())
