from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClosureConfig(AppConfig):
    """The certificate, the follow-up plan, the end of the relationship and the follow-up
    contact one month later (SPEC §2 S13–S15, §5)."""

    name = "polku.closure"
    label = "closure"
    verbose_name = _("Certificate, follow-up and end")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.clients.models import Stage
        from polku.clients.selectors import register_relationship_page
        from polku.closure import checks, workitems
        from polku.closure.events import ClosureEvent, ClosureRead
        from polku.closure.hooks import register_evaluation_source
        from polku.evaluation.selectors import certificate_words

        register_types(ClosureEvent, ClosureRead)
        # The certificate's draft takes the place's comments from the finished evaluation.
        register_evaluation_source(certificate_words)
        checks.register()
        workitems.register()
        # From the period on: the certificate and the follow-up plan are made before it ends.
        register_relationship_page(
            _("Certificate, follow-up plan and end"), "closure:closure", Stage.S11_PERIOD
        )
