"""The staff's downloads of the client's documents are named in the document's language (the
client's, the place's copy of the info package in Finnish), not always in Finnish: a Swedish
decision is saved as ``beslut-<id>.pdf`` from a Finnish page (the user test of OmaPolku found
the mismatch; the staff side had it the other way round)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.clients.models import Client
from polku.core.tests.test_documents import pdf_text
from tests.people import People
from tests.url_matrix import decision_of, period_of

pytestmark = pytest.mark.django_db


def _language(people: People, language: str) -> None:
    period = period_of(people)
    Client.objects.filter(pk=period.relationship.client_id).update(language=language)


@pytest.mark.parametrize(
    ("language", "name"), [("fi", "paatos"), ("sv", "beslut"), ("en", "decision")]
)
def test_the_decision_is_named_in_its_language(
    client: HttpClient, people: People, language: str, name: str
) -> None:
    decision = decision_of(people)
    _language(people, language)
    client.force_login(people.worker)
    response = client.get(reverse("placements:decision_pdf", args=[decision.pk]))
    assert response["Content-Disposition"] == f'inline; filename="{name}-{decision.pk}.pdf"'


def test_the_info_packages_are_named_in_their_language(client: HttpClient, people: People) -> None:
    period = period_of(people)
    _language(people, "sv")
    client.force_login(people.worker)
    url = reverse("placements:period", args=[period.pk])
    own = client.get(url, {"pdf": "client"})
    assert own["Content-Disposition"] == 'inline; filename="informationspaket.pdf"'
    assert "Frånvaro" in pdf_text(own.content)  # the content is Swedish too
    place = client.get(url, {"pdf": "place"})  # the place's copy is in Finnish
    assert place["Content-Disposition"] == 'inline; filename="tietopaketti.pdf"'
