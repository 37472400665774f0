from __future__ import annotations

import datetime as dt
import io

import pytest
from django.template import engines
from pypdf import PdfReader

from polku.core.documents import LocalOnlyFetcher, RemoteResourceRefused, render_pdf


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_base_document_carries_the_basic_data() -> None:
    data = render_pdf(
        "documents/base.html",
        {
            "document_name": "Kutsukirje",
            "organiser_name": "Järvilaakson hyvinvointialue",
            "producer_name": "Aikuissosiaalityö, Järvenkylä",
            "client_name": "Mikko Korhonen",
            "client_identity_code": "140387-901X",
            "author_name": "Sanna Virtanen",
            "author_title": "sosiaaliohjaaja",
            "created_at": dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC),
        },
        language="fi",
    )
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in (
        "Kutsukirje",
        "Järvilaakson hyvinvointialue",
        "Mikko Korhonen",
        "Sanna Virtanen, sosiaaliohjaaja",
        "Työikäisten palvelut",
        "5.3.2026",
    ):
        assert expected in text


def test_documents_render_in_the_requested_language() -> None:
    data = render_pdf(
        "documents/base.html",
        {
            "document_name": "Kallelse",
            "organiser_name": "X",
            "created_at": dt.datetime(2026, 3, 5, tzinfo=dt.UTC),
        },
        language="sv",
    )
    assert "Tjänster för personer i arbetsför ålder" in pdf_text(data)


def test_remote_resources_are_refused() -> None:
    fetcher = LocalOnlyFetcher()
    with pytest.raises(RemoteResourceRefused):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(RemoteResourceRefused):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(RemoteResourceRefused):
        fetcher.fetch("polku-static:../../etc/passwd")
    response = fetcher.fetch("polku-static:polku/polku.css")
    assert b"--brand" in response.read()


def test_a_document_asking_for_a_remote_image_still_renders_without_it() -> None:
    template = engines["django"].from_string('<p>Teksti</p><img src="https://example.org/x.png">')
    from weasyprint import HTML

    pdf = HTML(string=template.render({}), url_fetcher=LocalOnlyFetcher()).write_pdf()
    assert "Teksti" in pdf_text(pdf)
