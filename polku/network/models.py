"""The service network (SPEC §7): partners and employers (*yhteistyötahot ja työnantajat*) and
the opportunities they offer (*avoimet työpaikat, työkokeilut, palkkatukityöt ja koulutukset*).

Rules are in ``rules.py``; services write and audit (``services.py``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import Unit, UnitKind, User
from polku.core.models import Versioned


class OpportunityKind(models.TextChoices):
    """What an opportunity is."""

    JOB = "job", pgettext_lazy("opportunity kind", "Job opening")
    WORK_TRIAL = "work_trial", pgettext_lazy("opportunity kind", "Work trial")
    PAY_SUBSIDISED_JOB = (
        "pay_subsidised_job",
        pgettext_lazy("opportunity kind", "Pay-subsidised job"),
    )
    TRAINING = "training", pgettext_lazy("opportunity kind", "Training")


class HelpKind(models.TextChoices):
    """The kinds of help on the service map (seed 002's *palvelukartta*). The four kinds of
    opportunity share their keys; the groups app's entries are ``GROUPS``."""

    WORK_ACTIVITY = "work_activity", pgettext_lazy("kind of help", "Rehabilitative work activity")
    JOB = "job", pgettext_lazy("kind of help", "Jobs")
    WORK_TRIAL = "work_trial", pgettext_lazy("kind of help", "Work trials")
    PAY_SUBSIDISED_JOB = "pay_subsidised_job", pgettext_lazy("kind of help", "Pay-subsidised jobs")
    TRAINING = "training", pgettext_lazy("kind of help", "Training and studies")
    COACHING = "coaching", pgettext_lazy("kind of help", "Coaching and guidance")
    GROUPS = "groups", pgettext_lazy("kind of help", "Groups")


def in_language(finnish: str, swedish: str, language: str | None = None) -> str:
    """A text written in Finnish and in Swedish, in ``language`` (default: the language in
    force): Swedish for a Swedish reader, Finnish for the others; the other one when the
    reader's is empty, so a page never shows nothing where something was written."""
    code = (language or get_language() or "fi").split("-")[0]
    first, second = (swedish, finnish) if code == "sv" else (finnish, swedish)
    return first or second


class PartnerQuerySet(models.QuerySet["Partner"]):
    def active(self) -> PartnerQuerySet:
        return self.filter(active=True)


class Partner(Versioned):
    """Yhteistyötaho tai työnantaja: an organisation the workers send clients on to."""

    name = models.CharField(_("organisation"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, help_text=_("Y-tunnus, e.g. 1572860-0.")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    municipality = models.ForeignKey(
        Unit,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": UnitKind.MUNICIPALITY},
    )
    field = models.CharField(_("field"), max_length=100, blank=True)
    offers = models.TextField(_("what they offer"), blank=True)
    offers_sv = models.TextField(_("what they offer in Swedish"), blank=True)
    help_kinds = models.JSONField(_("kinds of help"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="one_partner_per_business_id",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="partner_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def offers_in(self, language: str | None = None) -> str:
        """What they offer in the reader's language, else in the other (``in_language``)."""
        return in_language(self.offers, self.offers_sv, language)

    @property
    def help_labels(self) -> list[str]:
        """The kinds of help as labels in the viewer's language, in the enum's order."""
        labels = dict(HelpKind.choices)
        return [str(labels[key]) for key in HelpKind.values if key in (self.help_kinds or ())]


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def current(self, today: object) -> OpportunityQuerySet:
        """Not ended (open-ended, or ending today or later), at an active partner."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), partner__active=True)

    def open_now(self, today: object) -> OpportunityQuerySet:
        """Current and already started (``starts_on`` today or earlier): what "Jobs and
        training now" lists and counts; one announced before its start is current, not open."""
        return self.current(today).filter(starts_on__lte=today)

    def public(self) -> OpportunityQuerySet:
        return self.filter(public=True)


class Opportunity(Versioned):
    """Työ- tai koulutusmahdollisuus: a job opening, a work trial, a pay-subsidised job or a
    training that a partner offers, with its dates; shown to clients when public."""

    kind = models.CharField(_("kind"), max_length=32, choices=OpportunityKind.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    title = models.CharField(_("title"), max_length=200)  # in Finnish
    title_sv = models.CharField(
        pgettext_lazy("opportunity", "title in Swedish"), max_length=200, blank=True
    )
    description = models.TextField(_("description"), blank=True)  # in Finnish
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    municipality = models.ForeignKey(
        Unit,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": UnitKind.MUNICIPALITY},
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    public = models.BooleanField(_("shown to clients"), default=False)
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["starts_on", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="opportunity_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="opportunity_has_a_title"),
        ]

    def __str__(self) -> str:
        return self.title_in()

    def title_in(self, language: str | None = None) -> str:
        """The title in the reader's language (default: the language in force), else in the
        other: the Finnish title is required, the Swedish one optional."""
        return in_language(self.title, self.title_sv, language)

    def description_in(self, language: str | None = None) -> str:
        """The description in the reader's language, else in the other (either may be empty)."""
        return in_language(self.description, self.description_sv, language)
