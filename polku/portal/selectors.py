"""Reads for OmaPolku, the client's own pages: what the client sees of their own record.

The client's own record is resolved, and the read logged, by ``access_own_client``; these build
the page from it.
"""

from __future__ import annotations

from typing import Any

from polku.accounts import selectors as account_selectors
from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.clients.models import Client
from polku.pathways.selectors import current_plan


def start_page(*, viewer: User, client: Client) -> dict[str, Any]:
    """The client's start page: their open relationship and its worker, the units they belong
    to, the next meetings (five) and the current plan with its options."""
    relationship = client.relationships.open().select_related("responsible_worker", "unit").first()
    units = [a.unit for a in account_selectors.my_assignments(user=viewer) if a.role == Role.CLIENT]
    meetings = (
        list(relationship.meetings.upcoming().select_related("worker").order_by("starts_at")[:5])
        if relationship
        else []
    )
    plan = current_plan(relationship) if relationship else None
    return {
        "person": client,
        "units": units,
        "relationship": relationship,
        "meetings": meetings,
        "plan": plan,
        "plan_options": list(plan.options.select_related("place")) if plan else [],
    }
