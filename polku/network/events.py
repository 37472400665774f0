"""The network app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class NetworkEvent(EventType):
    """Writes: partners and opportunities."""

    PARTNER_CREATED = "partner created", pgettext_lazy("audit event", "Partner added")
    PARTNER = "partner", pgettext_lazy("audit event", "Partner saved")
    OPPORTUNITY_CREATED = "opportunity created", pgettext_lazy("audit event", "Opportunity added")
    OPPORTUNITY = "opportunity", pgettext_lazy("audit event", "Opportunity saved")


class NetworkRead(EventType):
    """Reads: the service map, the partners and the opportunities."""

    SERVICE_MAP = "service map", pgettext_lazy("audit read", "Service map")
    PARTNERS = "partners", pgettext_lazy("audit read", "Partners")
    PARTNER_PAGE = "partner page", pgettext_lazy("audit read", "Partner")
    OPPORTUNITIES = "opportunities", pgettext_lazy("audit read", "Jobs and training")
    OPPORTUNITY_PAGE = "opportunity page", pgettext_lazy("audit read", "Job or training")
    PLACE_OPPORTUNITIES = (
        "opportunities at the place",
        pgettext_lazy("audit read", "Jobs and training shown at the place"),
    )
    OWN_OPPORTUNITIES = (
        "opportunities in OmaPolku",
        pgettext_lazy("audit read", "Jobs and training in OmaPolku"),
    )
