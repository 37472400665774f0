from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "polku.pathways"
    label = "pathways"
    verbose_name = _("Pathway and plans")

    def ready(self) -> None:
        from polku.clients.models import Stage
        from polku.clients.selectors import register_stage_done
        from polku.pathways.selectors import assessment_completed

        # S3 → S5 passes S4: the stepper shows it done only with a completed assessment.
        register_stage_done(Stage.S4_ASSESSMENT, assessment_completed)
