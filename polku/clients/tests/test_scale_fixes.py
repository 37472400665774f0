"""What the benchmark found (docs/performance.md): a detail page applies the one visibility rule
to its own client only, with the same answer as the lists; the timeline shows the latest events
a page at a time with "show earlier"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit import services as audit
from polku.clients import selectors, services
from polku.clients.events import ClientEvent
from polku.clients.models import Client, ClientRelationship
from polku.clients.selectors.timeline import TIMELINE_PAGE
from polku.core import clock
from tests.factories import role_user
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


def test_a_detail_page_and_the_lists_keep_one_rule(people: People) -> None:
    build_relationship(worker=None, unit=people.unit)  # in the intake queue
    users = [
        people.worker,
        people.worker_other_unit,
        people.decision_maker,
        people.place_supervisor,
        people.client,
        people.manager,
        people.no_role,
    ]
    for user in users:
        listed = set(Client.objects.visible_to(user).values_list("pk", flat=True))
        one_by_one = {
            client.pk
            for client in Client.objects.all()
            if Client.objects.visible_to(user, client_id=client.pk).exists()
        }
        assert one_by_one == listed, user
        relationships = set(
            ClientRelationship.objects.visible_to(user).values_list("pk", flat=True)
        )
        through = set(
            ClientRelationship.objects.filter(
                ClientRelationship.objects.visible_one(user, "pk")
            ).values_list("pk", flat=True)
        )
        assert through == relationships, user
    assert Client.objects.visible_to(people.worker, client_id=people.client_record.pk).get() == (
        people.client_record
    )


def test_a_team_cover_keeps_one_rule_and_reads_only_the_clients_relationships(
    people: People,
) -> None:
    """The cover basis is asked of the relationship at hand (a correlated ``EXISTS`` on the
    user's grants), never as a list of every relationship under a cover: a client with earlier
    relationships elsewhere made that list read every relationship of the organiser."""
    colleague = role_user(Role.WORKER, people.unit)
    earlier = build_relationship(worker=people.worker_other_unit, unit=people.other_unit)
    earlier.client = people.client_record
    earlier.save()
    assert not Client.objects.visible_to(colleague, client_id=people.client_record.pk).exists()
    services.cover_start(
        actor=colleague, colleague=people.worker, unit=people.unit, purpose="Sijaisuus tänään"
    )
    detail = Client.objects.visible_to(colleague, client_id=people.client_record.pk)
    assert detail.get() == people.client_record
    listed = set(Client.objects.visible_to(colleague).values_list("pk", flat=True))
    assert people.client_record.pk in listed
    assert set(ClientRelationship.objects.visible_to(colleague).values_list("pk", flat=True)) == {
        r.pk for r in ClientRelationship.objects.filter(responsible_worker=people.worker)
    }
    # The detail check names the relationships table once: the client's own relationships.
    assert str(detail.query).count('"clients_clientrelationship"') == 1
    with clock.frozen(clock.now() + dt.timedelta(days=1, hours=1)):
        assert not Client.objects.visible_to(colleague, client_id=people.client_record.pk).exists()


def _events(people: People, n: int) -> None:
    start = clock.now() - dt.timedelta(days=n)
    for i in range(n):
        # Two events at the same moment: the cursor orders by (time, id).
        with clock.frozen(start + dt.timedelta(days=i // 2)):
            audit.record_change(
                actor=people.worker,
                record=people.relationship,
                client=people.client_record,
                what=ClientEvent.INTAKE_CORRECTED,
                changes={"reason": (f"old {i}", f"new {i}")},
            )


def test_the_timeline_shows_the_latest_events_and_earlier_ones_on_request(people: People) -> None:
    _events(people, TIMELINE_PAGE + 15)
    client = people.client_record
    first = selectors.client_timeline(client=client)
    assert len(first.entries) == TIMELINE_PAGE
    assert first.earlier == first.entries[-1].event.pk
    second = selectors.client_timeline(client=client, before=first.earlier)
    assert second.earlier is None
    shown = [e.event.pk for e in first.entries + second.entries]
    assert len(shown) == len(set(shown))
    everything = selectors.client_timeline(client=client, limit=1000).entries
    assert shown == [e.event.pk for e in everything]
    times = [(e.event.occurred_at, e.event.pk) for e in everything]
    assert times == sorted(times, reverse=True)


def test_the_client_page_links_to_earlier_events(client, people: People) -> None:
    _events(people, TIMELINE_PAGE + 5)
    client.force_login(people.worker)
    url = reverse("clients:detail", args=[people.client_record.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Näytä aiemmat tapahtumat" in page.text
    earlier = page.context["timeline_earlier"]
    older = client.get(url, {"aiemmat": earlier})
    assert older.status_code == 200
    assert "Näytä aiemmat tapahtumat" not in older.text
    assert "Takaisin uusimpiin tapahtumiin" in older.text
    assert "old 0" in older.text
    assert "old 0" not in page.text
    # A cursor of another client's event shows nothing of theirs.
    assert client.get(url, {"aiemmat": "999999"}).context["timeline"] == []
