"""Editing a group: who, what is refused (all at once), the version, the audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.core.rules import day_label
from polku.groups import services
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import Group
from polku.groups.tests.builders import a_group, a_session, enrol, last_meeting_before
from polku.groups.tests.test_services import codes
from tests.people import People

pytestmark = pytest.mark.django_db


def _values(group: Group, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": group.name,
        "description": group.description,
        "starts_at": group.starts_at,
        "ends_at": group.ends_at,
        "capacity": group.capacity,
        "ends_on": group.ends_on,
        "instructors": list(group.instructors.all()),
        "partner": group.partner,
        "partner_name": group.partner_name,
        "place": group.place,
        "location": group.location,
        "version": group.version,
    }
    values.update(changes)
    return values


def test_a_worker_of_the_organiser_edits_and_it_is_audited_old_to_new(people: People) -> None:
    group = a_group(people)
    services.group_update(
        actor=people.worker,
        group=group,
        **_values(
            group,
            name="ATK-jatkokurssi",
            capacity=12,
            instructors=[people.place_supervisor, people.worker],
        ),
    )
    group.refresh_from_db()
    assert group.name == "ATK-jatkokurssi"
    assert group.version == 2
    event = AuditEvent.objects.filter(what=GroupEvent.GROUP.value).order_by("-pk").first()
    assert event is not None
    assert event.changes["capacity"] == [10, 12]
    assert event.changes["instructors"] == [
        [people.place_supervisor.pk],
        sorted([people.place_supervisor.pk, people.worker.pk]),
    ]
    with pytest.raises(PermissionDenied):
        services.group_update(actor=people.place_supervisor, group=group, **_values(group))
    with pytest.raises(PermissionDenied):
        services.group_update(actor=people.worker_other_unit, group=group, **_values(group))


def test_a_stale_version_is_refused(people: People) -> None:
    group = a_group(people)
    services.group_update(actor=people.worker, group=group, **_values(group, capacity=11))
    stale = Group.objects.get(pk=group.pk)
    stale.version = 1
    with pytest.raises(ValidationError) as error:
        services.group_update(actor=people.worker, group=stale, **_values(stale, capacity=9))
    assert codes(error) == {CommonError.EDIT_CONFLICT}
    assert Group.objects.get(pk=group.pk).capacity == 11


def test_what_the_group_already_holds_bounds_the_edit_all_at_once(people: People) -> None:
    today = clock.today()
    group = a_group(
        people,
        capacity=3,
        starts_on=today - dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=40),
    )
    enrol(people, group)
    enrol(people, group)
    held = a_session(people, group, last_meeting_before(group, today - dt.timedelta(days=5)))
    with pytest.raises(ValidationError) as error:
        services.group_update(
            actor=people.worker,
            group=group,
            **_values(
                group,
                name=" ",
                capacity=1,
                ends_on=held.day - dt.timedelta(days=1),
                starts_at=dt.time(12),
                ends_at=dt.time(10),
            ),
        )
    fields = error.value.error_dict
    assert set(fields) == {"name", "capacity", "ends_on", "ends_at"}
    assert GroupError.CAPACITY_FULL in codes(error)
    assert GroupError.SESSION_OUTSIDE_GROUP in codes(error)
    assert day_label(held.day) in str(fields["ends_on"])
    assert GroupError.ENROLMENT_OUTSIDE_GROUP not in codes(
        error
    )  # open-ended enrolments end with the group


def test_an_enrolment_ending_later_bounds_the_end(people: People) -> None:
    today = clock.today()
    group = a_group(
        people, starts_on=today - dt.timedelta(days=20), ends_on=today + dt.timedelta(days=40)
    )
    member = enrol(people, group)
    services.enrolment_end(
        actor=people.worker,
        enrolment=member,
        ends_on=today + dt.timedelta(days=30),
        reason="Muutto.",
        version=member.version,
    )
    with pytest.raises(ValidationError) as error:
        services.group_update(
            actor=people.worker,
            group=group,
            **_values(group, ends_on=today + dt.timedelta(days=20)),
        )
    assert codes(error) == {GroupError.ENROLMENT_OUTSIDE_GROUP}


def test_the_edit_page(client: HttpClient, people: People) -> None:
    group = a_group(people)
    client.force_login(people.worker)
    url = reverse("groups:edit", args=[group.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert group.name in page.content.decode()
    response = client.post(
        url,
        {
            "name": "Uusi nimi",
            "partner": "",
            "description": "",
            "instructors": [people.place_supervisor.pk],
            "starts_at": "9.00",
            "ends_at": "12.00",
            "place": people.place.pk,
            "location": "",
            "capacity": "6",
            "ends_on": day_label(group.ends_on),
            "version": "1",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.capacity, group.ends_at) == ("Uusi nimi", 6, dt.time(12))
    # A stale form: refused, what was typed kept.
    stale = client.post(
        url,
        {
            "name": "Kolmas nimi",
            "starts_at": "9.00",
            "ends_at": "12.00",
            "capacity": "6",
            "ends_on": day_label(group.ends_on),
            "version": "1",
        },
    )
    assert stale.status_code == 200
    assert "Kolmas nimi" in stale.content.decode()
    client.force_login(people.place_supervisor)  # an instructor, without the worker's desk
    assert client.get(url).status_code == 403
    client.force_login(people.worker_other_unit)  # sees the group, not of its organiser
    assert client.get(url).status_code == 404


def test_instructors_are_staff_of_the_organiser_or_supervisors_of_its_area(
    client: HttpClient, people: People
) -> None:
    from polku.accounts.models import UnitKind
    from polku.accounts.roles import Role
    from tests.factories import PlaceFactory, UnitFactory, role_user

    elsewhere = UnitFactory.create(kind=UnitKind.SOCIAL_SERVICES, name="Muu alue")
    far_place = PlaceFactory.create(name="Kaukainen paja", parent=elsewhere)
    far_supervisor = role_user(
        Role.PLACE_SUPERVISOR, far_place, first_name="Kauko", last_name="Kaukonen"
    )
    client.force_login(people.worker)
    form = client.get(reverse("groups:new")).content.decode()
    assert people.worker.get_full_name() + ", sosiaaliohjaaja" in form  # by name and title
    assert people.place_supervisor.get_full_name() in form  # a place of the organiser's area
    assert people.worker_other_unit.get_full_name() not in form
    assert "Kaukonen" not in form
    group = a_group(people)
    for outsider in (people.worker_other_unit, far_supervisor):
        with pytest.raises(ValidationError) as error:
            services.group_update(
                actor=people.worker, group=group, **_values(group, instructors=[outsider])
            )
        assert codes(error) == {GroupError.NOT_INSTRUCTOR}
    # The supervisor of the group's own place instructs it, wherever the place is.
    services.group_update(
        actor=people.worker,
        group=group,
        **_values(group, place=far_place, instructors=[far_supervisor]),
    )
    assert list(group.instructors.all()) == [far_supervisor]
