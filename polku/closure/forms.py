"""The closure app's forms: shape only; the services decide (STYLE.md §6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from polku.clients.forms import DateField
from polku.closure.models import CallNeed, CallOutcome, CertificateLanguage, Destination
from polku.network.models import Opportunity, Partner

# No destination is chosen for the worker: the list starts empty and one must be chosen.
DESTINATION_CHOICES = [("", _("— choose —")), *Destination.choices]


class CertificateForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the certificate"), choices=CertificateLanguage.choices
    )
    tasks_done = forms.CharField(
        label=_("Tasks done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One task per line, in words an employer understands."),
    )
    skills_shown = forms.CharField(
        label=_("Skills shown"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One skill per line, e.g. punctuality, working with others."),
    )
    skills_learned = forms.CharField(
        label=_("Skills learned"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    qualification_units = forms.CharField(
        label=_("Units of vocational qualifications (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One unit per line, e.g. the qualification and the unit's name."),
    )
    additional = forms.CharField(
        label=_("Other remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    names_service = forms.BooleanField(
        label=_(
            "The client chooses that the certificate says the period was rehabilitative work "
            "activity, a social service"
        ),
        required=False,
        help_text=_(
            "Without the client's choice the certificate names only the place, the period, the "
            "tasks and the skills."
        ),
    )
    signer_name = forms.CharField(label=_("Signed by"), required=False, max_length=200)
    signer_title = forms.CharField(label=_("Signer's title"), required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GiveForm(forms.Form):
    given_on = DateField(label=_("Date given"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpPlanForm(forms.Form):
    destination = forms.ChoiceField(label=_("Destination"), choices=DESTINATION_CHOICES)
    destination_detail = forms.CharField(
        label=_("Reason or description"),
        required=False,
        max_length=300,
        help_text=_("Needed for “No suitable plan” (the reason) and “Other” (what)."),
    )
    next_step = forms.CharField(
        label=_("Next step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happens next, so that the client is not sent home to wait."),
    )
    next_on = DateField(label=_("Date of the next step"))
    responsible = forms.CharField(
        label=_("Who is responsible"),
        required=False,
        max_length=200,
        help_text=_("A person or an authority, with contact details."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PeriodEndForm(forms.Form):
    ended_on = DateField(label=_("Last day of the period"))
    version = forms.IntegerField(widget=forms.HiddenInput)


class OpportunityChoiceField(forms.ModelChoiceField):
    """An opportunity by its title and partner's name, never its id."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title_in()} ({obj.partner.name})"


class EndForm(forms.Form):
    ended_on = DateField(label=_("End date"))
    destination = forms.ChoiceField(label=_("Destination"), choices=DESTINATION_CHOICES)
    destination_detail = forms.CharField(
        label=_("Reason or description"),
        required=False,
        max_length=300,
        help_text=_("Needed for “No suitable plan” (the reason) and “Other” (what)."),
    )
    opportunity = OpportunityChoiceField(
        label=_("Through the job or training (optional)"),
        queryset=Opportunity.objects.select_related("partner").order_by("-starts_on", "title"),
        required=False,
        help_text=_(
            "For work, a work trial, pay-subsidised work or studies found through the service network."
        ),
    )
    partner = forms.ModelChoiceField(
        label=_("Or through the partner (optional)"),
        queryset=Partner.objects.order_by("name", "pk"),
        required=False,
        help_text=_("When there was no listed opportunity: the employer, school or partner."),
    )
    no_further_need = forms.BooleanField(
        label=_("I confirm that the client has no further need of social services"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CallForm(forms.Form):
    called_on = DateField(label=_("Date of the contact"))
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CallOutcome.choices, widget=forms.RadioSelect
    )
    need = forms.ChoiceField(
        label=_("The client's need"),
        choices=[("", "—"), *CallNeed.choices],
        required=False,
        help_text=_("When the client was reached."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    stop_reason = forms.CharField(
        label=_("Why no more attempts will be made"),
        required=False,
        max_length=300,
        help_text=_("When no more attempts will be made to reach the client."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why the relationship is reopened"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NewRelationshipForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for contact"), widget=forms.Textarea(attrs={"rows": 3})
    )
