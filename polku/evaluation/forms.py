"""Forms of goals and evaluations: shape only; the services decide."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.clients.forms import DateField
from polku.evaluation.models import SELF_EVALUATION_AREAS, EvaluationKind, Goal, LifeArea
from polku.evaluation.rules import MAX_PROPOSAL, MAX_SELF_ANSWER

LEVEL_CHOICES = [("2", "+2"), ("1", "+1"), ("0", "0"), ("-1", "−1"), ("-2", "−2")]


def _text(
    label: Any, rows: int = 2, maxlength: int | None = None, **kwargs: Any
) -> forms.CharField:
    """A text area; ``maxlength`` limits it in the browser (the service refuses longer text
    in plain words on the field)."""
    attrs: dict[str, Any] = {"rows": rows}
    if maxlength is not None:
        attrs["maxlength"] = maxlength
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs=attrs), **kwargs
    )


class GoalForm(forms.Form):
    wording = _text(
        _("Goal"),
        rows=2,
        help_text=_(
            "Concrete and small, in words the client uses: “life management” is too big a goal."
        ),
    )
    life_area = forms.ChoiceField(
        label=_("Life area"), choices=[("", "–"), *LifeArea.choices], required=False
    )
    actions = _text(_("Actions"), help_text=_("What the client and the others do to reach it."))
    helper_name = forms.CharField(
        label=_("Authority or person who helps"), required=False, max_length=200
    )
    helper_contact = forms.CharField(
        label=_("Their contact details"), required=False, max_length=300
    )
    level_plus_2 = _text(_("+2: much more than expected"))
    level_plus_1 = _text(_("+1: more than expected"))
    level_0 = _text(
        _("0: the expected outcome (required)"),
        help_text=_("What is reached when the goal is met as expected."),
    )
    level_minus_1 = _text(_("−1: less than expected"))
    level_minus_2 = _text(_("−2: much less than expected"))
    baseline = forms.ChoiceField(
        label=_("Baseline (the level now)"),
        choices=LEVEL_CHOICES,
        initial="-1",
        help_text=_("Usually −1."),
    )
    weight = forms.DecimalField(
        label=_("Weight (optional)"),
        required=False,
        max_digits=4,
        decimal_places=1,
        help_text=_("Leave empty for equal weights."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    proposal = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_of(goal: Goal) -> dict[str, Any]:
        fields = [name for name in GoalForm.base_fields if name not in ("version", "proposal")]
        initial = {name: getattr(goal, name) for name in fields}
        initial["baseline"] = str(goal.baseline)
        initial["version"] = goal.version
        return initial

    def goal_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("proposal", None)
        return data


class AnswerForm(forms.Form):
    answer = _text(_("Answer to the client"), rows=3)


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Evaluation"), choices=EvaluationKind.choices)


class _SectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # The form's one-time token, new each time the form is shown: the same form sent twice
    # (a double click) is saved once, and its second send is no edit conflict.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def add_complete(self, label: Any) -> None:
        self.fields["complete"] = forms.BooleanField(label=label, required=False)


class GoalsSectionForm(_SectionForm):
    """Per goal: the level reached, the actions taken, what helped, the next steps."""

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal_ids = [g.pk for g in goals]
        for goal in goals:
            self.fields[f"level_{goal.pk}"] = forms.ChoiceField(
                label=_("Level reached"),
                choices=[("", "–"), *LEVEL_CHOICES],
                required=False,
            )
            self.fields[f"actions_{goal.pk}"] = _text(_("Actions taken"))
            self.fields[f"helped_{goal.pk}"] = _text(_("What helped"))
            self.fields[f"next_{goal.pk}"] = _text(_("Next steps"))
        self.add_complete(_("The goals section is complete (discussed with the client)"))

    @staticmethod
    def initial_of(data: dict[str, Any], version: int, complete: bool) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": version, "complete": complete}
        for goal_id, row in data.items():
            if "level" in row:
                initial[f"level_{goal_id}"] = str(row["level"])
            for key in ("actions", "helped", "next"):
                initial[f"{key}_{goal_id}"] = row.get(key, "")
        return initial

    def ratings(self) -> dict[int, dict[str, Any]]:
        data = self.cleaned_data
        return {
            goal_id: {
                "level": data.get(f"level_{goal_id}"),
                "actions": data.get(f"actions_{goal_id}", ""),
                "helped": data.get(f"helped_{goal_id}", ""),
                "next": data.get(f"next_{goal_id}", ""),
            }
            for goal_id in self.goal_ids
        }

    def rows(self) -> list[tuple[Any, ...]]:
        return [
            (
                self[f"level_{g}"],
                self[f"actions_{g}"],
                self[f"helped_{g}"],
                self[f"next_{g}"],
            )
            for g in self.goal_ids
        ]


class PlaceSectionForm(_SectionForm):
    """Each item of the template on its stated scale, with a comment."""

    def __init__(self, *args: Any, items: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_keys = [item["key"] for item in items]
        for item in items:
            self.fields[f"value_{item['key']}"] = forms.ChoiceField(
                label=item["text"],
                choices=[(str(v), f"{v} – {text}") for v, text in item["levels"]],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"comment_{item['key']}"] = _text(_("Comment"))
        self.add_complete(_("The place's section is complete"))

    @staticmethod
    def initial_of(data: dict[str, Any], version: int, complete: bool) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": version, "complete": complete}
        for key, row in data.items():
            if "value" in row:
                initial[f"value_{key}"] = str(row["value"])
            initial[f"comment_{key}"] = row.get("comment", "")
        return initial

    def ratings(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            key: {"value": data.get(f"value_{key}"), "comment": data.get(f"comment_{key}", "")}
            for key in self.item_keys
        }

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"value_{k}"], self[f"comment_{k}"]) for k in self.item_keys]


class SelfSectionForm(_SectionForm):
    """The client's own words across the life areas."""

    def __init__(self, *args: Any, client_words: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area in SELF_EVALUATION_AREAS:
            self.fields[area.value] = _text(area.label, rows=3, maxlength=MAX_SELF_ANSWER)
        self.add_complete(
            pgettext_lazy("OmaPolku", "My self-evaluation is ready")
            if client_words
            else _("The self-evaluation is complete (entered from the client's paper form)")
        )

    @staticmethod
    def initial_of(data: dict[str, Any], version: int, complete: bool) -> dict[str, Any]:
        return {"version": version, "complete": complete, **data}

    def answers(self) -> dict[str, str]:
        return {area.value: self.cleaned_data.get(area.value, "") for area in SELF_EVALUATION_AREAS}

    def rows(self) -> list[Any]:
        return [self[area.value] for area in SELF_EVALUATION_AREAS]


class FinishForm(forms.Form):
    met_on = DateField(label=_("Date of the joint meeting"), required=False)
    participants = _text(_("Participants"), help_text=_("Names and roles."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposalForm(forms.Form):
    """The client's proposal in plain language (OmaPolku)."""

    goal = forms.TypedChoiceField(
        label=pgettext_lazy("OmaPolku", "Which goal?"), coerce=int, required=False, empty_value=None
    )
    text = _text(
        pgettext_lazy("OmaPolku", "What would you change? Write in your own words."),
        rows=4,
        maxlength=MAX_PROPOSAL,
    )

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [  # type: ignore[attr-defined]
            ("", pgettext_lazy("OmaPolku", "A new goal")),
            *((str(g.pk), g.wording[:80]) for g in goals),
        ]
