"""The network app's forms: shape only; the services decide (STYLE.md §6)."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from polku.accounts.models import Unit, UnitKind
from polku.clients.forms import DateField
from polku.network.models import HelpKind, OpportunityKind, Partner


def _municipalities() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Unit.objects.filter(kind=UnitKind.MUNICIPALITY, active=True).order_by("name"),
        required=False,
    )


class PartnerForm(forms.Form):
    # A required field missing says what to do, in the service's words (not Django's "This field
    # is required"), and the form shows every one of them at once.
    name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        error_messages={"required": _("Write the organisation's name.")},
    )
    business_id = forms.CharField(
        label=_("Business ID"),
        required=False,
        max_length=20,
        help_text=_("Y-tunnus, e.g. 1572860-0. Leave empty for an organisation without one."),
    )
    field = forms.CharField(
        label=_("Field"), required=False, max_length=100, help_text=_("E.g. recycling, catering.")
    )
    municipality = _municipalities()
    offers = forms.CharField(
        label=_("What they offer, in Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    offers_sv = forms.CharField(
        label=_("What they offer, in Swedish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on Swedish pages; when empty, they show the Finnish text."),
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("Kinds of help"),
        choices=HelpKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    active = forms.BooleanField(
        label=_("Active: shown on the service map and offered for new opportunities"),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=OpportunityKind.choices,
        error_messages={"required": _("Choose the kind of opportunity.")},
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        error_messages={"required": _("Choose the partner.")},
    )
    title = forms.CharField(
        label=_("Title in Finnish"),
        max_length=200,
        error_messages={"required": _("Write a title.")},
    )
    title_sv = forms.CharField(
        label=_("Title in Swedish"),
        max_length=200,
        required=False,
        help_text=_("Shown on Swedish pages; when empty, they show the Finnish title."),
    )
    description = forms.CharField(
        label=_("Description in Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Clients read this when the opportunity is shown to them: use plain words."),
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Shown on Swedish pages; when empty, they show the Finnish description. "
            "Plain words here too."
        ),
    )
    municipality = _municipalities()
    starts_on = DateField(
        label=_("Starts on"), error_messages={"required": _("Give the day it starts.")}
    )
    ends_on = DateField(
        label=_("Ends on"), required=False, help_text=_("Leave empty if it has no end date.")
    )
    public = forms.BooleanField(
        label=_("Show to clients in OmaPolku and at the work-activity places"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, partner_ids: Sequence[int] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Active partners, and the opportunity's own partner even when no longer active.
        self.fields["partner"].queryset = Partner.objects.filter(  # type: ignore[attr-defined]
            Q(active=True) | Q(pk__in=list(partner_ids))
        ).order_by("name", "pk")


class OpportunityFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *OpportunityKind.choices], required=False
    )
    ended = forms.BooleanField(label=_("Show ended ones too"), required=False)


class MapForm(forms.Form):
    """The service map's filters (GET): every one optional; the choices come from the entries."""

    text = forms.CharField(label=_("Words"), required=False, max_length=100)
    field = forms.ChoiceField(label=_("Field"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    help = forms.ChoiceField(
        label=_("Kind of help"), choices=[("", _("Any kind")), *HelpKind.choices], required=False
    )

    def __init__(
        self,
        *args: object,
        fields: Sequence[str] = (),
        municipalities: Sequence[str] = (),
        aliases: dict[str, str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["field"].choices = [("", _("Any field")), *((f, f) for f in fields)]  # type: ignore[attr-defined]
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("Any municipality")),
            *((m, m) for m in municipalities),
        ]
        if self.is_bound:
            data = dict(self.data.items())  # a QueryDict's items: the last value of each
            for name, choices in (("field", fields), ("municipality", municipalities)):
                given = data.get(name)
                if isinstance(given, str):
                    data[name] = _as_listed(given, choices)
            # A municipality named in the other language (a link made on a page in the other
            # language) is the one listed in this page's language.
            given = data.get("municipality")
            if isinstance(given, str) and aliases:
                data["municipality"] = aliases.get(" ".join(given.split()).casefold(), given)
            self.data = data


def _as_listed(given: str, choices: Sequence[str]) -> str:
    """A choice given in any case and spacing as the list has it, so a saved link's
    ``?field=kierrätys`` is the field "Kierrätys" (chosen in the list too), not a refused
    choice; an unknown one stays as given (and is refused)."""
    tidy = " ".join(given.split())
    return next((choice for choice in choices if choice.casefold() == tidy.casefold()), given)
