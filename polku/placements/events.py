"""The placements app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class PlacementEvent(EventType):
    """Writes and disclosures of S8–S10."""

    VISIT = "introductory visit", pgettext_lazy("audit event", "Introductory visit recorded")
    VISIT_SKIPPED = (
        "introductory visit skipped",
        pgettext_lazy("audit event", "Introductory visit skipped"),
    )
    PERIOD = "work-activity period", pgettext_lazy("audit event", "Work-activity period saved")
    DECISION_DRAFTED = "decision drafted", pgettext_lazy("audit event", "Decision drafted")
    DECISION_MADE = "decision made", pgettext_lazy("audit event", "Decision made and signed")
    DECISION_DELIVERED = "decision delivered", pgettext_lazy("audit event", "Decision delivered")
    INFO_PACKAGE = "info package", pgettext_lazy("audit event", "Info package delivered")
    STEWARD_NOTICE = (
        "steward notice",
        pgettext_lazy("audit event", "Notice sent to the chief shop steward"),
    )


class PlacementRead(EventType):
    """Reads: the placement pages and what the place supervisor sees."""

    PLACEMENT = "placement page", pgettext_lazy("audit read", "Placement")
    DECISION = "decision page", pgettext_lazy("audit read", "Decision")
    DECISION_PDF = "decision PDF", pgettext_lazy("audit read", "Decision PDF")
    PLACE_CLIENT = "client at the place", pgettext_lazy("audit read", "Client at the place")
    SUGGESTIONS = "place suggestions", pgettext_lazy("audit read", "Place suggestions")
