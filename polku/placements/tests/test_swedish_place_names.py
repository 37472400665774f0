"""A place's Swedish name (``Unit.name_in``) on the client's pages and in the documents made in
Swedish; the Finnish name on Finnish pages and where no Swedish name is recorded."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import Unit
from polku.core.tests.test_documents import pdf_text
from polku.placements.models import Period
from tests.people import People
from tests.url_matrix import period_of

pytestmark = pytest.mark.django_db

FINNISH, SWEDISH = "Toimintakeskus Satama", "Verksamhetscentret Hamnen"


@pytest.fixture
def period(people: People) -> Period:
    period = period_of(people)
    Unit.objects.filter(pk=period.place_id).update(name=FINNISH, name_sv=SWEDISH)
    Unit.objects.filter(pk=people.unit.pk).update(name_sv="Vuxensocialarbete, Testilä")
    return Period.objects.get(pk=period.pk)


def test_the_period_page_names_the_place_in_the_pages_language(
    client: HttpClient, people: People, period: Period
) -> None:
    client.force_login(people.worker)
    url = reverse("placements:period", args=[period.pk])
    finnish = client.get(url).text
    assert FINNISH in finnish
    assert SWEDISH not in finnish
    client.cookies["polku_language"] = "sv"
    swedish = client.get(url).text
    assert f": {SWEDISH}</h1>" in swedish
    assert FINNISH not in swedish  # one place, one name on the page
    placement = client.get(reverse("placements:placement", args=[period.relationship_id])).text
    assert SWEDISH in placement
    assert FINNISH not in placement
    assert "Aikuissosiaalityö, Testilä" not in placement


def test_a_swedish_clients_info_package_names_the_place_in_swedish_from_a_finnish_page(
    client: HttpClient, people: People, period: Period
) -> None:
    person = period.relationship.client
    person.language = "sv"
    person.save(update_fields=["language"])
    client.force_login(people.worker)  # a Finnish page
    url = reverse("placements:period", args=[period.pk])
    for_client = pdf_text(client.get(url, {"pdf": "client"}).content).replace("\n", " ")
    assert SWEDISH in for_client
    assert "Vuxensocialarbete, Testilä" in for_client
    assert FINNISH not in for_client
    # The place's copy is in Finnish (``info_package_context``), and so is the place's name.
    for_place = pdf_text(client.get(url, {"pdf": "place"}).content).replace("\n", " ")
    assert FINNISH in for_place
    assert SWEDISH not in for_place
