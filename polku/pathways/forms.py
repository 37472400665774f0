from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import Unit, UnitKind
from polku.clients.forms import DateField, DateInput
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    NoticeMethod,
    OptionKind,
    Party,
    PlanOption,
    PlanType,
    SignatureMethod,
)
from polku.pathways.services.disclosures import PLAN_RECIPIENTS


def _textareas(model: type[Any], names: tuple[str, ...]) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for name in names:
        model_field = model._meta.get_field(name)
        label = capfirst(model_field.verbose_name)  # sentence case: the model's names are lower
        if model_field.get_internal_type() == "BooleanField":
            fields[name] = forms.BooleanField(label=label, required=False)
        elif model_field.get_internal_type() == "TextField":
            fields[name] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        else:
            fields[name] = forms.CharField(label=label, required=False, max_length=200)
    return fields


class DocumentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    complete = forms.BooleanField(
        label=_("Mark as completed (the version becomes read-only)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        model: type[Assessment] | type[ClientPlan],
        names: tuple[str, ...],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, field in _textareas(model, names).items():
            self.fields[name] = field
        self.order_fields([*names, "complete", "version"])
        self.names = names


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the new version"), max_length=300)


class PlanStartForm(forms.Form):
    plan_type = forms.ChoiceField(
        label=_("Plan type"),
        choices=PlanType.choices,
        widget=forms.RadioSelect,
        initial=PlanType.ACTIVATION,
    )
    assessment_started_on = DateField(
        label=_("Multi-sectoral assessment started"),
        required=False,
        widget=DateInput(),
        help_text=_("For a multi-sectoral plan only: it is drawn up within 3 months of this date."),
    )


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    plan_type = forms.ChoiceField(label=_("Plan type"), choices=PlanType.choices)
    assessment_started_on = DateField(
        label=_("Multi-sectoral assessment started"), required=False, widget=DateInput()
    )
    notice_given_on = DateField(
        label=_("Information notice given"), required=False, widget=DateInput()
    )
    notice_method = forms.ChoiceField(
        label=_("How the notice was given"),
        choices=[("", "–"), *NoticeMethod.choices],
        required=False,
    )
    employment_authority = forms.ModelChoiceField(
        label=_("Employment authority"),
        queryset=Unit.objects.filter(kind=UnitKind.EMPLOYMENT_AUTHORITY),
        required=False,
    )
    official_name = forms.CharField(
        label=_("Employment authority official"), max_length=200, required=False
    )
    support_person = forms.CharField(label=_("Support person"), max_length=200, required=False)

    education = forms.CharField(
        label=_("Education"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    work_history = forms.CharField(
        label=_("Work history"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    earlier_services = forms.CharField(
        label=_("Earlier services and plans, and how they were carried out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_measures = forms.CharField(
        label=_("Agreed measures"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    job_search_obligation = forms.CharField(
        label=_("Job-search obligation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    last_resort_informed = forms.BooleanField(
        label=_(
            "The client was told that rehabilitative work activity is the last-resort option "
            "they are obliged to take part in"
        ),
        required=False,
    )
    benefits_informed = forms.BooleanField(
        label=_("The client was informed of benefits and compensations (189/2001 section 9(2))"),
        required=False,
    )
    review_due = DateField(
        label=_("Next review"),
        required=False,
        widget=DateInput(),
        help_text=_("At most 3 months after signing; set automatically when signed."),
    )

    def __init__(self, *args: Any, plan: ActivationPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(plan: ActivationPlan) -> dict[str, Any]:
        from polku.pathways.services import PLAN_FIELDS

        initial = {name: getattr(plan, name) for name in PLAN_FIELDS}
        initial["version"] = plan.version
        return initial


class OptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OptionKind.choices)
    place = forms.ModelChoiceField(
        label=_("Work-activity place"),
        queryset=Unit.objects.filter(kind=UnitKind.WORK_ACTIVITY_PLACE, active=True),
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    proposed_by_client = forms.BooleanField(label=_("Proposed by the client"), required=False)


class SignatureForm(forms.Form):
    party = forms.ChoiceField(label=_("Party"), choices=Party.choices)
    signer_name = forms.CharField(label=_("Name"), max_length=200)
    method = forms.ChoiceField(label=_("How"), choices=SignatureMethod.choices)
    signed_on = DateField(label=_("Date"), widget=DateInput())


class RefusalForm(forms.Form):
    consequences_explained = forms.BooleanField(
        label=_("The possible consequences of refusing were explained to the client"),
        required=False,
    )


class ReflectionForm(forms.Form):
    reflection_due = DateField(label=_("The client decides by"), widget=DateInput())


class VisitForm(forms.Form):
    option = forms.ModelChoiceField(label=_("Option"), queryset=PlanOption.objects.none())
    visited_on = DateField(label=_("Date"), widget=DateInput())
    with_worker = forms.BooleanField(label=_("With the worker"), required=False)
    impression = forms.CharField(
        label=_("Impression"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, plan: ActivationPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = plan.options.select_related("place")  # type: ignore[attr-defined]


class SecondPlanForm(forms.Form):
    chosen_option = forms.ModelChoiceField(
        label=_("Chosen option"), queryset=PlanOption.objects.none(), required=False
    )
    back_to_mapping = forms.BooleanField(
        label=_("No option chosen: the mapping continues"), required=False
    )
    how = forms.ChoiceField(
        label=_("Chosen at"), choices=[("meeting", _("A meeting")), ("phone", _("By phone"))]
    )

    def __init__(self, *args: Any, plan: ActivationPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen_option"].queryset = plan.options.select_related("place")  # type: ignore[attr-defined]


class DisclosureForm(forms.Form):
    """To whom the plan is given: its parties and the file, never anyone else (a steward or a
    place gets only what their own documents allow)."""

    recipient = forms.ChoiceField(
        label=_("For"),
        choices=[(r.value, r.label) for r in PLAN_RECIPIENTS],
    )


class JointMeetingHeldForm(forms.Form):
    """The joint meeting with the employment authority recorded as held: its day and notes."""

    held_on = DateField(label=_("Held on"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
