"""Goals with GAS and the mid-period and final evaluation (SPEC §5, §2 S11–S13).

- :class:`Goal` (*tavoite*): concrete and small, with a life area, actions, who helps, and a GAS
  scale (five written levels −2…+2, level 0 the expected outcome, the baseline usually −1).
- :class:`GoalProposal`: the client proposes a change or a new goal from OmaPolku; the worker
  applies it or answers.
- :class:`EvaluationTemplate`: the form's items and scales, versioned; a template in use is
  never changed, a revision is a new ``number``.
- :class:`Evaluation` (*väliarviointi*, *loppuarviointi*) with one :class:`EvaluationSection`
  per party (goals: the worker with the client; work ability: the place; self-evaluation: the
  client). Background is composed from the period when shown, never copied.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import User
from polku.clients.models import ClientRelationship
from polku.core.models import TimeStamped, Versioned
from polku.placements.models import Period

GAS_LEVELS = (-2, -1, 0, 1, 2)


class LifeArea(models.TextChoices):
    """The life areas of the self-evaluation (SPEC §5), and work for the goals."""

    WORK = "work", pgettext_lazy("life area", "Work and working-life skills")
    HOUSING = "housing", pgettext_lazy("life area", "Housing")
    FINANCES = "finances", pgettext_lazy("life area", "Finances")
    HEALTH = "health", pgettext_lazy("life area", "Health")
    SUBSTANCES = "substances", pgettext_lazy("life area", "Substance use")
    RELATIONSHIPS = "relationships", pgettext_lazy("life area", "Relationships")
    DAILY_ROUTINE = "daily_routine", pgettext_lazy("life area", "Daily routine")
    HOBBIES = "hobbies", pgettext_lazy("life area", "Hobbies")
    FUTURE = "future", pgettext_lazy("life area", "Future plans")


SELF_EVALUATION_AREAS = tuple(area for area in LifeArea if area != LifeArea.WORK)


class Goal(Versioned):
    """Tavoite with its GAS scale. The worker writes it with the client; the client may propose
    a change (:class:`GoalProposal`)."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="goals",
        null=True,
        blank=True,
    )
    wording = models.TextField(_("goal"))
    life_area = models.CharField(_("life area"), max_length=16, choices=LifeArea.choices)
    actions = models.TextField(_("actions"), blank=True)
    helper_name = models.CharField(_("who helps"), max_length=200, blank=True)
    helper_contact = models.CharField(_("contact details of who helps"), max_length=300, blank=True)
    level_minus_2 = models.TextField(_("−2: much less than expected"), blank=True)
    level_minus_1 = models.TextField(_("−1: less than expected"), blank=True)
    level_0 = models.TextField(_("0: the expected outcome"))
    level_plus_1 = models.TextField(_("+1: more than expected"), blank=True)
    level_plus_2 = models.TextField(_("+2: much more than expected"), blank=True)
    baseline = models.SmallIntegerField(_("baseline"), default=-1)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=1, null=True, blank=True)
    author = models.ForeignKey(
        User, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline__gte=-2, baseline__lte=2), name="goal_baseline_is_a_gas_level"
            ),
            models.CheckConstraint(condition=~Q(level_0=""), name="goal_has_the_expected_level"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gt=0), name="goal_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.wording

    def level_text(self, level: int) -> str:
        return str(getattr(self, LEVEL_FIELDS[level]))

    @property
    def scale(self) -> list[tuple[int, str]]:
        """The five levels, +2 first, as (level, description)."""
        return [(level, self.level_text(level)) for level in reversed(GAS_LEVELS)]

    @property
    def effective_weight(self) -> float:
        return float(self.weight) if self.weight is not None else 1.0


LEVEL_FIELDS = {
    -2: "level_minus_2",
    -1: "level_minus_1",
    0: "level_0",
    1: "level_plus_1",
    2: "level_plus_2",
}


class ProposalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("goal proposal", "Waiting for the worker")
    ACCEPTED = "accepted", pgettext_lazy("goal proposal", "Accepted")
    ANSWERED = "answered", pgettext_lazy("goal proposal", "Answered")


class GoalProposal(TimeStamped):
    """The client's proposal, in their own words, to change a goal (``goal``) or to add one
    (no ``goal``). The worker applies it (the goal form, then ``accepted``) or answers."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="goal_proposals",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.PROTECT,
        related_name="proposals",
        null=True,
        blank=True,
    )
    text = models.TextField(_("proposal"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("goal proposal")
        verbose_name_plural = _("goal proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.ANSWERED) | ~Q(answer=""),
                name="answered_proposal_has_an_answer",
            ),
        ]


def _in_language(texts: Any) -> str:
    """``{"fi": …, "sv": …, "en": …}`` in the viewer's language, Finnish when missing."""
    if not isinstance(texts, dict):
        return str(texts)
    language = (get_language() or "fi")[:2]
    return str(texts.get(language) or texts.get("fi") or "")


