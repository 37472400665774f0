"""The organiser's attendance policy on the configuration site: each row holds from its date
on (``policy.py``). Changes are audited like every configuration change
(``ConfigurationAdmin``); nobody deletes a row, a new one with a later date replaces it."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from polku.accounts.admin_site import ConfigurationAdmin
from polku.attendance.models import AttendancePolicy


class AttendancePolicyForm(forms.ModelForm):
    absences_in_30_days = forms.IntegerField(
        label=capfirst(_("absences in 30 days that raise an alert")),
        min_value=1,
        max_value=30,
        help_text=_(
            "The responsible worker is alerted when a client has this many absences in 30 "
            "days. A row holds from its date until a row with a later date."
        ),
    )

    class Meta:
        model = AttendancePolicy
        fields = ["valid_from", "absences_in_30_days"]


@admin.register(AttendancePolicy)
class AttendancePolicyAdmin(ConfigurationAdmin):
    form = AttendancePolicyForm
    list_display = ["valid_from", "absences_in_30_days"]
    change_title = _("Edit the attendance policy")

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s policy", "%(count)s policies", count) % {"count": count}
