"""OmaPolku's audit event types (polku.audit.events): what the client read of their own data.
Keys are stored and never renamed. The client's own attendance page logs the attendance app's
``AttendanceRead.OWN_ATTENDANCE``."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class PortalRead(EventType):
    START_PAGE = "OmaPolku start page", pgettext_lazy("audit read", "OmaPolku start page")
    ABSENCE_REPORT = (
        "OmaPolku absence report",
        pgettext_lazy("audit read", "OmaPolku: reporting an absence"),
    )
