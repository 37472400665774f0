"""The certificate as a PDF (WeasyPrint, ``polku.core.documents``), in Finnish or Swedish.

The certificate goes from the client to employers and schools, so it does not use the basic
header of ``documents/base.html``, which names the service task ("Services for working-age
people") and the author's title: it has its own, with the document name, the client's name
and birth date, the organiser and the place, the signer and the date (703/2023 §38 without
what would label the client). Its context is allow-listed (STYLE.md §9): the keys below and
nothing else; the statement that the period was rehabilitative work activity is printed only
when the client chose so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind
from polku.closure.models import Certificate
from polku.core.documents import render_pdf

CERTIFICATE_KEYS = frozenset(
    {
        "document_name",
        "organiser_name",
        "place_name",
        "client_name",
        "birth_date",
        "starts_on",
        "ends_on",
        "participation_days",
        "hours_per_day",
        "tasks_done",
        "skills_shown",
        "skills_learned",
        "qualification_units",
        "additional",
        "names_service",
        "signer_name",
        "signer_title",
        "given_on",
        "draft",
    }
)


# The certificate PDF's file names in the certificate's language (``Certificate.language``;
# ``polku.core.documents.document_filename``), for the staff's and the client's downloads.
CERTIFICATE_FILENAMES = {"fi": "todistus.pdf", "sv": "intyg.pdf", "en": "certificate.pdf"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def certificate_context(
    certificate: Certificate, *, given_on: dt.date | None = None
) -> dict[str, Any]:
    period = certificate.period
    client = period.relationship.client
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    with translation.override(certificate.language):
        name = _("Certificate")
    context = {
        "document_name": name,
        "organiser_name": organiser.name_in(certificate.language) if organiser else "",
        "place_name": period.place.name_in(certificate.language),
        "client_name": client.full_name,
        "birth_date": client.birth_date,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "participation_days": certificate.participation_days,
        "hours_per_day": period.hours_per_day,
        "tasks_done": _lines(certificate.tasks_done),
        "skills_shown": _lines(certificate.skills_shown),
        "skills_learned": _lines(certificate.skills_learned),
        "qualification_units": _lines(certificate.qualification_units),
        "additional": certificate.additional.strip(),
        "names_service": certificate.names_service,
        "signer_name": certificate.signer_name,
        "signer_title": certificate.signer_title,
        "given_on": given_on or certificate.given_on,
        "draft": (given_on or certificate.given_on) is None,
    }
    assert set(context) == CERTIFICATE_KEYS  # noqa: S101 (a programming error, not input)
    return context


def certificate_pdf(certificate: Certificate, *, given_on: dt.date | None = None) -> bytes:
    """The certificate in its language; a draft is marked as such."""
    context = certificate_context(certificate, given_on=given_on)
    return render_pdf("closure/certificate_document.html", context, language=certificate.language)
