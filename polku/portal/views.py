"""OmaPolku: the client's own pages, in plain language (SPEC §6)."""

from __future__ import annotations

from django.http import HttpResponse

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.clients.access import access_own_client
from polku.core.htmx import render_page
from polku.portal import selectors
from polku.portal.events import PortalRead


def client_start(request: AuthedRequest) -> HttpResponse:
    """The client's start page: who they are and whom to contact. The read is logged."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.START_PAGE)
    page = selectors.start_page(viewer=request.user, client=person)
    return render_page(request, "portal/start.html", context=page)
