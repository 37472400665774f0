"""The eligibility page's forms: shape only; ``rules`` refuses contradictory inputs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.clients.forms import DateField
from polku.eligibility.models import EmploymentPlan

MAX_DAYS = 99999


def _yes_no(value: str) -> bool:
    return value == "yes"


class EligibilityForm(forms.Form):
    assessed_on = DateField(label=_("Date assessed"))
    subsidy_days_total = forms.IntegerField(
        label=_("Labour-market subsidy days in total"), max_value=MAX_DAYS
    )
    subsidy_days_12m = forms.IntegerField(
        label=_("Labour-market subsidy days in the last 12 calendar months"),
        max_value=MAX_DAYS,
        help_text=_("At most 366, and not more than the days in total."),
    )
    social_assistance_main_income = forms.TypedChoiceField(
        label=_("Is social assistance the client's main income?"),
        choices=[("yes", pgettext_lazy("answer", "Yes")), ("no", pgettext_lazy("answer", "No"))],
        coerce=_yes_no,
        widget=forms.RadioSelect,
    )
    employment_plan = forms.ChoiceField(
        label=_("Employment plan"), choices=EmploymentPlan.choices, widget=forms.RadioSelect
    )


class SanctionForm(forms.Form):
    failures = forms.IntegerField(
        label=_("Failures within the last 12 months"),
        min_value=0,
        max_value=99,
        help_text=_("Counting this one: e.g. 2 for the second failure."),
    )
