"""Forms check the shape of input; the services decide (STYLE.md §6)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from polku.clients.forms import DateField
from polku.clients.models import ClientLanguage
from polku.records.models import STAFF_CHANNELS, RequestChannel


class LogRequestForm(forms.Form):
    received_on = DateField(label=_("Date the request was received"), required=False)
    channel = forms.ChoiceField(
        label=_("How the request came"),
        choices=[("", "—"), *[(c, RequestChannel(c).label) for c in STAFF_CHANNELS]],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=ClientLanguage.choices, required=False
    )
    include_older = forms.BooleanField(
        label=_("Include events older than two years"),
        required=False,
        help_text=_(
            "The report covers the two years before the request. Older events are included "
            "only for a special reason, recorded below."
        ),
    )
    older_reason = forms.CharField(
        label=_("Special reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DestroyForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_(
            "I have checked the counts above and approve destroying these records. This cannot "
            "be undone."
        ),
        required=False,
    )


class AskForm(forms.Form):
    """The client's request in OmaPolku: one button, nothing to fill in."""
