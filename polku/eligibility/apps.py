from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    """Eligibility (189/2001 §3) and benefit sanctions (1290/2002 ch. 2 a) as rules with
    effective dates that explain themselves (SPEC §3). Polku informs; the official decides."""

    name = "polku.eligibility"
    label = "eligibility"
    verbose_name = _("Eligibility")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.clients.models import Stage
        from polku.clients.selectors import register_relationship_page
        from polku.eligibility.events import EligibilityEvent, EligibilityRead

        register_types(EligibilityEvent, EligibilityRead)
        register_relationship_page(_("Eligibility"), "eligibility:eligibility", Stage.S1_STARTED)
