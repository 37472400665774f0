"""OmaPolku's forms, in plain language: shape only; the services decide (STYLE.md §6)."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from polku.clients.forms import DateField
from polku.portal.models import ReachableTime
from polku.portal.reasons import PLAIN_REASONS

# The Kela reasons (SPEC §4) as the client says them, worded as in every OmaPolku list.
REASON_CHOICES = list(PLAIN_REASONS.items())


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
    # The one-time token: the same form sent twice (a double click) marks once.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)


# ISO weekday numbers, as ReachableTime stores them.
ISO_WEEKDAYS = [
    ("1", pgettext_lazy("weekday", "Monday")),
    ("2", pgettext_lazy("weekday", "Tuesday")),
    ("3", pgettext_lazy("weekday", "Wednesday")),
    ("4", pgettext_lazy("weekday", "Thursday")),
    ("5", pgettext_lazy("weekday", "Friday")),
    ("6", pgettext_lazy("weekday", "Saturday")),
    ("7", pgettext_lazy("weekday", "Sunday")),
]
TIME_FORMATS = ["%H.%M", "%H:%M", "%H"]  # 9.30, 9:30 and 9 are what people type


class ReachableTimeForm(forms.Form):
    """A worker's own phone hours (shape only; ``services.reachable_time_save`` decides)."""

    phone = forms.CharField(
        label=pgettext_lazy("phone hours", "Direct phone"),
        help_text=pgettext_lazy(
            "phone hours", "Leave empty to give your clients the unit's phone number."
        ),
        max_length=ReachableTime._meta.get_field("phone").max_length,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    weekdays = forms.MultipleChoiceField(
        label=pgettext_lazy("phone hours", "Phone days"),
        choices=ISO_WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_at = forms.TimeField(
        label=pgettext_lazy("phone hours", "Phone hours start"),
        help_text=pgettext_lazy("phone hours", "For example 9 or 9.30."),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H.%M", attrs={"inputmode": "decimal"}),
        required=False,
    )
    ends_at = forms.TimeField(
        label=pgettext_lazy("phone hours", "Phone hours end"),
        help_text=pgettext_lazy("phone hours", "For example 11 or 11.30."),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H.%M", attrs={"inputmode": "decimal"}),
        required=False,
    )

    @classmethod
    def initial_for(cls, row: ReachableTime | None) -> dict[str, object]:
        if row is None:
            return {}
        return {
            "phone": row.phone,
            "weekdays": [str(day) for day in row.weekday_numbers],
            "starts_at": row.starts_at,
            "ends_at": row.ends_at,
        }
