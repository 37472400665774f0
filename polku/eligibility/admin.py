"""The eligibility and benefit-sanction rules on the configuration site: an administrator adds
a version with its dates when the law changes; earlier cases stay judged by their own time.
Changes are audited like every configuration change (``ConfigurationAdmin``); nobody deletes
a version."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from polku.accounts.admin_site import ConfigurationAdmin
from polku.eligibility.models import EligibilityRule, SanctionRule


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(ConfigurationAdmin):
    list_display = ["valid_from", "valid_to", "section", "age_limit", "benefit_routes_to_mts"]
    change_title = _("Edit the eligibility rule")

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s rule version", "%(count)s rule versions", count) % {
            "count": count
        }


@admin.register(SanctionRule)
class SanctionRuleAdmin(ConfigurationAdmin):
    list_display = ["valid_from", "valid_to", "section", "second_days", "third_days"]
    change_title = _("Edit the benefit sanction rule")

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s rule version", "%(count)s rule versions", count) % {
            "count": count
        }
