"""Intake and client details (S1–S2): the review findings of issue 13."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "label"), [("fi", "Nimeä"), ("sv", "Utse"), ("en", "Assign")])
def test_assign_button_is_a_verb(client, people: People, language: str, label: str) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    client.force_login(people.worker)
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:assign", args=[relationship.pk])).text
    assert f'<button type="submit" class="button">{label}</button>' in page
