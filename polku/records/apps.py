from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """Records the law asks for (SPEC §8, 703/2023): the client's log request and its report."""

    name = "polku.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from polku.audit.events import register_types
        from polku.clients.models import Stage
        from polku.clients.selectors import register_relationship_page
        from polku.records import holds, retention, workitems
        from polku.records.events import RecordsEvent, RecordsRead

        register_types(RecordsEvent, RecordsRead)
        workitems.register()
        retention.register_hold(
            "log_request", _("A log request is not yet answered"), holds.unanswered_log_requests
        )
        retention.register_hold(
            "complaint", _("A complaint is not yet answered"), holds.unanswered_complaints
        )
        retention.register_hold(
            "appeal",
            _("A decision may still be appealed or is being corrected"),
            holds.appeals_pending,
        )
        # A client may ask for the log report at any stage, and after the end.
        register_relationship_page(_("Log requests"), "records:log_requests", Stage.S1_STARTED)
