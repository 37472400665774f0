"""PDF documents with WeasyPrint (STYLE.md §9).

Every document extends ``documents/base.html``, which prints the basic data of 703/2023 §38:
document name, client name and identity code, organiser and producer, author and title, time,
and the service task. Documents render in the client's language. The URL fetcher refuses
anything that is not a local static file, so a document can never reach the network.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_PREFIX = "polku-static:"


class RemoteResourceRefused(ValueError):
    """A document asked for a file outside Polku's own static files."""


class LocalOnlyFetcher(URLFetcher):
    """Serve ``polku-static:path`` from the static files and ``data:`` URLs; refuse the rest."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith(STATIC_PREFIX):
            try:
                path = finders.find(url.removeprefix(STATIC_PREFIX))
            except SuspiciousFileOperation as error:
                raise RemoteResourceRefused(url) from error
            if isinstance(path, str):
                return super().fetch(f"file://{path}", headers)
        elif url.startswith("data:"):
            return super().fetch(url, headers)
        raise RemoteResourceRefused(url)


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render ``template`` in ``language`` and return the PDF bytes."""
    with translation.override(language):
        html = render_to_string(template, context)
    pdf: bytes = HTML(
        string=html, base_url=STATIC_PREFIX, url_fetcher=LocalOnlyFetcher()
    ).write_pdf()
    return pdf


def client_document_language(language: str | None) -> str:
    """The language a client's document is written in: the client's preferred language
    (``Client.language``: fi, sv or en), Finnish when none is recorded."""
    return language or "fi"


def document_filename(names: dict[str, str], language: str) -> str:
    """The file name of a document written in ``language``: ``names`` maps a language code to
    an ASCII file name, Finnish the fallback. The name follows the document, not the page, so
    a Finnish document is never saved as ``beslut.pdf``."""
    return names.get(language.split("-")[0], names["fi"])


def pdf_response(
    data: bytes, names: dict[str, str], *, language: str, disposition: str = "inline"
) -> HttpResponse:
    """A PDF shown in the browser (or, ``disposition="attachment"``, saved), its file name
    in the document's ``language`` (:func:`document_filename`)."""
    response = HttpResponse(data, content_type="application/pdf")
    name = document_filename(names, language)
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
