"""Client feedback (SPEC §6): the end-of-period survey, the feedback box and complaints.

The survey is stored in two halves that nothing links (docs/decisions/0016-feedback-anonymity.md):

- ``SurveyResponse`` and its ``SurveyAnswer`` rows: the answers, with the place, the place's
  producer type and the month the period ended. No client, no period, no time of answering;
  random keys, so not even the order of the rows tells who answered first.
- ``SurveyReceipt``: the client's side, "this period's survey is answered", so the survey is
  not offered twice. It names the period and nothing of the answers.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import ProducerType, Unit
from polku.clients.models import Client, ClientRelationship
from polku.core.models import Versioned
from polku.placements.models import Period


class Statement(models.TextChoices):
    """The survey's statements (SPEC §6, after the KOPPI client survey of seed 002). The label
    is the statement as the client reads it."""

    PLANNING = (
        "planning",
        pgettext_lazy(
            "survey statement",
            "The things that matter to me were taken into account when my work activity was planned.",
        ),
    )
    LIFE_SITUATION = (
        "life_situation",
        pgettext_lazy("survey statement", "My life situation was taken into account."),
    )
    VISITS = (
        "visits",
        pgettext_lazy(
            "survey statement", "I could visit work-activity places before the decision."
        ),
    )
    PLACE = "place", pgettext_lazy("survey statement", "The work-activity place was good for me.")
    TASKS = "tasks", pgettext_lazy("survey statement", "The tasks suited me.")
    FOLLOW_UP = (
        "follow_up",
        pgettext_lazy("survey statement", "What comes after the period was planned with me."),
    )
    FUTURE = "future", pgettext_lazy("survey statement", "My plans for the future became clearer.")
    EMPLOYMENT = (
        "employment",
        pgettext_lazy("survey statement", "My chances of getting work got better."),
    )
    GOALS = "goals", pgettext_lazy("survey statement", "The work activity supported my goals.")


class Scale(models.IntegerChoices):
    """The 1–4 scale of the KOPPI survey (seed 002)."""

    NOT_AT_ALL = 1, pgettext_lazy("survey scale", "Not at all")
    HARDLY = 2, pgettext_lazy("survey scale", "Hardly")
    FAIRLY_WELL = 3, pgettext_lazy("survey scale", "Fairly well")
    VERY_WELL = 4, pgettext_lazy("survey scale", "Very well")


class SurveyResponse(models.Model):
    """One client's answers to the end-of-period survey, apart from their identity: the place,
    its producer type when answered, and the month the period ended."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    place = models.ForeignKey(
        Unit, verbose_name=_("work-activity place"), on_delete=models.PROTECT, related_name="+"
    )
    producer_type = models.CharField(
        _("producer type"), max_length=32, choices=ProducerType.choices
    )
    month = models.DateField(_("month the period ended"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["place", "month"])]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="survey_month_is_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.month:%m/%Y}"


class SurveyAnswer(models.Model):
    """One statement's answer: a score on the 1–4 scale, words, or both."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    statement = models.CharField(_("statement"), max_length=32, choices=Statement.choices)
    score = models.PositiveSmallIntegerField(
        _("answer"), choices=Scale.choices, null=True, blank=True
    )
    comment = models.TextField(_("in your own words"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="one_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="survey_score_one_to_four",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.score}"


class SurveyReceipt(models.Model):
    """The client's side of the survey: this period's survey is answered (and so not offered
    again). Names nothing of the answers."""

    period = models.OneToOneField(
        Period, verbose_name=_("work-activity period"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("survey answered")
        verbose_name_plural = _("surveys answered")

    def __str__(self) -> str:
        return str(self.period_id)


class MessageState(models.TextChoices):
    NEW = "new", pgettext_lazy("feedback state", "New")
    READ = "read", pgettext_lazy("feedback state", "Read")
    HANDLED = "handled", pgettext_lazy("feedback state", "Handled")


class FeedbackMessage(Versioned):
    """A message in the feedback box (palautelaatikko, seed 004): any time, about anything; read
    by the managers of the client's unit, never by the client's own worker. The sender chooses
    whether the reader sees their name."""

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        Unit,
        verbose_name=_("work-activity place"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    text = models.TextField(_("message"))
    show_name = models.BooleanField(_("the reader may see the sender's name"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=MessageState.choices, default=MessageState.NEW
    )
    handled_note = models.TextField(_("what was done"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.created_at:%d.%m.%Y}"


class ComplaintState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("complaint state", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("complaint state", "Being handled")
    ANSWERED = "answered", pgettext_lazy("complaint state", "Answered")


class ReplyBy(models.TextChoices):
    OMAPOLKU = "omapolku", pgettext_lazy("complaint reply", "In OmaPolku")
    LETTER = "letter", pgettext_lazy("complaint reply", "By letter")
    PHONE = "phone", pgettext_lazy("complaint reply", "By phone")


class Complaint(Versioned):
    """A complaint (muistutus) about the quality of social services or the treatment received,
    addressed to the person responsible for the unit (812/2000 §23). Answered in writing within
    a reasonable time. ``helped_by`` records the worker who helped the client write it."""

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    what_happened = models.TextField(_("what happened"))
    when = models.CharField(_("when it happened"), max_length=200, blank=True)
    wish = models.TextField(_("what the client wants"), blank=True)
    reply_by = models.CharField(
        _("answer given"), max_length=16, choices=ReplyBy.choices, default=ReplyBy.OMAPOLKU
    )
    contact = models.CharField(_("phone or address for the answer"), max_length=300, blank=True)
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written with the help of"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ComplaintState.choices, default=ComplaintState.RECEIVED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    submission = models.UUIDField(
        _("form submission"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="answered") | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="an_answered_complaint_has_its_answer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.created_at:%d.%m.%Y}"
