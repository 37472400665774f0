"""The place register on the configuration site: each work-activity place's profile and its
closed days. Changes are audited like every configuration change (``ConfigurationAdmin``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from polku.accounts.admin_site import ConfigurationAdmin, ConfigurationPermissions
from polku.accounts.events import AccountEvent
from polku.accounts.models import ProducerType, UnitKind
from polku.audit import services as audit
from polku.placements import geo
from polku.placements.matching import AccessibilityFeature
from polku.placements.models import ClosedDay, PeriodStatus, PlaceProfile

WEEKDAYS = [
    ("1", pgettext_lazy("weekday", "Monday")),
    ("2", pgettext_lazy("weekday", "Tuesday")),
    ("3", pgettext_lazy("weekday", "Wednesday")),
    ("4", pgettext_lazy("weekday", "Thursday")),
    ("5", pgettext_lazy("weekday", "Friday")),
    ("6", pgettext_lazy("weekday", "Saturday")),
    ("7", pgettext_lazy("weekday", "Sunday")),
]


class PlaceProfileForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label=capfirst(_("weekdays open")), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple
    )
    accessibility = forms.MultipleChoiceField(
        label=capfirst(_("accessibility")),
        choices=AccessibilityFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PlaceProfile
        fields = [
            "place",
            "field",
            "level",
            "tasks",
            "weekdays",
            "opens_at",
            "closes_at",
            "capacity",
            "accessibility",
            "accessibility_notes",
            "latitude",
            "longitude",
            "contact_name",
            "contact_phone",
            "contact_email",
            "steward_name",
            "steward_email",
            "steward_address",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["weekdays"] = list(self.instance.weekdays)
        place = self.fields.get("place")
        if place is not None:
            place.queryset = place.queryset.filter(kind=UnitKind.WORK_ACTIVITY_PLACE)  # type: ignore[attr-defined]
            place.help_text = _(
                "A company cannot produce rehabilitative work activity (189/2001 §13.2); it may "
                "provide only the support and guidance."
            )

        help_text = _(
            "Leave both empty to take the point of the place's postal code (from the place's "
            "address in the units); coordinates typed here are kept."
        )
        for name in ("latitude", "longitude"):
            if name in self.fields:
                self.fields[name].help_text = help_text
        self.filled_from_postal_code = False

    def clean_weekdays(self) -> str:
        return "".join(sorted(self.cleaned_data["weekdays"]))

    def clean(self) -> dict[str, Any]:
        """Empty coordinates are filled from the postal-code point of the place's address
        (`geo.coordinates_for`, decision 0009); typed ones are left as they are."""
        cleaned = super().clean() or {}
        place = cleaned.get("place")
        if (
            place is not None
            and cleaned.get("latitude") is None
            and cleaned.get("longitude") is None
            and "latitude" not in self.errors
            and "longitude" not in self.errors
            and place.postal_code
        ):
            point = geo.coordinates_for(place.postal_code)
            if point is not None:
                cleaned["latitude"], cleaned["longitude"] = (
                    Decimal(f"{value:.5f}") for value in point
                )
                self.filled_from_postal_code = True
        return cleaned

    @property
    def changed_data(self) -> list[str]:
        """Coordinates filled from the postal code count as changed, so they are audited."""
        names = list(super().changed_data)
        if self.filled_from_postal_code:
            names += [name for name in ("latitude", "longitude") if name not in names]
        return names


class ClosedDayFormSet(BaseInlineFormSet):
    """The closed days as rows of a table: the column headers are not labels of a row's boxes, so
    each box, the delete box too, carries its column's name (axe-core's `label` rule, WCAG
    1.3.1)."""

    def add_fields(self, form: forms.ModelForm[Any], index: int | None) -> None:
        super().add_fields(form, index)
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", capfirst(str(field.label)))


class ClosedDayInline(ConfigurationPermissions, admin.TabularInline):
    model = ClosedDay
    formset = ClosedDayFormSet
    extra = 1
    fields = ["day", "reason"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


@admin.register(PlaceProfile)
class PlaceProfileAdmin(ConfigurationAdmin):
    form = PlaceProfileForm
    list_display = ["place", "field", "producer", "capacity", "free_places"]
    list_filter = ["place__producer_type", "field"]
    search_fields = ["place__name", "field", "tasks"]
    change_title = _("Edit the place")
    fieldsets = [
        (None, {"fields": ["place", "field", "level", "tasks"]}),
        (_("Times and capacity"), {"fields": ["weekdays", "opens_at", "closes_at", "capacity"]}),
        (
            _("Access and location"),
            {"fields": ["accessibility", "accessibility_notes", "latitude", "longitude"]},
        ),
        (
            _("Contacts"),
            {
                "fields": [
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                    "steward_name",
                    "steward_email",
                    "steward_address",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PlaceProfile]:
        active = Count(
            "place__periods",
            filter=Q(place__periods__status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE]),
        )
        return (
            super()
            .get_queryset(request)
            .select_related("place")
            .annotate(
                free=Greatest(
                    Coalesce("capacity", Value(0)) - active, Value(0), output_field=IntegerField()
                )
            )
        )

    @admin.display(description=_("producer type"), ordering="place__producer_type")
    def producer(self, profile: PlaceProfile) -> str:
        value = profile.place.producer_type
        return str(ProducerType(value).label) if value else "–"

    @admin.display(description=_("free places"), ordering="free")
    def free_places(self, profile: PlaceProfile) -> int:
        return int(getattr(profile, "free", 0))

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s place", "%(count)s places", count) % {"count": count}

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return [ClosedDayInline] if obj is not None else []

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Closed days added or removed are audited on the place, as days."""
        before = set(ClosedDay.objects.filter(profile=form.instance).values_list("day", flat=True))
        super().save_formset(request, form, formset, change)
        after = set(ClosedDay.objects.filter(profile=form.instance).values_list("day", flat=True))
        if before != after:
            audit.record_change(
                actor=request.user,
                record=form.instance.place,
                changes={"closed_days": (sorted(before), sorted(after))},
                what=AccountEvent.CONFIGURATION,
            )