class EvaluationTemplate(TimeStamped):
    """The evaluation form's work-ability items and their scales, a version (``number``) of a
    form (``key``). An evaluation keeps the version it started with; a template in use is never
    changed: a revision is a new version (the configuration site saves it as new).

    ``items``: ``[{"key": "punctuality", "text": {"fi": …, "sv": …, "en": …}, "scale": "k"}]``;
    ``scales``: ``{"k": [{"value": 1, "text": {"fi": …, "sv": …, "en": …}}, …]}``.
    """

    key = models.SlugField(_("form"), max_length=40)
    number = models.PositiveIntegerField(_("version"))
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    items = models.JSONField(_("items"), default=list)
    scales = models.JSONField(_("scales"), default=dict)
    active = models.BooleanField(
        _("in use for new evaluations"),
        default=True,
        help_text=_("New evaluations use the newest active version."),
    )

    class Meta:
        verbose_name = _("evaluation template")
        verbose_name_plural = _("evaluation templates")
        ordering = ["key", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["key", "number"], name="one_template_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @property
    def title(self) -> str:
        return _in_language({"fi": self.title_fi, "sv": self.title_sv, "en": self.title_en})

    def item_rows(self) -> list[dict[str, Any]]:
        """Each item in the viewer's language with its scale: key, text, levels [(value, text)]."""
        rows = []
        for item in self.items:
            levels = [
                (int(level["value"]), _in_language(level["text"]))
                for level in self.scales.get(item["scale"], [])
            ]
            rows.append({"key": item["key"], "text": _in_language(item["text"]), "levels": levels})
        return rows


class EvaluationKind(models.TextChoices):
    MID = "mid", pgettext_lazy("evaluation kind", "Mid-period evaluation")
    FINAL = "final", pgettext_lazy("evaluation kind", "Final evaluation")


class EvaluationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("evaluation", "In progress")
    FINISHED = "finished", pgettext_lazy("evaluation", "Finished")


class Evaluation(Versioned):
    """Väliarviointi or loppuarviointi of one period. Each party fills in its own section; the
    evaluation is finished at a joint meeting once every section is complete, then read-only."""

    relationship = models.ForeignKey(
        ClientRelationship,
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("work-activity period"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=EvaluationKind.choices)
    template = models.ForeignKey(
        EvaluationTemplate,
        verbose_name=_("evaluation template"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.OPEN,
    )
    met_on = models.DateField(_("date of the joint meeting"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    started_by = models.ForeignKey(
        User, verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    finished_by = models.ForeignKey(
        User,
        verbose_name=_("finished by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["period__starts_on", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["period", "kind"], name="one_evaluation_per_kind"),
            models.CheckConstraint(
                condition=Q(status=EvaluationStatus.OPEN, met_on__isnull=True)
                | Q(status=EvaluationStatus.FINISHED, met_on__isnull=False),
                name="finished_evaluation_has_its_meeting",
            ),
        ]

    def __str__(self) -> str:
        return str(EvaluationKind(self.kind).label)

    @property
    def is_finished(self) -> bool:
        return self.status == EvaluationStatus.FINISHED


class SectionPart(models.TextChoices):
    """The sections each party fills in (SPEC §5; the background is composed, not filled)."""

    GOALS = "goals", pgettext_lazy("evaluation section", "Goals")
    PLACE = "place", pgettext_lazy("evaluation section", "Work ability and working-life readiness")
    SELF = "self", pgettext_lazy("evaluation section", "The client's self-evaluation")


class SelfSource(models.TextChoices):
    CLIENT = "client", pgettext_lazy("self-evaluation source", "Written by the client in OmaPolku")
    PAPER = (
        "paper",
        pgettext_lazy(
            "self-evaluation source", "Entered by the worker from the client's paper form"
        ),
    )


class EvaluationSection(Versioned):
    """One party's section of an evaluation, versioned on its own so the parties never
    overwrite each other. ``data`` by part:

    - goals: ``{"<goal id>": {"level": -2…2, "actions": …, "helped": …, "next": …}}``
    - place: ``{"<item key>": {"value": <scale value>, "comment": …}}``
    - self: ``{"<life area>": "the client's own words"}``
    """

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, related_name="sections"
    )
    part = models.CharField(_("section"), max_length=8, choices=SectionPart.choices)
    data = models.JSONField(_("content"), default=dict, blank=True)
    complete = models.BooleanField(_("complete"), default=False)
    completed_by = models.ForeignKey(
        User,
        verbose_name=_("completed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    source = models.CharField(_("written by"), max_length=8, choices=SelfSource.choices, blank=True)
    # The one-time token of the form that saved the section last: the same form sent twice
    # (a double click) is saved once, and its second send is no edit conflict.
    submission = models.UUIDField(_("form submission"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("evaluation section")
        verbose_name_plural = _("evaluation sections")
        ordering = ["evaluation", "part"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "part"], name="one_section_per_part"),
        ]
