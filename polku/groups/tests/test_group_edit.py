"""Editing a group: who, what is refused (all at once), the version, the audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.attendance.models import AbsenceReason, Notice
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.core.rules import day_label
from polku.groups import selectors, services
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import Group, Session, SessionStatus
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import (
    a_group,
    a_session,
    enrol,
    first_meeting,
    last_meeting_before,
)
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
            "weekdays": ["4"],
            "starts_on": day_label(group.starts_on),
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
            "weekdays": ["4"],
            "starts_on": day_label(group.starts_on),
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


# --- A new time moves the sessions still to come, and says so first ------------------------------


def _sessions_around_today(people: People) -> dict[str, Any]:
    """A group meeting every day, with a session of each kind: held long ago and held today
    (attendance recorded), past without attendance, still to come at the group's time (one with
    an absence told in advance) and still to come at a time of its own."""
    today = clock.today()
    group = a_group(
        people,
        weekdays="1234567",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=60),
    )
    member = enrol(people, group)
    days = {
        name: today + dt.timedelta(days=n)
        for name, n in [
            ("held", -7),
            ("unmarked_past", -3),
            ("today", 0),
            ("next", 7),
            ("later", 9),
            ("own", 8),
        ]
    }
    made = {name: a_session(people, group, day) for name, day in days.items() if name != "own"}
    made["own"] = services.session_add(
        actor=people.worker,
        group=group,
        day=days["own"],
        starts_at=dt.time(14),
        ends_at=dt.time(16),
        theme="Retki",
    )
    for name in ("held", "today"):
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=made[name],
            entries=[MarkEntry(member, SessionStatus.PRESENT)],
        )
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=made["later"],
        entries=[
            MarkEntry(
                member,
                SessionStatus.ABSENT,
                reason=AbsenceReason.OWN_ILLNESS,
                notice=Notice.IN_ADVANCE,
            )
        ],
    )
    group.refresh_from_db()
    return {"group": group, **made}


def _times(session: Session) -> tuple[dt.time, dt.time]:
    session.refresh_from_db()
    return (session.starts_at, session.ends_at)


def test_a_new_time_moves_only_the_sessions_still_to_come_once_the_user_was_told(
    people: People,
) -> None:
    made = _sessions_around_today(people)
    group = made["group"]
    change = selectors.session_time_change(group, today=clock.today())
    assert [s.pk for s in change.moving] == [made["next"].pk, made["later"].pk]
    assert (change.own_time, change.held) == (1, 3)
    new_time = {"starts_at": dt.time(10), "ends_at": dt.time(14)}
    with pytest.raises(ValidationError) as error:  # not told yet: nothing moves unseen
        services.group_update(actor=people.worker, group=group, **_values(group, **new_time))
    assert codes(error) == {GroupError.SESSIONS_WOULD_MOVE}
    assert "10.00–14.00" in str(error.value.error_dict["starts_at"])
    assert "2" in str(error.value.error_dict["starts_at"])
    assert _times(made["next"]) == (dt.time(9), dt.time(13))
    with pytest.raises(ValidationError) as error:  # told another number: told again
        services.group_update(
            actor=people.worker, group=group, sessions_moving=3, **_values(group, **new_time)
        )
    assert codes(error) == {GroupError.SESSIONS_WOULD_MOVE}
    services.group_update(
        actor=people.worker, group=group, sessions_moving=2, **_values(group, **new_time)
    )
    group.refresh_from_db()
    assert (group.starts_at, group.ends_at) == (dt.time(10), dt.time(14))
    for name in ("next", "later"):
        assert _times(made[name]) == (dt.time(10), dt.time(14)), name
    for name in ("held", "unmarked_past", "today"):
        assert _times(made[name]) == (dt.time(9), dt.time(13)), name
    assert _times(made["own"]) == (dt.time(14), dt.time(16))
    assert made["later"].marks.get().status == SessionStatus.ABSENT  # the told absence stands
    moved = AuditEvent.objects.filter(what=GroupEvent.SESSION.value, record_id=str(made["next"].pk))
    assert moved.order_by("-pk").first().changes == {  # type: ignore[union-attr]
        "starts_at": ["09:00:00", "10:00:00"],
        "ends_at": ["13:00:00", "14:00:00"],
    }
    # Another change of the end only: the sessions that moved move again, told first.
    with pytest.raises(ValidationError) as error:
        services.group_update(
            actor=people.worker, group=group, **_values(group, ends_at=dt.time(15))
        )
    assert codes(error) == {GroupError.SESSIONS_WOULD_MOVE}


def test_a_session_cannot_move_onto_another_of_the_same_day(people: People) -> None:
    today = clock.today()
    group = a_group(
        people, weekdays="1234567", starts_on=today, ends_on=today + dt.timedelta(days=30)
    )
    day = today + dt.timedelta(days=3)
    a_session(people, group, day)
    services.session_add(
        actor=people.worker,
        group=group,
        day=day,
        starts_at=dt.time(14),
        ends_at=dt.time(16),
        theme="Iltapäivä",
    )
    with pytest.raises(ValidationError) as error:
        services.group_update(
            actor=people.worker,
            group=group,
            sessions_moving=1,
            **_values(group, starts_at=dt.time(14), ends_at=dt.time(17)),
        )
    assert codes(error) == {GroupError.SESSION_TIME_TAKEN}
    assert day_label(day) in str(error.value.error_dict["starts_at"])


def test_the_edit_page_says_what_a_new_time_moves_before_it_saves(
    client: HttpClient, people: People
) -> None:
    made = _sessions_around_today(people)
    group = made["group"]
    client.force_login(people.worker)
    url = reverse("groups:edit", args=[group.pk])
    page = client.get(url).text
    assert 'id="sessions-and-time"' in page  # the hint by the time fields
    data = {
        "name": group.name,
        "partner_name": group.partner_name,
        "instructors": [people.place_supervisor.pk],
        "starts_at": "10.00",
        "ends_at": "14.00",
        "place": people.place.pk,
        "capacity": "10",
        "ends_on": day_label(group.ends_on),
        "version": str(group.version),
    }
    told = client.post(url, data)
    assert told.status_code == 200
    text = told.text
    assert 'id="move-notice"' in text
    assert "10.00–14.00" in text
    assert 'name="sessions_moving" value="2"' in text
    assert 'value="10.00"' in text  # what was typed is kept
    assert "field__error" not in text  # a notice, not an error
    assert _times(made["next"]) == (dt.time(9), dt.time(13))  # nothing saved yet
    saved = client.post(url, data | {"sessions_moving": "2"})
    assert saved.status_code == 302
    assert _times(made["next"]) == (dt.time(10), dt.time(14))
    assert _times(made["held"]) == (dt.time(9), dt.time(13))


# --- Weekdays and start date: editable until the group has sessions ---------------------------


def test_weekdays_and_start_date_change_until_the_first_session(
    client: HttpClient, people: People
) -> None:
    today = clock.today()
    group = a_group(people, starts_on=today + dt.timedelta(days=7))
    client.force_login(people.worker)
    url = reverse("groups:edit", args=[group.pk])
    page = client.get(url).text
    assert 'name="weekdays"' in page
    assert 'name="starts_on"' in page
    services.group_update(
        actor=people.worker,
        group=group,
        weekdays="52",
        starts_on=today + dt.timedelta(days=10),
        **_values(group),
    )
    group.refresh_from_db()
    assert (group.weekdays, group.starts_on) == ("25", today + dt.timedelta(days=10))
    event = AuditEvent.objects.filter(what=GroupEvent.GROUP.value).order_by("-pk").first()
    assert event is not None
    assert event.changes["weekdays"] == ["4", "25"]
    # A participation starting before the new start holds the start back.
    enrol(people, group)
    member_start = group.enrolments.get().starts_on
    with pytest.raises(ValidationError) as error:
        services.group_update(
            actor=people.worker,
            group=group,
            starts_on=member_start + dt.timedelta(days=1),
            **_values(group),
        )
    assert codes(error) == {GroupError.ENROLMENT_OUTSIDE_GROUP}


def test_once_there_are_sessions_the_page_says_why_the_days_are_fixed_and_what_to_do(
    client: HttpClient, people: People
) -> None:
    today = clock.today()
    group = a_group(people, starts_on=today - dt.timedelta(days=14))
    a_session(people, group, first_meeting(group, today))
    client.force_login(people.worker)
    page = client.get(reverse("groups:edit", args=[group.pk])).text
    assert 'name="weekdays"' not in page
    assert 'name="starts_on"' not in page
    assert 'id="fixed-by-sessions"' in page
    assert group.weekday_labels in page
    assert day_label(group.starts_on) in page
    assert services.fixed_by_sessions_message() in page.replace("&#x27;", "'")
    with pytest.raises(ValidationError) as error:
        services.group_update(
            actor=people.worker,
            group=group,
            weekdays="1",
            starts_on=group.starts_on + dt.timedelta(days=1),
            **_values(group),
        )
    assert codes(error) == {GroupError.FIXED_BY_SESSIONS}
    assert set(error.value.error_dict) == {"weekdays", "starts_on"}
