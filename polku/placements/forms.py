from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit, User
from polku.clients.forms import DateField
from polku.placements import geo
from polku.placements.matching import AccessibilityFeature, ClientNeeds
from polku.placements.models import (
    CompensationBasis,
    DecisionKind,
    DeliveryMethod,
    InfoRecipient,
    IntroductoryOutcome,
    Period,
    PeriodKind,
)
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


TIME_FORMATS = ["%H.%M", "%H:%M", "%H"]  # 9.30, 9:30 and 9 are what people type

WEEKDAY_CHOICES = [
    ("0", pgettext_lazy("weekday", "Monday")),
    ("1", pgettext_lazy("weekday", "Tuesday")),
    ("2", pgettext_lazy("weekday", "Wednesday")),
    ("3", pgettext_lazy("weekday", "Thursday")),
    ("4", pgettext_lazy("weekday", "Friday")),
    ("5", pgettext_lazy("weekday", "Saturday")),
    ("6", pgettext_lazy("weekday", "Sunday")),
]


class CatalogueForm(forms.Form):
    """The catalogue's filters (GET): every one optional."""

    text = forms.CharField(label=_("Tasks or words"), required=False, max_length=100)
    field = forms.CharField(label=_("Field"), required=False, max_length=100)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    home_postal_code = forms.CharField(
        label=_("From postal code"), required=False, max_length=5, min_length=5
    )
    max_km = forms.IntegerField(
        label=_("At most km away"), required=False, min_value=1, max_value=1000
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=AccessibilityFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    free_only = forms.BooleanField(label=_("Only places with free places"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("home_postal_code")
        if code and geo.coordinates_for(code) is None:
            self.add_error("home_postal_code", _("Polku does not know this postal code."))
        if data.get("max_km") and not code:
            self.add_error(
                "home_postal_code", _("Give the postal code the distance is measured from.")
            )
        return data


class NeedsForm(forms.Form):
    """The client's needs for the suggestions (GET): the worker writes them with the client."""

    interests = forms.CharField(
        label=_("Interests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, in the client's words, e.g. puutyöt, kierrätys, ruoanlaitto."),
    )
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Days the client can attend"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hours_from = forms.TimeField(
        label=_("Can be there from"),
        required=False,
        input_formats=TIME_FORMATS,
        help_text=_("For example 9 or 9.30."),
    )
    hours_until = forms.TimeField(
        label=_("Can be there until"),
        required=False,
        input_formats=TIME_FORMATS,
        help_text=_("For example 14 or 14.30."),
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        choices=AccessibilityFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("hours_from"), data.get("hours_until")
        if (start is None) != (end is None):
            self.add_error(
                "hours_until" if end is None else "hours_from",
                _("Give both times, or neither."),
            )
        elif start is not None and end is not None and start >= end:
            self.add_error("hours_until", _("The end is before the start."))
        return data

    def needs(self, *, home: tuple[float, float] | None) -> ClientNeeds:
        data = self.cleaned_data
        lines = [line.strip() for line in data.get("interests", "").splitlines() if line.strip()]
        goals = [line.strip() for line in data.get("goals", "").splitlines() if line.strip()]
        start, end = data.get("hours_from"), data.get("hours_until")
        return ClientNeeds(
            interests=tuple(lines),
            goals=tuple(goals),
            weekdays=frozenset(int(day) for day in data.get("weekdays", [])),
            hours=(start, end) if start is not None and end is not None else None,
            accessibility_needs=frozenset(data.get("accessibility", [])),
            home=home,
        )


class PeriodForm(forms.Form):
    """A kuty period with every item of 189/2001 §9 1 mom: shape only; the rules decide."""

    place = forms.ModelChoiceField(
        label=_("Work-activity place"), queryset=Unit.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices, initial=PeriodKind.FULL)
    goal = forms.CharField(
        label=_("Goal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Description of the work activity"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tasks = forms.CharField(
        label=_("Tasks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    starts_on = DateField(label=_("Start date"), required=False)
    ends_on = DateField(label=_("End date"), required=False)
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=[(str(int(value) + 1), label) for value, label in WEEKDAY_CHOICES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hours_per_day = forms.DecimalField(
        label=_("Hours a day"),
        required=False,
        max_digits=3,
        decimal_places=1,
        localize=True,
        help_text=_("For example 4 or 4,5."),
    )
    support_and_guidance = forms.CharField(
        label=_("Support and guidance"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    other_services = forms.CharField(
        label=_("Other social, health, rehabilitation and education services"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evaluate_by = DateField(label=_("Effects evaluated by"), required=False)
    far_consent = forms.BooleanField(
        label=_("The client consents to a place further than 80 km"), required=False
    )
    compensation = forms.ChoiceField(
        label=_("Compensation"),
        choices=[("", "–"), *CompensationBasis.choices],
        required=False,
    )
    travel_compensation = forms.BooleanField(label=_("Travel costs compensated"), required=False)
    contact_during_absences = forms.BooleanField(
        label=_("The client asked to be contacted during absences"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = work_activity_places()  # type: ignore[attr-defined]

    def clean_weekdays(self) -> str:
        return "".join(sorted(self.cleaned_data["weekdays"]))


class DecisionDraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is decided"), choices=DecisionKind.choices)
    period = forms.ModelChoiceField(
        label=_("Work-activity period"), queryset=Period.objects.none(), required=False
    )
    decision_maker = forms.ModelChoiceField(
        label=_("Decision maker"), queryset=User.objects.none(), required=False
    )
    grounds = forms.CharField(
        label=_("Grounds"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, periods: Any, makers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["decision_maker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[user.pk for user in makers]
        )


class DecisionMakeForm(forms.Form):
    decided_on = DateField(label=_("Decision date"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("How"), choices=DeliveryMethod.choices)
    sent_on = DateField(label=_("Date sent or handed over"), required=False)
    received_on = DateField(
        label=_("Proven date of receipt"),
        required=False,
        help_text=_("Only when the client is shown to have received it on another day."),
    )


class NoticeForm(forms.Form):
    sent_on = DateField(label=_("Date sent"), required=False)
    method = forms.ChoiceField(
        label=_("How"),
        choices=[(v, label) for v, label in DeliveryMethod.choices if v != DeliveryMethod.RETURNED],
    )


class DecisionCorrectForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the correcting decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InfoPackageForm(forms.Form):
    recipient = forms.ChoiceField(label=_("Recipient"), choices=InfoRecipient.choices)
    delivered_on = DateField(label=_("Date delivered"), required=False)
    method = forms.ChoiceField(
        label=_("How"),
        choices=[(v, label) for v, label in DeliveryMethod.choices if v != DeliveryMethod.RETURNED],
    )


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How the introductory period ended"),
        choices=[("", "–"), *IntroductoryOutcome.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("What was learnt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
