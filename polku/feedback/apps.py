from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Client feedback (SPEC §6): the end-of-period survey, the feedback box and complaints
    (muistutus, 812/2000 §23)."""

    name = "polku.feedback"
    label = "feedback"
    verbose_name = _("Feedback and complaints")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.clients.models import Stage
        from polku.clients.selectors import register_relationship_page
        from polku.feedback.events import FeedbackEvent, FeedbackRead

        register_types(FeedbackEvent, FeedbackRead)
        # A worker may help the client write a complaint at any stage.
        register_relationship_page(
            _("Complaint written with the client"), "feedback:complaint_assist", Stage.S1_STARTED
        )
