"""OmaPolku: the client's own certificates (SPEC §6 "my certificate (PDF)")."""

from __future__ import annotations

from django.http import HttpResponse

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.clients.access import access_own_client
from polku.closure import selectors
from polku.closure.access import access_own_certificate
from polku.closure.documents import CERTIFICATE_FILENAMES
from polku.closure.events import ClosureRead
from polku.core.documents import pdf_response
from polku.core.htmx import render_page


def own_certificates(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=ClosureRead.OWN_CERTIFICATES)
    certificates = selectors.own_certificates(client=person)
    return render_page(
        request, "closure/own_certificates.html", context={"certificates": certificates}
    )


def own_certificate_pdf(request: AuthedRequest, certificate_id: int) -> HttpResponse:
    """The given certificate as it was produced; the download is logged with the basis
    "self"."""
    found = access_own_certificate(request.user, certificate_id, what=ClosureRead.CERTIFICATE_PDF)
    return pdf_response(
        bytes(found.document or b""), CERTIFICATE_FILENAMES, language=found.language
    )
