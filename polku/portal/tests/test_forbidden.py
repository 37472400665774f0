"""A client who opens a staff page gets a 403 in plain words with the way back to OmaPolku,
not the staff wording about roles, work and the administrator (the user test of OmaPolku)."""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from tests.people import People

pytestmark = pytest.mark.django_db


def test_a_client_gets_a_plain_403(client: DjangoClient, people: People) -> None:
    client.force_login(people.client)
    response = client.get(reverse("phone_hours:edit"))
    assert response.status_code == 403
    assert "Et voi avata tätä sivua" in response.text
    assert "Tämä sivu ei kuulu omiin sivuihisi. Omat tietosi ovat OmaPolussa." in response.text
    assert f'href="{reverse("portal:client_start")}"' in response.text
    assert "pääkäyttäjä" not in response.text
    client.cookies["polku_language"] = "sv"
    response = client.get(reverse("phone_hours:edit"))
    assert "Du kan inte öppna den här sidan" in response.text
    assert "fråga din kontaktperson" in response.text
    assert "Dina roller" not in response.text
    assert "huvudanvändaren" not in response.text


def test_staff_keep_the_staff_wording(client: DjangoClient, people: People) -> None:
    client.force_login(people.worker)
    response = client.get(reverse("portal:client_start"))
    assert response.status_code == 403
    assert "Et voi avata tätä sivua" not in response.text
    assert reverse("accounts:home") in response.text
