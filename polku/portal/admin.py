"""The workers' phone hours on the configuration site (``portal.models.ReachableTime``):
what the client's start page shows under "Your own worker". Changes are audited like every
configuration change (``ConfigurationAdmin``)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from polku.accounts.admin_site import ConfigurationAdmin
from polku.portal.models import ReachableTime


@admin.register(ReachableTime)
class ReachableTimeAdmin(ConfigurationAdmin):
    list_display = ["user", "phone", "weekdays", "starts_at", "ends_at"]
    autocomplete_fields = ["user"]
    change_title = _("Edit the worker's phone hours")
