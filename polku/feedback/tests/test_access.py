"""Nothing of another person, and every read logged: the client's own feedback pages log the
read with the basis "self" and show only their own messages and complaints; the worker's page
for a complaint written with the client is on the client page and follows the record rule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from polku.feedback import services
from polku.feedback.events import FeedbackRead
from tests.factories import ClientFactory, role_user
from tests.people import build_relationship

pytestmark = pytest.mark.django_db


def test_the_client_sees_only_their_own_messages_and_complaints(client, people):
    services.message_send(actor=people.client, client=people.client_record, text="A:n viesti")
    services.complaint_make(
        actor=people.client,
        client=people.client_record,
        what_happened="A:n muistutus",
        reply_by="omapolku",
    )
    other_user = role_user(Role.CLIENT, people.unit, username="toinen.asiakas")
    other = ClientFactory.create(user=other_user)
    build_relationship(worker=people.worker, client=other, unit=people.unit)
    client.force_login(other_user)
    for name in ("feedback:home", "feedback:complaint_info", "feedback:message_new"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert "A:n viesti" not in page.text
        assert "A:n muistutus" not in page.text
    client.force_login(people.client)
    page = client.get(reverse("feedback:home"))
    assert "A:n viesti" in page.text
    assert "A:n muistutus" in page.text
    read = AuditEvent.objects.filter(what=FeedbackRead.OWN_FEEDBACK, actor_id=people.client.pk)
    assert read.exists()
    assert {e.basis for e in read} == {"self"}
    assert {e.client_id for e in read} == {people.client_record.pk}


def test_the_handlers_list_logs_each_client_shown(client, people):
    services.complaint_make(
        actor=people.client, client=people.client_record, what_happened="x", reply_by="omapolku"
    )
    client.force_login(people.manager)
    client.get(reverse("feedback:complaint_list"))
    event = AuditEvent.objects.get(what=FeedbackRead.COMPLAINTS)
    assert (event.client_id, event.basis, event.actor_id) == (
        people.client_record.pk,
        "feedback_handler",
        people.manager.pk,
    )


def test_the_client_page_links_to_the_complaint_written_with_the_client(client, people):
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[people.client_record.pk]))
    assert reverse("feedback:complaint_assist", args=[people.relationship.pk]) in page.text
    assert "Asiakkaan kanssa kirjoitettu muistutus" in page.text
