"""Forms check the shape of input; the services decide (STYLE.md §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit, User
from polku.clients import identity
from polku.clients.errors import ClientError
from polku.clients.models import (
    Channel,
    ClientLanguage,
    ContactKind,
    ContactOutcome,
    ContactSource,
    InformingTopic,
    Outcome,
    Stage,
    postal_code_validator,
)


class DateInput(forms.DateInput):
    """A text field for d.m.yyyy (the format Finnish users type)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%-d.%-m.%Y", attrs={"inputmode": "numeric", "autocomplete": "off"})


#: The format hint every date field shows: people type dates, so they are told how.
DATE_HINT = _("Format d.m.yyyy, for example 24.3.2026.")


class DateField(forms.DateField):
    """A date between 1900 and 2100: anything else is a typing error, not a date to compute with."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        hint = DATE_HINT
        if kwargs.get("help_text"):
            hint = format_lazy("{} {}", kwargs["help_text"], DATE_HINT)
        kwargs["help_text"] = hint
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        day = super().clean(value)
        if day is not None and not 1900 <= day.year <= 2100:
            raise forms.ValidationError(
                _("Check the year: give a date between 1900 and 2100."), code=ClientError.YEAR
            )
        return day


class IdentityCodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 13)
        kwargs.setdefault("label", _("Personal identity code"))
        kwargs.setdefault(
            "help_text", _("For example 131052-308T. Leave empty if the client has none.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        return identity.validate_identity_code(value, allow_temporary=True)


class ClientForm(forms.Form):
    """The client's details (S1), also used for editing with the version hidden."""

    first_name = forms.CharField(label=_("First names"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    identity_code = IdentityCodeField(required=False)
    temporary_id = forms.CharField(
        label=_("Temporary identifier"),
        max_length=40,
        required=False,
        help_text=_("Only for a client without an identity code."),
    )
    birth_date = DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_("d.m.yyyy – filled in from the identity code when there is one."),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=ClientLanguage.choices,
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        required=False,
        validators=[postal_code_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    non_disclosure = forms.BooleanField(
        label=_("Non-disclosure marking (turvakielto)"),
        required=False,
        help_text=_(
            "The address is then shown only to the responsible worker and never printed on documents sent to others."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The order of the page (clients/_client_fields.html), which the error summary follows.
    field_order = ["first_name", "last_name", "identity_code", "birth_date", "temporary_id"]

    def __init__(self, *args: Any, kept_identity_code: str = "", **kwargs: Any) -> None:
        """``kept_identity_code``: the stored code when the form does not show it (masked)."""
        super().__init__(*args, **kwargs)
        self.kept_identity_code = kept_identity_code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("identity_code") or self.kept_identity_code
        if code:
            born = identity.birth_date(code)
            if data.get("birth_date") and data["birth_date"] != born:
                self.add_error(
                    "birth_date",
                    _("The date of birth does not match the identity code (%(date)s).")
                    % {"date": born.strftime("%-d.%-m.%Y")},
                )
            data["birth_date"] = born
        elif "identity_code" in data:
            if not data.get("temporary_id"):
                self.add_error(
                    "temporary_id",
                    _("Give either an identity code or a temporary identifier."),
                )
            if not data.get("birth_date") and "birth_date" not in self.errors:
                self.add_error(
                    "birth_date", _("Without an identity code the date of birth is needed.")
                )
        return data


class RelationshipForm(forms.Form):
    """S1: where the contact came from and why."""

    unit = forms.ModelChoiceField(label=_("Starting unit"), queryset=Unit.objects.none())
    started_on = DateField(label=_("Start date"), widget=DateInput())
    source = forms.ChoiceField(label=_("Source of contact"), choices=ContactSource.choices)
    source_detail = forms.CharField(
        label=_("Contact came from (name or organisation)"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Reason for contact"), widget=forms.Textarea(attrs={"rows": 4})
    )
    # A one-time token: the same form sent twice opens one relationship.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


class IntakeDetailsForm(forms.Form):
    """Correcting S1's record: the source, who made the contact and the reason."""

    source = RelationshipForm.base_fields["source"]
    source_detail = RelationshipForm.base_fields["source_detail"]
    reason = RelationshipForm.base_fields["reason"]
    version = forms.IntegerField(widget=forms.HiddenInput)


class IntakeForm(ClientForm, RelationshipForm):
    """A new client and their first relationship on one page."""

    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different person"), required=False
    )
    # The page's order (the client, then the relationship), so the error summary follows it.
    field_order = [*ClientForm.field_order, *ClientForm.base_fields, *RelationshipForm.base_fields]


class SearchForm(forms.Form):
    """The duplicate check before intake: identity code, or last name and date of birth."""

    identity_code = IdentityCodeField(required=False, help_text="")
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    birth_date = DateField(label=_("Date of birth"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not self.errors
            and not data.get("identity_code")
            and not (data.get("last_name") and data.get("birth_date"))
        ):
            raise forms.ValidationError(
                _("Give the identity code, or the last name and the date of birth."),
                code=ClientError.NOT_IDENTIFIED,
            )
        return data


class AssignForm(forms.Form):
    worker = forms.ModelChoiceField(label=_("Responsible worker"), queryset=User.objects.none())

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]
        self.fields["worker"].label_from_instance = lambda u: u.get_full_name()  # type: ignore[attr-defined]


class HandoverForm(AssignForm):
    note = forms.CharField(
        label=_("Hand-over note"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the new worker needs to know: the situation, what has been agreed, what is pending."
        ),
    )


class CoverForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        help_text=_(
            "Why you open this client's record, e.g. covering for a colleague on holiday. The purpose is logged."
        ),
    )


class MeetingForm(forms.Form):
    date = DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(format="%H.%M", attrs={"inputmode": "numeric"}),
        help_text=_("For example 9.30"),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=10, max_value=480, initial=60
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    participants = forms.CharField(label=_("Other participants"), max_length=300, required=False)

    def starts_at(self) -> dt.datetime:
        moment = dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(moment)


class MeetingRecordForm(forms.Form):
    """The first meeting's record with its informing checklist."""

    overall_situation = forms.CharField(
        label=_("Overall situation"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    service_need = forms.CharField(
        label=_("Service need"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    client_wishes = forms.CharField(
        label=_("The client's own plans and wishes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("In the client's own words."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "–"), *Outcome.choices], required=False
    )
    outcome_note = forms.CharField(
        label=_("Outcome note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    mark_held = forms.BooleanField(label=_("The meeting was held"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for topic, label in InformingTopic.choices:
            self.fields[f"informed_{topic}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"reason_{topic}"] = forms.CharField(
                label=_("Not relevant because"), max_length=300, required=False
            )

    def informing_rows(self) -> list[tuple[str, Any, Any]]:
        return [
            (str(label), self[f"informed_{topic}"], self[f"reason_{topic}"])
            for topic, label in InformingTopic.choices
        ]

    def informing(self) -> dict[str, tuple[bool, str]]:
        return {
            topic: (
                bool(self.cleaned_data.get(f"informed_{topic}")),
                self.cleaned_data.get(f"reason_{topic}", ""),
            )
            for topic in InformingTopic.values
        }


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    contacted_on = DateField(label=_("Date"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    # A one-time token: the same form sent twice logs one contact.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)


class CaseloadFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False
    )
    meeting = forms.ChoiceField(
        label=_("Next meeting"),
        choices=[
            ("", _("Any")),
            ("week", _("Within 7 days")),
            ("none", _("No meeting booked (waiting for action)")),
        ],
        required=False,
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)


class PurposeOfUse(models.TextChoices):
    """Why a worker opens a client's earlier relationship they have no basis for (SPEC §8)."""

    SERVICE_NEED = "service_need", pgettext_lazy("purpose of use", "Assessing the service need")
    CONTINUITY = "continuity", pgettext_lazy("purpose of use", "Continuity of the client's service")
    OTHER = "other", pgettext_lazy("purpose of use", "Other purpose (describe)")


class PurposeForm(forms.Form):
    """The purpose of use, asked before an earlier relationship is opened; it is logged."""

    purpose = forms.ChoiceField(
        label=_("Purpose of use"), choices=PurposeOfUse.choices, widget=forms.RadioSelect
    )
    detail = forms.CharField(label=_("Describe the purpose"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purpose") == PurposeOfUse.OTHER and len(data.get("detail", "").strip()) < 5:
            self.add_error("detail", _("Describe the purpose of use in a few words."))
        return data

    def stored_purpose(self) -> str:
        """The stored purpose: a stable key, and the worker's own words when given."""
        detail = self.cleaned_data.get("detail", "").strip()
        key = self.cleaned_data["purpose"]
        return f"{key}: {detail}" if detail else key

    def shown_purpose(self) -> str:
        detail = self.cleaned_data.get("detail", "").strip()
        label = str(PurposeOfUse(self.cleaned_data["purpose"]).label)
        return f"{label}: {detail}" if detail else label
