"""Intake and client details (S1–S2): the review findings of issue 13."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.clients import identity, services
from polku.clients.models import Client
from polku.core import clock
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


def intake(people: People, **overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Ville",
        "last_name": "Uusiasiakas",
        "identity_code": "",
        "temporary_id": "TMP-1",
        "birth_date": "12.4.1988",
        "language": "fi",
        "postal_code": "40100",
        "unit": str(people.unit.pk),
        "started_on": clock.today().strftime("%-d.%-m.%Y"),
        "source": "self",
        "reason": "Työttömyys pitkittynyt.",
    }
    data.update(overrides)
    return data


def test_postal_code_is_five_digits(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(reverse("clients:intake_new"), intake(people, postal_code="ABCDE"))
    assert response.status_code == 200
    assert "Postinumerossa on viisi numeroa." in response.text
    assert not Client.objects.filter(last_name="Uusiasiakas").exists()
    with pytest.raises(ValidationError):
        services.client_create(
            actor=people.worker,
            first_name="A",
            last_name="B",
            temporary_id="T",
            birth_date=dt.date(1990, 1, 1),
            postal_code="1234X",
        )


def test_a_wrong_year_gives_one_error_only(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(reverse("clients:intake_new"), intake(people, birth_date="1.1.9999"))
    assert response.status_code == 200
    assert "Tarkista vuosi" in response.text
    assert "syntymäaika on annettava" not in response.text


def test_error_summary_follows_the_form(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:intake_new"),
        intake(people, first_name="", postal_code="x", reason="", started_on=""),
    )
    summary = response.text[response.text.index("error-summary") :]
    summary = summary[: summary.index("</div>")]
    anchors = re.findall(r'href="#(id_[a-z_]+)"', summary)
    assert anchors == ["id_first_name", "id_postal_code", "id_started_on", "id_reason"]


def test_searched_identity_code_starts_the_new_client_form(client, people: People) -> None:
    code = identity.build_code(dt.date(1990, 5, 17), 955, sign="-")
    client.force_login(people.worker)
    client.post(reverse("clients:search"), {"identity_code": code})
    page = client.get(reverse("clients:intake_new")).text
    assert f'value="{code}"' in page
    assert code not in client.get(reverse("clients:caseload")).text
