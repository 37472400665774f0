"""The log report as a PDF (WeasyPrint, ``polku.core.documents``) in the client's language,
with the basic data of 703/2023 §38 (``documents/base.html``)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind, User
from polku.core.documents import render_pdf
from polku.records import selectors
from polku.records.models import LogRequest


def log_report_pdf(request: LogRequest, *, author: User, at: dt.datetime) -> tuple[bytes, int]:
    """The report of ``request`` as produced at ``at`` by ``author``; returns the PDF and the
    number of events it covers."""
    client = request.client
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    with translation.override(request.language):
        entries = selectors.report_entries(request, until=at)
        context = {
            "document_name": _("Log report"),
            "organiser_name": organiser.name_in(request.language) if organiser else "",
            "producer_name": request.relationship.unit.name_in(request.language),
            "client_name": client.full_name,
            "client_identity_code": client.identity_code,
            "author_name": author.get_full_name() or author.get_username(),
            "author_title": author.title_in(request.language),
            "created_at": at,
            "request": request,
            "entries": entries,
            "covers_from": request.covers_from,
            "until": at,
        }
    events = sum(entry.count for entry in entries)
    pdf = render_pdf("records/log_report_document.html", context, language=request.language)
    return pdf, events
