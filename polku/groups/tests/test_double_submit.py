"""The same form sent twice (two clicks 150 ms apart): a new group, a new session and an
enrolment are saved once, and the second send lands on the same success page with no error
(the form's one-time token, as the feedback box, complaint and opportunity forms have). A
new form is a new send, refused as before when it repeats one already saved."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.clients.tests.test_duplicates import in_parallel
from polku.core import clock
from polku.groups import services
from polku.groups.events import GroupEvent
from polku.groups.models import Enrolment, Group, LegalStatus, Session
from polku.groups.tests.builders import a_group, enrol, first_meeting
from tests.people import People, build_people, build_relationship


def day_text(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def twice(client: HttpClient, url: str, data: dict[str, str]) -> tuple[Any, Any]:
    """Send the same form twice, then follow the second send as the browser does."""
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    return first, second


def group_form(people: People, **overrides: str) -> dict[str, str]:
    today = clock.today()
    data = {
        "name": "Nuorten ryhmä",
        "kind": "low_threshold",
        "organiser": str(people.unit.pk),
        "weekdays": "2",
        "starts_at": "13.00",
        "ends_at": "15.00",
        "location": "Nuorisotila Kipinä",
        "capacity": "8",
        "starts_on": day_text(today),
        "ends_on": day_text(today + dt.timedelta(days=60)),
        "submission": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_new_group_form_sent_twice_adds_one_group_and_no_error(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.worker)
    url = reverse("groups:new")
    assert 'name="submission"' in client.get(url).text
    data = group_form(people)
    first, second = twice(client, url, data)
    group = Group.objects.get(name="Nuorten ryhmä")
    assert first.status_code == 302
    assert first["Location"] == second.redirect_chain[0][0] == f"/ryhmat/{group.pk}/"
    assert second.status_code == 200
    assert "error-summary" not in second.text
    assert second.text.count("Ryhmä tallennettiin.") == 1  # both sends' thanks, shown once
    assert "alkava ryhmä nimeltä" not in second.text
    assert Group.objects.count() == 1
    assert AuditEvent.objects.filter(what=GroupEvent.GROUP.value).count() == 1
    # A new form with the same group is a second group of the name: refused, as before.
    again = client.post(url, group_form(people))
    assert again.status_code == 200
    assert again.context["form"].has_error("name", code="duplicate")
    assert Group.objects.count() == 1


@pytest.mark.django_db
def test_the_new_session_form_sent_twice_adds_one_session_and_no_error(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    client.force_login(people.worker)
    url = reverse("groups:session_new", args=[group.pk])
    assert 'name="submission"' in client.get(url).text
    day = first_meeting(group, clock.today())
    data = {
        "day": day_text(day),
        "starts_at": "9.00",
        "ends_at": "13.00",
        "theme": "Tutustuminen",
        "submission": str(uuid.uuid4()),
    }
    first, second = twice(client, url, data)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first["Location"] == f"/ryhmat/{group.pk}/"
    assert "error-summary" not in second.text
    assert second.text.count("Ryhmäkerta lisättiin.") == 1
    assert "on jo ryhmäkerta" not in second.text
    assert Session.objects.filter(group=group).count() == 1
    assert AuditEvent.objects.filter(what=GroupEvent.SESSION.value).count() == 1
    again = client.post(url, {**data, "submission": str(uuid.uuid4())})
    assert again.status_code == 200
    assert again.context["form"].has_error("day", code="duplicate")
    assert Session.objects.filter(group=group).count() == 1


def enrolment_form(relationship: Any, group: Group, **overrides: str) -> dict[str, str]:
    data = {
        "relationship": str(relationship.pk),
        "status": LegalStatus.OTHER_SERVICE,
        "other_service": "Sosiaalinen kuntoutus",
        "agreed_on": day_text(relationship.started_on),
        "agreement": "Osallistuu joka torstai.",
        "starts_on": day_text(max(group.starts_on, relationship.started_on)),
        "submission": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("capacity", [1, 5])
def test_the_enrolment_form_sent_twice_enrols_once_and_no_error(
    client: HttpClient, people: People, capacity: int
) -> None:
    """With one place the second send would have been refused as full, with more as a
    client already enrolled: neither is said."""
    group = a_group(people, capacity=capacity)
    client.force_login(people.worker)
    url = reverse("groups:enrol", args=[group.pk])
    assert 'name="submission"' in client.get(url).text
    data = enrolment_form(people.relationship, group)
    first, second = twice(client, url, data)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first["Location"] == f"/ryhmat/{group.pk}/"
    assert "error-summary" not in second.text
    assert second.text.count("Asiakas ilmoitettiin ryhmään.") == 1
    assert "on jo ilmoitettu" not in second.text
    assert "täynnä" not in second.text or capacity == 1  # the full group's own sentence
    assert Enrolment.objects.filter(group=group).count() == 1
    assert AuditEvent.objects.filter(what=GroupEvent.ENROLMENT.value).count() == 1
    again = client.post(url, {**data, "submission": str(uuid.uuid4())})
    assert again.status_code == 200
    assert Enrolment.objects.filter(group=group).count() == 1


@pytest.mark.django_db
def test_a_token_is_the_senders_own(people: People) -> None:
    """A token answers only the same form: another client's enrolment, or another group's
    session, with a token already used is saved as its own or refused, never taken for it."""
    group = a_group(people)
    token = uuid.uuid4()
    first = services.session_add(
        actor=people.worker,
        group=group,
        day=first_meeting(group, clock.today()),
        starts_at=dt.time(9),
        ends_at=dt.time(13),
        theme="A",
        submission=token,
    )
    other = a_group(people)
    with pytest.raises(ValidationError):  # the database refuses the token again
        services.session_add(
            actor=people.worker,
            group=other,
            day=first_meeting(other, clock.today()),
            starts_at=dt.time(9),
            ends_at=dt.time(13),
            theme="A",
            submission=token,
        )
    assert Session.objects.get(submission=token) == first
    assert not other.sessions.exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_forms_sent_at_once_save_one_row_each() -> None:
    """Real threads, each with its own connection: the second send waits for the first and
    gets its result (the services' look-up after the constraint), on both databases."""
    people = build_people()
    group = a_group(people, capacity=1)
    today = clock.today()
    token = uuid.uuid4()

    def add_group(_index: int) -> Any:
        return services.group_create(
            actor=people.worker,
            name="Rinnakkainen",
            kind="low_threshold",
            organiser=people.unit,
            weekdays="2",
            starts_at=dt.time(13),
            ends_at=dt.time(15),
            capacity=5,
            starts_on=today,
            ends_on=today + dt.timedelta(days=30),
            submission=token,
        )

    results = in_parallel(2, add_group)
    assert all(isinstance(r, Group) for r in results), results
    assert results[0].pk == results[1].pk
    assert Group.objects.filter(name="Rinnakkainen").count() == 1

    token = uuid.uuid4()
    day = first_meeting(group, today)

    def add_session(_index: int) -> Any:
        return services.session_add(
            actor=people.worker,
            group=group,
            day=day,
            starts_at=dt.time(9),
            ends_at=dt.time(13),
            theme="Rinnakkain",
            submission=token,
        )

    results = in_parallel(2, add_session)
    assert all(isinstance(r, Session) for r in results), results
    assert Session.objects.filter(group=group).count() == 1

    token = uuid.uuid4()
    relationship = build_relationship(worker=people.worker, unit=people.unit, days_ago=90)

    def add_enrolment(_index: int) -> Any:
        return services.enrolment_add(
            actor=people.worker,
            group=group,
            relationship=relationship,
            status=LegalStatus.OTHER_SERVICE,
            other_service="Sosiaalinen kuntoutus",
            agreed_on=relationship.started_on,
            agreement="Rinnakkain.",
            starts_on=group.starts_on,
            submission=token,
        )

    results = in_parallel(2, add_enrolment)
    assert all(isinstance(r, Enrolment) for r in results), results
    assert Enrolment.objects.filter(group=group).count() == 1
    assert AuditEvent.objects.filter(what=GroupEvent.ENROLMENT.value).count() == 1


@pytest.mark.django_db
def test_without_a_token_a_repeat_is_refused_as_before(people: People) -> None:
    group = a_group(people, capacity=1)
    enrol(people, group, people.relationship)
    with pytest.raises(ValidationError) as refused:
        enrol(people, group, people.relationship)
    assert refused.value.error_dict["relationship"][0].code == "already_enrolled"
