from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Goals with GAS, the mid-period and final evaluation with their four sections, the
    versioned evaluation templates, the GAS T-score and the progress chart (SPEC §5, §2 S11–S13)."""

    name = "polku.evaluation"
    label = "evaluation"
    verbose_name = _("Goals and evaluation")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.clients.models import Stage
        from polku.clients.selectors import register_relationship_page
        from polku.evaluation import checks, workitems
        from polku.evaluation.events import EvaluationEvent, EvaluationRead

        register_types(EvaluationEvent, EvaluationRead)
        checks.register()
        workitems.register()
        register_relationship_page(
            _("Goals and evaluation"), "evaluation:overview", Stage.S9_KUTY_STARTS
        )
