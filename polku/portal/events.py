"""OmaPolku's audit event types (polku.audit.events): what the client read of their own data.
Keys are stored and never renamed. The client's own attendance page logs the attendance app's
``AttendanceRead.OWN_ATTENDANCE``; every read here is logged with the basis "self"."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class PortalRead(EventType):
    START_PAGE = "OmaPolku start page", pgettext_lazy("audit read", "OmaPolku start page")
    ABSENCE_REPORT = (
        "OmaPolku absence report",
        pgettext_lazy("audit read", "OmaPolku: reporting an absence"),
    )
    DOCUMENTS = "OmaPolku documents", pgettext_lazy("audit read", "OmaPolku: my documents")
    DECISION = "OmaPolku decision", pgettext_lazy("audit read", "OmaPolku: a decision")
    DECISION_PDF = (
        "OmaPolku decision PDF",
        pgettext_lazy("audit read", "OmaPolku: a decision (PDF)"),
    )
    PLAN_PDF = "OmaPolku plan PDF", pgettext_lazy("audit read", "OmaPolku: the plan (PDF)")
    INFO_PACKAGE = "OmaPolku info package", pgettext_lazy("audit read", "OmaPolku: info package")
    INFO_PACKAGE_PDF = (
        "OmaPolku info package PDF",
        pgettext_lazy("audit read", "OmaPolku: info package (PDF)"),
    )


class PortalEvent(EventType):
    PHONE_HOURS = (
        "phone hours changed",
        pgettext_lazy("audit event", "Worker's phone hours changed"),
    )
