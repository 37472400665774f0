"""Assessment, client plan and the activation plan with its options (S4–S7).

Plan documents are versioned and never overwritten: a completed or signed version is read-only,
a correction is a new version with a reason, and the "current" version is derived.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.clients.models import ClientRelationship, Meeting
from polku.core.models import Versioned


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("document status", "Draft")
    COMPLETED = "completed", pgettext_lazy("document status", "Completed")


class VersionedDocument(Versioned):
    """One version of a document of a client relationship."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.PositiveSmallIntegerField(_("version number"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_date = models.DateField(_("date"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    correction_reason = models.CharField(
        _("reason for the new version"), max_length=300, blank=True
    )

    class Meta:
        abstract = True
        ordering = ["-number"]

    @property
    def is_read_only(self) -> bool:
        return self.status == DocumentStatus.COMPLETED


class Assessment(VersionedDocument):
    """Palvelutarpeen arviointi (Social Welfare Act 1301/2014 §36, §37)."""

    summary = models.TextField(_("summary of the situation and need"), blank=True)
    conclusion = models.TextField(_("professional's conclusion"), blank=True)
    client_view = models.TextField(_("the client's own view"), blank=True)
    personal_worker_needed = models.BooleanField(_("a personal worker is needed"), default=False)

    class Meta:
        verbose_name = _("service-need assessment")
        verbose_name_plural = _("service-need assessments")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "number"], name="assessment_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number}"


class ClientPlan(VersionedDocument):
    """Asiakassuunnitelma (1301/2014 §39)."""

    support_need = models.TextField(_("support need"), blank=True)
    services_and_measures = models.TextField(_("services and measures"), blank=True)
    strengths = models.TextField(_("strengths and resources"), blank=True)
    goals = models.TextField(_("goals set together"), blank=True)
    meeting_frequency = models.CharField(_("meeting frequency"), max_length=200, blank=True)
    estimated_duration = models.CharField(_("estimated duration"), max_length=200, blank=True)
    partners = models.TextField(_("partners and their responsibilities"), blank=True)
    follow_up = models.TextField(_("follow-up and re-assessment"), blank=True)
    client_view = models.TextField(_("the client's own view"), blank=True)
    disagreement = models.TextField(_("disagreement, in the client's words"), blank=True)

    class Meta:
        verbose_name = _("client plan")
        verbose_name_plural = _("client plans")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "number"], name="client_plan_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number}"


