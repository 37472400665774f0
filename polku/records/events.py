"""The records app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class RecordsEvent(EventType):
    """Writes and disclosures of the records app."""

    LOG_REQUEST = "log request", pgettext_lazy("audit event", "Log request recorded")
    LOG_REPORT = "log report", pgettext_lazy("audit event", "Log report produced")
    RETENTION_DRY_RUN = "retention dry run", pgettext_lazy("audit event", "Retention dry run")
    RETENTION_DESTROYED = (
        "retention destroyed",
        pgettext_lazy("audit event", "Records destroyed after their retention period"),
    )


class RecordsRead(EventType):
    """Reads of the records app's pages."""

    LOG_REQUESTS = "log requests", pgettext_lazy("audit read", "Log requests")
    LOG_REQUEST = "log request page", pgettext_lazy("audit read", "Log request")
    LOG_REPORT_PDF = "log report PDF", pgettext_lazy("audit read", "Log report PDF")
    OWN_LOG_REQUESTS = "own log requests", pgettext_lazy("audit read", "Own log requests")
