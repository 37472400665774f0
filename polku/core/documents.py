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


def pdf_response(data: bytes, names: dict[str, str]) -> HttpResponse:
    """A PDF shown in the browser, its file name (for saving) in the viewer's language:
    ``names`` maps a language code to an ASCII file name, Finnish the fallback."""
    language = (translation.get_language() or "fi").split("-")[0]
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{names.get(language, names["fi"])}"'
    return response