class PlanType(models.TextChoices):
    ACTIVATION = "activation", pgettext_lazy("plan type", "Activation plan")
    MTS = "mts", pgettext_lazy("plan type", "Multi-sectoral employment plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    SIGNED = "signed", pgettext_lazy("plan status", "Signed")
    REFUSED = "refused", pgettext_lazy("plan status", "Refused by the client")


class NoticeMethod(models.TextChoices):
    MEETING = "meeting", pgettext_lazy("notice method", "At a meeting")
    POST = "post", pgettext_lazy("notice method", "By post")


class ActivationPlanQuerySet(models.QuerySet["ActivationPlan"]):
    def signed(self) -> ActivationPlanQuerySet:
        return self.filter(status=PlanStatus.SIGNED)

    def drafts(self) -> ActivationPlanQuerySet:
        return self.filter(status=PlanStatus.DRAFT)


class ActivationPlan(Versioned):
    """Aktivointisuunnitelma (189/2001 §§5–9) or monialainen työllistymissuunnitelma (381/2023).

    ``round`` is 1 for the first plan (S5) and 2 for the second (S7); ``number`` counts the
    versions across rounds. A signed version is read-only; the current plan is the signed
    version with the highest number (derived by :func:`polku.pathways.selectors.current_plan`).
    """

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="activation_plans",
    )
    number = models.PositiveSmallIntegerField(_("version number"), default=1)
    round = models.PositiveSmallIntegerField(_("plan"), default=1)
    plan_type = models.CharField(_("plan type"), max_length=16, choices=PlanType.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    correction_reason = models.CharField(
        _("reason for the new version"), max_length=300, blank=True
    )
    assessment_started_on = models.DateField(
        _("multi-sectoral assessment started"), null=True, blank=True
    )
    notice_given_on = models.DateField(_("information notice given"), null=True, blank=True)
    notice_method = models.CharField(
        _("how the notice was given"), max_length=16, choices=NoticeMethod.choices, blank=True
    )
    joint_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("joint meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    official_name = models.CharField(_("employment authority official"), max_length=200, blank=True)
    employment_authority = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("employment authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "employment_authority"},
    )
    support_person = models.CharField(_("support person"), max_length=200, blank=True)
    education = models.TextField(_("education"), blank=True)
    work_history = models.TextField(_("work history"), blank=True)
    earlier_services = models.TextField(
        _("assessment of earlier services and plans and how they were carried out"), blank=True
    )
    agreed_measures = models.TextField(_("agreed measures"), blank=True)
    job_search_obligation = models.TextField(_("job-search obligation"), blank=True)
    last_resort_informed = models.BooleanField(
        _(
            "the client was told that rehabilitative work activity is the last-resort option "
            "they must take part in"
        ),
        default=False,
    )
    benefits_informed = models.BooleanField(
        _("the client was informed of benefits and compensations (189/2001 section 9(2))"),
        default=False,
    )
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    review_due = models.DateField(_("next review"), null=True, blank=True)
    reflection_due = models.DateField(_("decision due (reflection)"), null=True, blank=True)
    chosen_option = models.ForeignKey(
        "PlanOption",
        verbose_name=_("chosen option"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chosen_how = models.CharField(
        _("chosen at"),
        max_length=16,
        blank=True,
        choices=[
            ("meeting", pgettext_lazy("chosen at", "A meeting")),
            ("phone", pgettext_lazy("chosen at", "By phone")),
        ],
    )
    back_to_mapping = models.BooleanField(_("mapping continues"), default=False)
    refused = models.BooleanField(_("the client refused all measures"), default=False)
    consequences_explained = models.BooleanField(
        _("the possible consequences of refusing were explained"), default=False
    )

    objects = ActivationPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("activation plan")
        verbose_name_plural = _("activation plans")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["relationship", "number"], name="plan_version_unique"),
            models.CheckConstraint(
                condition=Q(refused=False) | Q(consequences_explained=True),
                name="refusal_needs_consequences_explained",
            ),
            # S7 records a chosen option or that the mapping continues, never both.
            models.CheckConstraint(
                condition=Q(chosen_option__isnull=True) | Q(back_to_mapping=False),
                name="chosen_option_or_mapping_continues",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_plan_type_display()} {self.round} (v{self.number})"

    @property
    def is_read_only(self) -> bool:
        return self.status != PlanStatus.DRAFT


class OptionKind(models.TextChoices):
    PLACE = "place", pgettext_lazy("option kind", "Work-activity place")
    EMPLOYMENT_SERVICE = (
        "employment_service",
        pgettext_lazy("option kind", "Other employment service"),
    )
    EDUCATION = "education", pgettext_lazy("option kind", "Education")
    SOCIAL_HEALTH = (
        "social_health",
        pgettext_lazy("option kind", "Social, health or rehabilitation service"),
    )
    OWN = "own", pgettext_lazy("option kind", "The client's own option")


class PlanOption(models.Model):
    """Vaihtoehto: one of the options offered (at least two) or proposed by the client."""

    plan = models.ForeignKey(ActivationPlan, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(_("kind"), max_length=32, choices=OptionKind.choices)
    place = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("work-activity place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "work_activity_place"},
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    proposed_by_client = models.BooleanField(_("proposed by the client"), default=False)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.place.display_name if self.place else f"{self.get_kind_display()}: {self.note}"


class Party(models.TextChoices):
    CLIENT = "client", pgettext_lazy("plan party", "Client")
    WORKER = "worker", pgettext_lazy("plan party", "Responsible worker")
    OFFICIAL = "official", pgettext_lazy("plan party", "Employment authority official")


class SignatureMethod(models.TextChoices):
    PAPER = "paper", pgettext_lazy("signature method", "On paper")
    IN_PERSON = "in_person", pgettext_lazy("signature method", "In person")
    PHONE = "phone", pgettext_lazy("signature method", "By phone")
    JOINT_MEETING = "joint_meeting", pgettext_lazy("signature method", "At the joint meeting")


class PlanSignature(models.Model):
    """One party's signature of one plan version (189/2001 §8 4 mom): who, how, when."""

    plan = models.ForeignKey(ActivationPlan, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    signer_name = models.CharField(_("name"), max_length=200)
    method = models.CharField(_("how"), max_length=16, choices=SignatureMethod.choices)
    signed_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["plan", "party"], name="one_signature_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.signer_name}"


class FamiliarisationVisit(models.Model):
    """A visit to an option during reflection (S6): alone or with the worker, and the impression."""

    plan = models.ForeignKey(ActivationPlan, on_delete=models.CASCADE, related_name="visits")
    option = models.ForeignKey(
        PlanOption, verbose_name=_("option"), on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField(_("date"))
    with_worker = models.BooleanField(_("with the worker"), default=False)
    impression = models.TextField(_("impression"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("familiarisation visit")
        verbose_name_plural = _("familiarisation visits")
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.option} {self.visited_on}"
