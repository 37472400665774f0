"""The dashboard's filters and the export's purpose (shape only; the choices are the viewer's
scope, so a unit the manager may not see is refused as an invalid choice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import ProducerType
from polku.clients.forms import DateField
from polku.core import clock
from polku.core.errors import CommonError, field_error
from polku.core.forms import LongSelect
from polku.metrics.access import Scope
from polku.metrics.errors import MetricsError
from polku.metrics.figures import AGE_BANDS, GENDERS, Filters

MAX_DAYS = 3653  # ten years


def day_text(day: dt.date) -> str:
    """A date as the fields show and read it (d.m.yyyy)."""
    return f"{day.day}.{day.month}.{day.year}"


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The year so far (the whole of last year in January)."""
    if today.month == 1:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return dt.date(today.year, 1, 1), today


class FilterForm(forms.Form):
    starts_on = DateField(label=_("Period from"), required=False)
    ends_on = DateField(label=_("Period to"), required=False)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), required=False, coerce=int, empty_value=None
    )
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    place = forms.TypedChoiceField(
        label=_("Work-activity place"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
    )
    producer_type = forms.ChoiceField(label=_("Producer type"), required=False)
    age_band = forms.ChoiceField(label=_("Age"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)

    def __init__(self, data: Any, *, scope: Scope) -> None:
        data = data.copy()
        start, end = default_period(clock.today())
        if not data.get("starts_on") and not data.get("ends_on"):
            data["starts_on"], data["ends_on"] = day_text(start), day_text(end)
        super().__init__(data)
        self.data: Any = data  # mutable: clean() writes back the period it used
        self.scope = scope
        everyone: list[tuple[Any, Any]] = [("", pgettext_lazy("filter", "All"))]
        self.fields["municipality"].choices = everyone + [  # type: ignore[attr-defined]
            (m.pk, m.display_name) for m in scope.municipalities
        ]
        self.fields["unit"].choices = everyone + [(u.pk, u.display_name) for u in scope.units]  # type: ignore[attr-defined]
        self.fields["place"].choices = everyone + [(p.pk, p.display_name) for p in scope.places]  # type: ignore[attr-defined]
        self.fields["producer_type"].choices = everyone + list(ProducerType.choices)  # type: ignore[attr-defined]
        self.fields["age_band"].choices = everyone + [(b.key, b.label) for b in AGE_BANDS]  # type: ignore[attr-defined]
        self.fields["gender"].choices = everyone + [(key, label) for key, label in GENDERS]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "starts_on" in self.errors or "ends_on" in self.errors:
            return data
        start, end = default_period(clock.today())
        if not data.get("starts_on") and data.get("ends_on"):
            # only the end given: from the start of its year (never a start after it)
            start = min(start, dt.date(data["ends_on"].year, 1, 1))
        data["starts_on"] = data.get("starts_on") or start
        data["ends_on"] = data.get("ends_on") or max(end, data["starts_on"])
        # the fields show the period counted, as the page writes dates (a default filled in,
        # 2026-01-01 typed into the address read back as 1.1.2026)
        self.data["starts_on"] = day_text(data["starts_on"])
        self.data["ends_on"] = day_text(data["ends_on"])
        if data["ends_on"] < data["starts_on"]:
            raise field_error(
                "ends_on",
                _("The period ends before it starts."),
                MetricsError.PERIOD_ORDER,
            )
        if (data["ends_on"] - data["starts_on"]).days > MAX_DAYS:
            raise field_error(
                "ends_on", _("Choose a period of at most ten years."), MetricsError.PERIOD_TOO_LONG
            )
        return data

    def filters(self) -> Filters:
        """The filters chosen (the defaults when the form is empty); call after is_valid()."""
        data = self.cleaned_data
        by_pk = {
            u.pk: u for u in (*self.scope.units, *self.scope.places, *self.scope.municipalities)
        }
        return Filters(
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            municipality=by_pk.get(data.get("municipality") or 0),
            unit=by_pk.get(data.get("unit") or 0),
            place=by_pk.get(data.get("place") or 0),
            producer_type=data.get("producer_type") or "",
            age_band=data.get("age_band") or "",
            gender=data.get("gender") or "",
        )

    def query(self) -> str:
        """The chosen filters as a query string for the PDF and export links."""
        from urllib.parse import urlencode

        data = self.cleaned_data
        values = {"starts_on": day_text(data["starts_on"]), "ends_on": day_text(data["ends_on"])}
        for name in ("municipality", "unit", "place", "producer_type", "age_band", "gender"):
            if data.get(name):
                values[name] = str(data[name])
        return urlencode(values)


class ExportForm(forms.Form):
    """Why the figures are taken out of Polku (logged with the disclosure)."""

    purpose = forms.CharField(
        label=_("Purpose of the export"),
        max_length=300,
        help_text=_("For example: the board's quarterly report. Logged with the export."),
    )
    use = forms.ChoiceField(
        label=_("What the export is for"),
        widget=forms.RadioSelect,
        help_text=_("The choice decides the legal basis logged with the export."),
    )
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", "XLSX"), ("csv", "CSV")],
        widget=forms.RadioSelect,
        initial="xlsx",
    )

    def __init__(self, *args: Any, initial_use: str = "", **kwargs: Any) -> None:
        from polku.metrics.services import LEGAL_BASES, USES

        super().__init__(*args, **kwargs)
        self.fields["use"].choices = [  # type: ignore[attr-defined]
            (key, f"{label} ({LEGAL_BASES[key]})") for key, label in USES.items()
        ]
        self.fields["use"].initial = initial_use

    def clean_purpose(self) -> str:
        value = str(self.cleaned_data.get("purpose", "")).strip()
        if not value:
            raise ValidationError(_("State the purpose."), code=CommonError.REQUIRED)
        return value


class DrillForm(forms.Form):
    """Why the manager needs the clients behind a figure (logged with each client shown)."""

    purpose = forms.CharField(
        label=_("Purpose of use"),
        max_length=300,
        help_text=_(
            "For example: checking why clients wait at the first meeting. Logged with each "
            "client shown."
        ),
    )

    def clean_purpose(self) -> str:
        value = str(self.cleaned_data.get("purpose", "")).strip()
        if not value:
            raise ValidationError(_("State the purpose."), code=CommonError.REQUIRED)
        return value
