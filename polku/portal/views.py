"""OmaPolku: the client's own pages, in plain language (SPEC §6)."""

from __future__ import annotations

from django.http import HttpResponse

from polku.accounts import selectors as account_selectors
from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.clients.access import access_own_client
from polku.core.htmx import render_page
from polku.pathways.selectors import current_plan
from polku.portal.events import PortalRead


def client_start(request: AuthedRequest) -> HttpResponse:
    """The client's start page: who they are and whom to contact. The read is logged."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.START_PAGE)
    relationship = person.relationships.open().select_related("responsible_worker", "unit").first()
    units = [
        a.unit for a in account_selectors.my_assignments(user=request.user) if a.role == Role.CLIENT
    ]
    meetings = (
        list(relationship.meetings.upcoming().select_related("worker").order_by("starts_at")[:5])
        if relationship
        else []
    )
    plan = current_plan(relationship) if relationship else None
    return render_page(
        request,
        "portal/start.html",
        context={
            "person": person,
            "units": units,
            "relationship": relationship,
            "meetings": meetings,
            "plan": plan,
            "plan_options": list(plan.options.select_related("place")) if plan else [],
        },
    )
