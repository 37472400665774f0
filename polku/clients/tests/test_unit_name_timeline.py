"""The unit a relationship begins in, named on the client's timeline in the viewer's language
(the change event keeps the unit's id; its name is read when the timeline is shown)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import Unit
from polku.clients import services
from polku.core import clock
from tests.factories import ClientFactory
from tests.people import People

pytestmark = pytest.mark.django_db


def test_the_timeline_names_the_starting_unit_in_the_pages_language(
    client: HttpClient, people: People
) -> None:
    Unit.objects.filter(pk=people.unit.pk).update(name_sv="Vuxensocialarbete, Testilä")
    person = ClientFactory.create()
    relationship = services.relationship_open(
        actor=people.worker,
        client=person,
        unit=Unit.objects.get(pk=people.unit.pk),
        started_on=clock.today(),
        source="self",
        reason="Yhteydenotto.",
    )
    client.force_login(people.worker)
    url = reverse("clients:detail", args=[relationship.client_id])
    finnish = client.get(url).text
    assert "Aikuissosiaalityö, Testilä" in finnish
    assert "Vuxensocialarbete, Testilä" not in finnish
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    swedish = client.get(url).text
    assert "Vuxensocialarbete, Testilä" in swedish
    assert "Aikuissosiaalityö, Testilä" not in swedish  # one unit, one name on the page
