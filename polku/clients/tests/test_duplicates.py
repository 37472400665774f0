"""Duplicates by race or double click (issue 13, item 20): the check runs in the write's
transaction behind a constraint, and forms are safe to send twice."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.clients import services
from polku.clients.models import Client, ClientRelationship, ContactLog
from polku.core import clock
from polku.core.errors import CommonError
from tests.factories import ClientFactory
from tests.people import People, build_people

BORN = dt.date(1991, 3, 3)


def intake(people: People, **overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Tiina",
        "last_name": "Tuplanen",
        "identity_code": "",
        "temporary_id": "TILAP-0001",
        "birth_date": "3.3.1991",
        "language": "fi",
        "unit": str(people.unit.pk),
        "started_on": clock.today().strftime("%-d.%-m.%Y"),
        "source": "self",
        "reason": "Oma yhteydenotto.",
        "submission": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def contact(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "phone",
        "contacted_on": clock.today().strftime("%-d.%-m.%Y"),
        "outcome": "reached",
        "note": "",
        "submission": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_same_contact_form_sent_twice_logs_one_contact(client, people: People) -> None:
    client.force_login(people.worker)
    url = reverse("clients:contact_new", args=[people.relationship.pk])
    assert 'name="submission"' in client.get(url).text
    data = contact()
    first, second = client.post(url, data), client.post(url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert ContactLog.objects.filter(relationship=people.relationship).count() == 1
    assert AuditEvent.objects.filter(what="contact").count() == 1
    client.post(url, contact())  # a new form is a new contact
    assert ContactLog.objects.filter(relationship=people.relationship).count() == 2


@pytest.mark.django_db
def test_the_same_intake_form_sent_twice_opens_one_relationship(client, people: People) -> None:
    client.force_login(people.worker)
    url = reverse("clients:intake_new")
    assert 'name="submission"' in client.get(url).text
    data = intake(people)
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == 302
    assert second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Client.objects.filter(last_name="Tuplanen").count() == 1
    assert ClientRelationship.objects.filter(client__last_name="Tuplanen").count() == 1


@pytest.mark.django_db
def test_a_temporary_identifier_names_one_client(client, people: People) -> None:
    ClientFactory.create(identity_code=None, temporary_id="TILAP-0001", birth_date=BORN)
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:intake_new"), intake(people, confirm_not_duplicate="on")
    )
    assert response.status_code == 200
    assert "Tämä väliaikainen tunniste on jo olemassa olevan asiakkaan käytössä." in response.text
    with pytest.raises(ValidationError) as error:
        services.client_create(
            actor=people.worker,
            first_name="A",
            last_name="B",
            temporary_id="TILAP-0001",
            birth_date=dt.date(1990, 1, 1),
        )
    assert error.value.error_dict["temporary_id"][0].code == CommonError.DUPLICATE


@pytest.mark.django_db
@pytest.mark.parametrize("same_name", [True, False])
def test_a_taken_temporary_identifier_keeps_the_form_and_offers_the_existing_client(
    client, people: People, same_name: bool
) -> None:
    """ "A different person" cannot hold for one identifier: the form stays with what was typed,
    the error is on the identifier, and opening a relationship for the existing client carries
    the reason, who made the contact and the source."""
    existing = ClientFactory.create(
        identity_code=None,
        temporary_id="TILAP-0001",
        birth_date=BORN,
        last_name="Tuplanen" if same_name else "Toinen",
    )
    client.force_login(people.worker)
    data = intake(
        people,
        confirm_not_duplicate="on",
        source="other_authority",
        source_detail="Sosiaalipäivystys",
    )
    response = client.post(reverse("clients:intake_new"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("temporary_id", code=CommonError.DUPLICATE)
    assert not Client.objects.filter(last_name="Tuplanen", pk__gt=existing.pk).exists()
    page = response.text
    assert "Olen tarkistanut" not in page  # the box cannot help here
    assert "Oma yhteydenotto.</textarea>" in page  # nothing typed is lost
    assert 'value="Sosiaalipäivystys"' in page
    assert f'name="choose" value="{existing.pk}"' in page
    chosen = client.post(
        reverse("clients:intake_existing"),
        {
            "choose": str(existing.pk),
            "reason": data["reason"],
            "source": data["source"],
            "source_detail": data["source_detail"],
        },
    )
    assert chosen.status_code == 302
    form_page = client.get(chosen["Location"])
    assert form_page.status_code == 200
    initial = form_page.context["form"].initial
    assert (initial["reason"], initial["source"], initial["source_detail"]) == (
        "Oma yhteydenotto.",
        "other_authority",
        "Sosiaalipäivystys",
    )


@pytest.mark.django_db
def test_the_database_refuses_a_second_temporary_identifier_and_submission(
    people: People,
) -> None:
    ClientFactory.create(identity_code=None, temporary_id="TILAP-0002", birth_date=BORN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.create(
            first_name="T", last_name="T", temporary_id="TILAP-0002", birth_date=BORN
        )
    token = uuid.uuid4()
    services.contact_log(
        actor=people.worker,
        relationship=people.relationship,
        kind="phone",
        contacted_on=clock.today(),
        outcome="reached",
        submission=token,
    )
    row = ContactLog.objects.get(submission=token)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactLog.objects.create(
            relationship=row.relationship,
            kind=row.kind,
            contacted_on=row.contacted_on,
            outcome=row.outcome,
            by=row.by,
            created_at=row.created_at,
            submission=token,
        )


def in_parallel(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work`` in ``count`` threads that start together; each gets its own connection."""
    from django.db import connections

    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def attempt(index: int) -> Any:
        # SQLite's test database is a shared-cache in-memory one: a second writer gets "table is
        # locked" at once instead of waiting for the busy timeout as a file database does. Waiting
        # and trying the whole transaction again is what the timeout does in production.
        for _ in range(200):
            try:
                return work(index)
            except OperationalError as error:
                if connection.vendor != "sqlite" or "locked" not in str(error):
                    raise
                time.sleep(0.01)
        raise AssertionError("the SQLite write lock was never released")

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = attempt(index)
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_intakes_and_contacts_make_one_row_each() -> None:
    """Real threads, each with its own connection, on both databases."""
    people = build_people()

    def open_intake(index: int) -> Any:
        with transaction.atomic():
            services.lock_person(last_name="Rinnakkainen", birth_date=dt.date(1991, 3, 3))
            person = services.client_create(
                actor=people.worker,
                first_name="Risto",
                last_name="Rinnakkainen",
                temporary_id="TILAP-RACE",
                birth_date=dt.date(1991, 3, 3),
            )
            return services.relationship_open(
                actor=people.worker,
                client=person,
                unit=people.unit,
                started_on=clock.today(),
                source="self",
                reason="Rinnakkain.",
            )

    results = in_parallel(3, open_intake)
    assert Client.objects.filter(temporary_id="TILAP-RACE").count() == 1
    assert sum(isinstance(r, ClientRelationship) for r in results) == 1
    assert all(isinstance(r, ClientRelationship | ValidationError) for r in results), results

    token = uuid.uuid4()

    def log_contact(index: int) -> Any:
        return services.contact_log(
            actor=people.worker,
            relationship=people.relationship,
            kind="phone",
            contacted_on=clock.today(),
            outcome="reached",
            submission=token,
        )

    results = in_parallel(2, log_contact)
    assert ContactLog.objects.filter(submission=token).count() == 1
    assert all(isinstance(r, ContactLog) for r in results), results
    assert AuditEvent.objects.filter(what="contact", record_id=str(results[0].pk)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_intake_opens_find_the_first_one() -> None:
    """``intake_open`` is one durable transaction: the duplicate check of each parallel intake
    of one person sees the client the first one wrote, and returns it instead of a second."""
    people = build_people()
    token = uuid.uuid4()

    def open_intake(index: int) -> Any:
        return services.intake_open(
            actor=people.worker,
            first_name="Risto",
            last_name="Rinnakkainen",
            temporary_id="TILAP-RACE2",
            birth_date=dt.date(1991, 3, 3),
            unit=people.unit,
            started_on=clock.today(),
            source="self",
            reason="Rinnakkain.",
            submission=token if index < 2 else uuid.uuid4(),
        )

    results = in_parallel(3, open_intake)
    assert Client.objects.filter(temporary_id="TILAP-RACE2").count() == 1
    opened = [r for r in results if isinstance(r, ClientRelationship)]
    assert len({r.pk for r in opened}) == 1, results  # the same form twice: the same one
    found = [r for r in results if isinstance(r, services.IntakeDuplicates)]
    assert all(r.clients[0].temporary_id == "TILAP-RACE2" for r in found), results
    assert len(opened) + len(found) == 3, results
    with pytest.raises(RuntimeError), transaction.atomic():  # an entry point, never nested
        open_intake(0)


@pytest.mark.django_db
def test_the_same_reentry_form_sent_twice_opens_one_relationship(client, people: People) -> None:
    person = ClientFactory.create()
    first = services.relationship_open(
        actor=people.worker,
        client=person,
        unit=people.unit,
        started_on=clock.today() - dt.timedelta(days=300),
        source="self",
        reason="Ensimmäinen.",
    )
    ClientRelationship.objects.filter(pk=first.pk).update(ended_on=clock.today())
    client.force_login(people.worker)
    client.post(reverse("clients:search"), {"identity_code": person.identity_code})
    client.post(reverse("clients:intake_existing"), {"choose": str(person.pk)})
    data = {
        "unit": people.unit.pk,
        "started_on": clock.today().strftime("%-d.%-m.%Y"),
        "source": "self",
        "reason": "Uusi yhteydenotto.",
        "submission": str(uuid.uuid4()),
    }
    first_send = client.post(reverse("clients:intake_existing"), data)
    second_send = client.post(reverse("clients:intake_existing"), data)
    assert first_send.status_code == second_send.status_code == 302
    assert first_send["Location"] == second_send["Location"]
    assert person.relationships.count() == 2
