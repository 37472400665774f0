"""The responsible worker's forms on a period's attendance: a day's correction, a contact
about an absence, an interruption reported and resolved. Shape only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from polku.attendance.models import (
    AbsenceReason,
    ContactChannel,
    DayStatus,
    Initiator,
    InterruptionOutcome,
    InterruptionReason,
    Notice,
)
from polku.clients.forms import DateField


def _choices(choices: Any) -> list[tuple[str, Any]]:
    return [("", "–"), *choices]


class DayForm(forms.Form):
    """One day of the period, as the worker corrects it."""

    day = forms.DateField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Status"), choices=_choices(DayStatus.choices), required=False
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        max_digits=3,
        decimal_places=1,
        min_value=0,
        localize=True,  # 4,5 as the place's form shows and takes it
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reason = forms.ChoiceField(
        label=_("Reason for the absence"), choices=_choices(AbsenceReason.choices), required=False
    )
    notice = forms.ChoiceField(
        label=_("Reported"), choices=_choices(Notice.choices), required=False
    )
    certificate_on = DateField(
        label=_("Date of the doctor's or nurse's certificate"), required=False
    )
    moved_to = DateField(label=_("Moved to"), required=False)
    note = forms.CharField(label=_("Message"), required=False, max_length=500)
    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=300,
        help_text=_("Needed for a day already recorded and for a day older than 14 days."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ContactForm(forms.Form):
    """A contact with the client about an absence."""

    absence = forms.ChoiceField(label=_("Absence"), required=False)
    contacted_on = DateField(label=_("Date of the contact"), required=False)
    channel = forms.ChoiceField(
        label=_("How"), choices=_choices(ContactChannel.choices), required=False
    )
    note = forms.CharField(
        label=_("What was agreed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, absences: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["absence"].choices = [  # type: ignore[attr-defined]
            ("", _("The period's absences in general")),
            *absences,
        ]


class InterruptionForm(forms.Form):
    """An interruption reported by the place or the worker."""

    starts_on = DateField(
        label=_("Interrupted from"),
        required=False,
        help_text=_(
            "Absences reported in advance for later days are removed: the interruption "
            "replaces them."
        ),
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=_choices(InterruptionReason.choices), required=False
    )
    initiated_by = forms.ChoiceField(
        label=_("Initiated by"), choices=_choices(Initiator.choices), required=False
    )
    description = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ResolveForm(forms.Form):
    """The worker's clarification with the client and the resolution."""

    clarification = forms.CharField(
        label=_("Clarified with the client"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The place does not see this."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=_choices(InterruptionOutcome.choices),
        required=False,
    )
    resolved_on = DateField(
        label=_("Resumes or ends on"),
        required=False,
        help_text=_(
            "When the period resumes: the first day the client is expected again. When it "
            "ends: the period's last day."
        ),
    )
    shared_with_place = forms.CharField(
        label=_("The reason as told to the place"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The place supervisor sees this. Write only what the place needs to know."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
