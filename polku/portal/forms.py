"""OmaPolku's forms, in plain language: shape only; the services decide (STYLE.md §6)."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from polku.attendance.models import AbsenceReason
from polku.clients.forms import DateField

# The Kela reasons (SPEC §4) as the client says them.
REASON_CHOICES = [
    (AbsenceReason.OWN_ILLNESS.value, pgettext_lazy("client portal", "I am ill")),
    (
        AbsenceReason.CHILD_ILLNESS.value,
        pgettext_lazy("client portal", "My child is ill (a child under 10)"),
    ),
    (
        AbsenceReason.EMPLOYMENT.value,
        pgettext_lazy("client portal", "I have a job interview or another work matter"),
    ),
    (
        AbsenceReason.TRUST_POSITION.value,
        pgettext_lazy("client portal", "I have a meeting of a position of trust"),
    ),
    (AbsenceReason.OTHER.value, pgettext_lazy("client portal", "Another reason")),
]


class AbsenceForm(forms.Form):
    first_day = DateField(
        label=pgettext_lazy("client portal", "Which day are you away?"),
        help_text=pgettext_lazy("client portal", "Today or a later day."),
        required=False,
    )
    last_day = DateField(
        label=pgettext_lazy("client portal", "Last day, if you are away for many days"),
        help_text=pgettext_lazy("client portal", "Leave this empty if you are away for one day."),
        required=False,
    )
    reason = forms.ChoiceField(
        label=pgettext_lazy("client portal", "Why are you away?"),
        choices=REASON_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label=pgettext_lazy("client portal", "Message (you can leave this empty)"),
        help_text=pgettext_lazy("client portal", "For example: I go to the doctor at 10."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
