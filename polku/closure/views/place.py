"""The place supervisor's list of certificates to draft (the place portal, SPEC §6)."""

from __future__ import annotations

from django.http import HttpResponse

from polku.accounts.access import require_capability
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.closure import selectors
from polku.core.htmx import render_page


def place_certificates(request: AuthedRequest) -> HttpResponse:
    require_capability(request.user, Capability.USE_PLACE_PORTAL)
    rows = selectors.place_certificates(viewer=request.user)
    return render_page(request, "closure/place_certificates.html", context={"rows": rows})
