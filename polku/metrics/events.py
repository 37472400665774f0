"""The metrics app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class MetricsEvent(EventType):
    """Disclosures of the manager's figures (exports and the printable dashboard)."""

    EXPORT = "metrics export", pgettext_lazy("audit event", "Metrics exported")


class MetricsRead(EventType):
    """Reads of client data from the metrics: the clients behind a figure (the drill-down),
    one access event per client shown, with the manager's purpose."""

    CLIENTS = "metrics clients", pgettext_lazy("audit read", "Metrics: the clients behind a figure")
