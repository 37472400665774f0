"""The feedback box: the client writes any time; the managers of the unit read it, the client's
own worker never does; read and handled states, audited; a double submit stores one message."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from polku.core.errors import CommonError
from polku.feedback import services
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackEvent, FeedbackRead
from polku.feedback.models import FeedbackMessage
from tests.factories import UnitFactory, role_user

pytestmark = pytest.mark.django_db


def send(client, **data: str):
    payload = {"text": "Ruoka oli kylmää.", "place": "", "submission": str(uuid.uuid4())}
    payload.update(data)
    return client.post(reverse("feedback:message_new"), payload)


def test_the_message_goes_to_the_units_managers_and_never_to_the_own_worker(client, people):
    client.force_login(people.client)
    assert send(client).status_code == 302
    message = FeedbackMessage.objects.get()
    assert (message.unit_id, message.client_id, message.show_name) == (
        people.unit.pk,
        people.client_record.pk,
        False,
    )
    event = AuditEvent.objects.get(what=FeedbackEvent.MESSAGE_SENT)
    assert event.client_id == people.client_record.pk
    # The responsible worker (and the other staff roles but the manager) never reads it.
    for who in ("worker", "decision_maker", "place_supervisor", "worker_other_unit"):
        client.force_login(getattr(people, who))
        assert client.get(reverse("feedback:message_list")).status_code == 403
        assert client.get(reverse("feedback:message_detail", args=[message.pk])).status_code == 403
    client.force_login(people.manager)
    listing = client.get(reverse("feedback:message_list"))
    assert "Ruoka oli kylmää." in listing.text
    detail = client.get(reverse("feedback:message_detail", args=[message.pk]))
    assert "Ruoka oli kylmää." in detail.text
    # The client did not want their name shown: the reader does not see it.
    assert people.client_record.full_name not in detail.text
    assert "Asiakas ei halunnut nimeään näytettävän." in detail.text
    read = AuditEvent.objects.filter(what=FeedbackRead.MESSAGE).get()
    assert (read.client_id, read.basis, read.actor_id) == (
        people.client_record.pk,
        "feedback_handler",
        people.manager.pk,
    )


def test_the_name_is_shown_when_the_client_allows_it(client, people):
    client.force_login(people.client)
    send(client, show_name="on")
    client.force_login(people.manager)
    message = FeedbackMessage.objects.get()
    detail = client.get(reverse("feedback:message_detail", args=[message.pk]))
    assert people.client_record.full_name in detail.text


def test_a_manager_of_another_organiser_gets_the_one_404(client, people):
    message = services.message_send(
        actor=people.client, client=people.client_record, text="Hyvä paikka"
    )
    other_manager = role_user(Role.MANAGER, UnitFactory.create(name="Muu yksikkö"))
    client.force_login(other_manager)
    assert client.get(reverse("feedback:message_detail", args=[message.pk])).status_code == 404
    assert "Hyvä paikka" not in client.get(reverse("feedback:message_list")).text


def test_a_double_submit_stores_one_message(client, people):
    client.force_login(people.client)
    token = str(uuid.uuid4())
    send(client, submission=token)
    send(client, submission=token)
    assert FeedbackMessage.objects.count() == 1
    assert AuditEvent.objects.filter(what=FeedbackEvent.MESSAGE_SENT).count() == 1


def test_an_empty_message_is_refused_in_plain_words(client, people):
    client.force_login(people.client)
    response = send(client, text="   ")
    assert response.status_code == 200
    assert "Kirjoita viestisi." in response.text
    assert not FeedbackMessage.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.message_send(actor=people.client, client=people.client_record, text="")
    assert refused.value.error_dict["text"][0].code == CommonError.REQUIRED


def test_a_place_that_is_not_the_clients_is_refused(people):
    with pytest.raises(ValidationError) as refused:
        services.message_send(
            actor=people.client, client=people.client_record, text="x", place=people.place
        )
    assert refused.value.error_dict["place"][0].code == FeedbackError.NOT_YOUR_PLACE


def test_only_the_client_sends_their_own_message(people):
    with pytest.raises(PermissionDenied):
        services.message_send(actor=people.worker, client=people.client_record, text="x")


def test_read_then_handled_with_what_was_done_audited(client, people):
    message = services.message_send(
        actor=people.client, client=people.client_record, text="Kiitos ohjaajalle"
    )
    client.force_login(people.manager)
    url = reverse("feedback:message_detail", args=[message.pk])
    assert client.post(url, {"state": "read", "version": "1", "note": ""}).status_code == 302
    message.refresh_from_db()
    assert message.state == "read"
    # Handled needs what was done.
    refused = client.post(url, {"state": "handled", "version": str(message.version), "note": ""})
    assert refused.status_code == 200
    assert "Kirjoita, mitä tehtiin." in refused.text
    client.post(url, {"state": "handled", "version": str(message.version), "note": "Välitetty"})
    message.refresh_from_db()
    assert (message.state, message.handled_note, message.handled_by_id) == (
        "handled",
        "Välitetty",
        people.manager.pk,
    )
    events = AuditEvent.objects.filter(what=FeedbackEvent.MESSAGE_STATE).order_by("pk")
    assert [e.changes["state"][1] for e in events] == ["read", "handled"]
    with pytest.raises(ValidationError) as wrong:
        services.message_mark(
            actor=people.manager, message=message, version=message.version, state="read"
        )
    assert wrong.value.code == FeedbackError.WRONG_STATE
    with pytest.raises(PermissionDenied):
        services.message_mark(
            actor=people.worker, message=message, version=message.version, state="handled"
        )


def test_the_client_sees_the_state_of_their_message(client, people):
    message = services.message_send(
        actor=people.client, client=people.client_record, text="Bussi myöhässä"
    )
    services.message_mark(actor=people.manager, message=message, version=1, state="read")
    client.force_login(people.client)
    page = client.get(reverse("feedback:home"))
    assert "Bussi myöhässä" in page.text
    assert "Luettu" in page.text
