"""The closure app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class ClosureEvent(EventType):
    """Writes and disclosures of S13–S15."""

    CERTIFICATE = "certificate", pgettext_lazy("audit event", "Certificate saved")
    CERTIFICATE_GIVEN = "certificate given", pgettext_lazy("audit event", "Certificate given")
    FOLLOW_UP_PLAN = "follow-up plan", pgettext_lazy("audit event", "Follow-up plan saved")
    PERIOD_ENDED = "period ended", pgettext_lazy("audit event", "Work-activity period ended")
    RELATIONSHIP_ENDED = (
        "relationship ended",
        pgettext_lazy("audit event", "Client relationship ended"),
    )
    FOLLOW_UP_CALL = "follow-up call", pgettext_lazy("audit event", "Follow-up contact recorded")
    RELATIONSHIP_REOPENED = (
        "relationship reopened",
        pgettext_lazy("audit event", "Client relationship reopened"),
    )


class ClosureRead(EventType):
    """Reads: the closure pages, the certificate and its PDF."""

    CLOSURE = "closure page", pgettext_lazy("audit read", "Certificate, follow-up and end")
    CERTIFICATE = "certificate page", pgettext_lazy("audit read", "Certificate")
    CERTIFICATE_PDF = "certificate PDF", pgettext_lazy("audit read", "Certificate PDF")
    PLACE_CERTIFICATES = (
        "certificates at the place",
        pgettext_lazy("audit read", "Certificates to draft at the place"),
    )
    OWN_CERTIFICATES = "own certificates", pgettext_lazy("audit read", "Own certificates")
