"""The client's own log request in OmaPolku (703/2023 §11): asked with one button, sent to the
responsible worker's work queue, due in two months and free of charge, asked once while one
waits, audited; the client's own only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.core.rules import day_label
from polku.pathways.workqueue import work_queue
from polku.records.models import LogRequest
from polku.records.services import log_report_produce, log_request_ask, log_request_record
from tests.factories import ClientFactory, role_user
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db

URL = "records:own_log_requests"


def test_asking_creates_an_electronic_request_for_the_worker(client, people: People) -> None:
    client.force_login(people.client)
    page = client.get(reverse(URL))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kuka on katsonut tietojani" in text
    assert "2 kuukauden kuluessa" in text
    assert "maksuton" in text
    response = client.post(reverse(URL))
    assert response.status_code == 302
    request = LogRequest.objects.get()
    assert request.client == people.client_record
    assert request.relationship == people.relationship
    assert request.channel == "omapolku"
    assert request.received_on == clock.today()
    assert request.recorded_by == people.client
    shown = client.get(response["Location"]).content.decode()
    assert f"viimeistään {day_label(request.due_on)}" in shown
    # The worker sees it in the work queue, due in two months, and opens it.
    items = [i for i in work_queue(viewer=people.worker) if i.kind == "log_request"]
    assert [i.due for i in items] == [request.due_on]
    client.force_login(people.worker)
    worker_page = client.get(reverse("records:log_request", args=[request.pk])).content.decode()
    assert "OmaPolussa (sähköisesti)" in worker_page


def test_the_reads_and_the_request_are_logged(client, people: People) -> None:
    client.force_login(people.client)
    client.get(reverse(URL))
    read = AuditEvent.objects.filter(kind=EventKind.ACCESS, what="own log requests").get()
    assert read.client_id == people.client_record.pk
    assert read.basis == "self"
    client.post(reverse(URL))
    change = AuditEvent.objects.filter(kind=EventKind.CHANGE, what="log request").get()
    assert change.actor_id == people.client.pk
    assert change.client_id == people.client_record.pk
    assert change.changes["channel"] == [None, "omapolku"]


def test_a_second_request_while_one_waits_is_refused_plainly(client, people: People) -> None:
    client.force_login(people.client)
    client.post(reverse(URL))
    again = client.post(reverse(URL))
    assert again.status_code == 200
    text = again.content.decode()
    request = LogRequest.objects.get()
    assert f"Pyysit tätä jo {day_label(request.received_on)}" in text
    assert f"viimeistään {day_label(request.due_on)}" in text
    assert LogRequest.objects.count() == 1
    # A request the worker recorded waits too: the client is told so, nothing is added.
    LogRequest.objects.all().delete()
    log_request_record(
        actor=people.worker,
        relationship=people.relationship,
        received_on=clock.today(),
        channel="phone",
        language="fi",
    )
    with pytest.raises(ValidationError) as refused:
        log_request_ask(actor=people.client, client=people.client_record)
    assert refused.value.code == "resubmitted"
    # Once the report is produced, the client may ask again.
    log_report_produce(actor=people.worker, request=LogRequest.objects.get())
    log_request_ask(actor=people.client, client=people.client_record)
    assert LogRequest.objects.filter(produced_at__isnull=True).count() == 1


def test_in_swedish(client, people: People) -> None:
    people.client.language = "sv"
    people.client.save(update_fields=["language"])
    client.force_login(people.client)
    text = client.get(reverse(URL), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    if "Vem har läst mina uppgifter" not in text:
        client.cookies["django_language"] = "sv"
        text = client.get(reverse(URL)).content.decode()
    assert "Vem har läst mina uppgifter" in text
    assert "avgiftsfri" in text


def test_only_the_client_themself_may_ask(people: People) -> None:
    with pytest.raises(PermissionDenied):
        log_request_ask(actor=people.worker, client=people.client_record)
    assert not LogRequest.objects.exists()


def test_a_client_without_a_relationship_is_told_whom_to_ask(people: People) -> None:
    user = role_user(Role.CLIENT, people.unit)
    person = ClientFactory.create(user=user)
    with pytest.raises(ValidationError) as refused:
        log_request_ask(actor=user, client=person)
    assert refused.value.code == "no_relationship"
    assert not LogRequest.objects.exists()


def test_another_client_sees_only_their_own(client, people: People) -> None:
    log_request_ask(actor=people.client, client=people.client_record)
    other_user = role_user(Role.CLIENT, people.unit, first_name="Olli", last_name="Toinen")
    other = ClientFactory.create(first_name="Olli", last_name="Toinen", user=other_user)
    build_relationship(worker=people.worker, unit=people.unit, client=other)
    client.force_login(other_user)
    text = client.get(reverse(URL)).content.decode()
    assert "Pyysit" not in text  # A's request is not listed
    client.post(reverse(URL))
    assert LogRequest.objects.filter(client=other).count() == 1
    assert LogRequest.objects.filter(client=people.client_record).count() == 1


@pytest.mark.parametrize("who", ["worker", "manager", "administrator", "place_supervisor"])
def test_staff_get_403(client, people: People, who: str) -> None:
    client.force_login(getattr(people, who))
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL)).status_code == 403
    assert not LogRequest.objects.exists()


def test_the_documents_page_links_to_it(client, people: People) -> None:
    client.force_login(people.client)
    text = client.get(reverse("portal:my_documents")).content.decode()
    assert reverse(URL) in text


def test_a_worker_cannot_record_a_request_as_made_in_omapolku(people: People) -> None:
    with pytest.raises(ValidationError) as refused:
        log_request_record(
            actor=people.worker,
            relationship=people.relationship,
            received_on=clock.today(),
            channel="omapolku",
            language="fi",
        )
    assert refused.value.error_dict["channel"][0].code == "channel"
    assert not LogRequest.objects.exists()


def test_a_request_through_a_relationship_without_a_worker_is_in_the_units_queue(
    people: People,
) -> None:
    """Asked before the intake queue has assigned a responsible worker: the unit's workers see
    it (as they see the intake queue); a worker of another unit does not."""
    from polku.accounts.models import Unit, UnitKind

    asker = role_user(Role.CLIENT, people.unit)
    person = ClientFactory.create(user=asker)
    build_relationship(worker=None, unit=people.unit, client=person)
    person.relationships.update(responsible_worker=None)
    request = log_request_ask(actor=asker, client=person)
    items = [i for i in work_queue(viewer=people.worker) if i.kind == "log_request"]
    assert [i.due for i in items] == [request.due_on]
    elsewhere = Unit.objects.create(kind=UnitKind.SOCIAL_SERVICES, name="Muu yksikkö")
    stranger = role_user(Role.WORKER, elsewhere)
    assert not [i for i in work_queue(viewer=stranger) if i.kind == "log_request"]
