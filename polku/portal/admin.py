"""The workers' phone hours on the configuration site (``portal.models.ReachableTime``):
what the client's start page shows under "Your own worker". Changes are audited like every
configuration change (``ConfigurationAdmin``)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from polku.accounts.admin_site import ConfigurationAdmin
from polku.portal.models import ReachableTime
from polku.portal.phones import phone_error


class ReachableTimeForm(forms.ModelForm):
    """The direct phone is a phone number, as on the worker's own page."""

    class Meta:
        model = ReachableTime
        fields = ["user", "phone", "weekdays", "starts_at", "ends_at"]

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone") or "").strip()
        refused = phone_error(phone)
        if refused is not None:
            raise refused
        return phone


@admin.register(ReachableTime)
class ReachableTimeAdmin(ConfigurationAdmin):
    form = ReachableTimeForm
    list_display = ["user", "phone", "weekdays", "starts_at", "ends_at"]
    autocomplete_fields = ["user"]
    change_title = _("Edit the worker's phone hours")
