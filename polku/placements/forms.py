from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import Unit
from polku.clients.forms import DateField
from polku.placements.selectors import work_activity_places


class VisitForm(forms.Form):
    """The introductory visit (S8): shape only; the service decides."""

    place = forms.ModelChoiceField(
        label=_("Work-activity place"), queryset=Unit.objects.none(), empty_label=None
    )
    visited_on = DateField(label=_("Date of the visit"), required=False)
    participants = forms.CharField(
        label=_("Participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and roles, e.g. the client, the responsible worker, the supervisor."),
    )
    worker_present = forms.BooleanField(
        label=_("The responsible worker was present"), required=False
    )
    place_contact = forms.CharField(
        label=_("The place's responsible person"), required=False, max_length=200
    )
    agreed_hours = forms.CharField(label=_("Agreed working time"), required=False, max_length=200)
    agreed_tasks = forms.CharField(
        label=_("Agreed tasks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    handover_summary = forms.CharField(
        label=_("Hand-over summary for the place"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The place supervisor sees this summary and nothing else of the social-work record. "
            "Write only what the place needs to support the client."
        ),
    )
    reviewed_with_client = forms.BooleanField(
        label=_("The summary was reviewed with the client present"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = work_activity_places()  # type: ignore[attr-defined]


class VisitSkipForm(forms.Form):
    place = forms.ModelChoiceField(
        label=_("Work-activity place"), queryset=Unit.objects.none(), empty_label=None
    )
    skip_reason = forms.CharField(
        label=_("Why the visit is skipped"),
        required=False,
        max_length=300,
        help_text=_("For example: the client already knows the place from the visit in S6."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = work_activity_places()  # type: ignore[attr-defined]
