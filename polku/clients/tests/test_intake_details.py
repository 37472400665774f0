"""Intake and client details (S1–S2): the review findings of issue 13."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.clients import services
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "label"), [("fi", "Nimeä"), ("sv", "Utse"), ("en", "Assign")])
def test_assign_button_is_a_verb(client, people: People, language: str, label: str) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    client.force_login(people.worker)
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:assign", args=[relationship.pk])).text
    assert f'<button type="submit" class="button">{label}</button>' in page


def test_contact_reason_and_who_made_it_are_on_the_client_page(client, people: People) -> None:
    relationship = people.relationship
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert "Yhteydenoton syy" in page
    assert relationship.reason in page
    assert people.worker.get_full_name() in page  # received by
    assert reverse("clients:intake_correct", args=[relationship.pk]) in page


def test_correcting_the_intake_details_is_audited(client, people: People) -> None:
    relationship = people.relationship
    client.force_login(people.worker)
    url = reverse("clients:intake_correct", args=[relationship.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "source": "kela",
            "source_detail": "Kelan etuuskäsittelijä",
            "reason": "Kela ohjasi.",
            "version": relationship.version,
        },
    )
    assert response.status_code == 302
    relationship.refresh_from_db()
    assert (relationship.source, relationship.source_detail) == ("kela", "Kelan etuuskäsittelijä")
    event = AuditEvent.objects.get(what="intake details corrected")
    assert event.actor_id == people.worker.pk
    assert event.changes["source"] == ["self", "kela"]
    assert event.changes["source_detail"] == ["", "Kelan etuuskäsittelijä"]
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert "Yhteydenoton tietoja korjattiin" in page
    assert "Kelan etuuskäsittelijä" in page


def test_intake_correction_keeps_input_on_a_conflict_and_refuses_others(
    client, people: People
) -> None:
    relationship = people.relationship
    stale = relationship.version
    services.relationship_correct_intake(
        actor=people.worker,
        relationship=relationship,
        version=stale,
        source="self",
        source_detail="",
        reason="Ensimmäinen korjaus.",
    )
    client.force_login(people.worker)
    url = reverse("clients:intake_correct", args=[relationship.pk])
    data = {"source": "kela", "source_detail": "", "reason": "Toinen korjaus.", "version": stale}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Toinen korjaus." in response.text
    with pytest.raises(PermissionDenied):
        services.relationship_correct_intake(
            actor=people.decision_maker,
            relationship=relationship,
            version=relationship.version,
            source="kela",
            source_detail="",
            reason="x",
        )
