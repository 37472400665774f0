"""The client page and timeline show only relationships the viewer has a basis for (SPEC §8).

Earlier relationships elsewhere are listed by unit and dates; opening one asks for the purpose
of use, which is logged as its own access event.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent, EventKind
from polku.clients import services
from polku.clients.models import ClientRelationship
from polku.core import clock
from tests.builders import relationship_after_first_meeting
from tests.factories import role_user
from tests.people import People

pytestmark = pytest.mark.django_db

SECRET = "Asuu yksin; päivärytmi puuttuu."  # the first-meeting record of the closed relationship


def closed_then_reopened_elsewhere(people: People) -> tuple[ClientRelationship, ClientRelationship]:
    """A closed relationship in `unit`, and a new one of another unit in its intake queue."""
    old = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    ClientRelationship.objects.filter(pk=old.pk).update(ended_on=clock.today())
    new = services.relationship_open(
        actor=people.worker_other_unit,
        client=old.client,
        unit=people.other_unit,
        started_on=clock.today(),
        source="self",
        reason="Uusi yhteydenotto.",
    )
    return old, new


def test_worker_of_another_unit_sees_the_earlier_relationship_by_unit_and_dates_only(
    client, people: People
) -> None:
    old, _new = closed_then_reopened_elsewhere(people)
    colleague = role_user(Role.WORKER, people.other_unit)  # another worker of the queue's unit
    for viewer in (people.worker_other_unit, colleague):
        client.force_login(viewer)
        page = client.get(reverse("clients:detail", args=[old.client_id])).text
        assert SECRET not in page
        assert "Ensimmäinen tapaaminen kirjattiin" not in page
        assert people.unit.name in page  # listed by unit and dates
        assert old.started_on.strftime("%-d.%-m.%Y") in page
        assert people.worker.get_full_name() not in page
        assert reverse("clients:relationship_purpose", args=[old.client_id, old.pk]) in page


def test_the_responsible_worker_of_the_relationship_sees_its_events(client, people: People) -> None:
    old, _new = closed_then_reopened_elsewhere(people)
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[old.client_id])).text
    assert SECRET in page
    url = reverse("clients:relationship_purpose", args=[old.client_id, old.pk])
    assert url not in page
    # No purpose is asked of a viewer who has a basis: back to the client page.
    assert client.get(url).status_code == 302


def test_opening_an_earlier_relationship_asks_for_the_purpose_and_logs_it(
    client, people: People
) -> None:
    old, _new = closed_then_reopened_elsewhere(people)
    client.force_login(people.worker_other_unit)
    url = reverse("clients:relationship_purpose", args=[old.client_id, old.pk])
    asked = client.get(url)
    assert asked.status_code == 200
    assert "Käyttötarkoitus" in asked.text
    assert SECRET not in asked.text
    refused = client.post(url, {"purpose": "other", "detail": ""})
    assert refused.status_code == 200
    assert SECRET not in refused.text
    assert not AuditEvent.objects.filter(basis="purpose_of_use").exists()

    read = client.post(url, {"purpose": "continuity", "detail": "Palvelun jatkuvuus"})
    assert read.status_code == 200
    assert SECRET in read.text
    event = AuditEvent.objects.get(basis="purpose_of_use")
    assert event.kind == EventKind.ACCESS
    assert event.actor_id == people.worker_other_unit.pk
    assert event.client_id == old.client_id
    assert event.what == "earlier relationship"
    assert event.purpose == "continuity: Palvelun jatkuvuus"
    assert (event.record_type, event.record_id) == ("clients.ClientRelationship", str(old.pk))


@pytest.mark.parametrize("who", ["decision_maker", "employment_official", "no_role"])
def test_who_may_not_open_an_earlier_relationship(client, people: People, who: str) -> None:
    """No basis for the client at all: the same 404 (or 403 for roles that never use the desk)."""
    old, _new = closed_then_reopened_elsewhere(people)
    client.force_login(getattr(people, who))
    url = reverse("clients:relationship_purpose", args=[old.client_id, old.pk])
    for response in (client.get(url), client.post(url, {"purpose": "continuity"})):
        assert response.status_code in (403, 404)
        assert SECRET not in response.text
        assert old.client.last_name not in response.text
    assert not AuditEvent.objects.filter(basis="purpose_of_use").exists()


def test_a_relationship_of_another_client_is_a_404(client, people: People) -> None:
    old, _new = closed_then_reopened_elsewhere(people)
    client.force_login(people.worker_other_unit)
    url = reverse("clients:relationship_purpose", args=[old.client_id, people.relationship.pk])
    assert client.post(url, {"purpose": "continuity"}).status_code == 404
