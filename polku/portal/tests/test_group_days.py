"""OmaPolku and the client's groups (a user test: a client in a kuty or low-threshold group saw
nothing of it in OmaPolku): the group's sessions among "my days" and on the start page, and an
absence reported for a session, which the group's instructor sees at once.

The clock is frozen on Wednesday 10.3.2027, as in ``test_attendance.py``: the period (Monday,
Tuesday, Wednesday) began on Monday 8.2.2027; the group meets on Thursdays and Wednesdays as
set per test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, Notice
from polku.attendance.tests.builders import running_period
from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.groups import services as group_services
from polku.groups.models import Enrolment, Group, Session, SessionAttendance, SessionStatus
from polku.groups.portal import session_absence_report
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import a_group, a_session, enrol
from polku.placements.models import Period
from polku.portal import services
from tests.people import People, build_relationship, role_user

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2027, 3, 10, 9, 30, tzinfo=HELSINKI)
TODAY = dt.date(2027, 3, 10)  # a Wednesday
LAST_THURSDAY = dt.date(2027, 3, 4)
THURSDAY = dt.date(2027, 3, 11)
NEXT_THURSDAY = dt.date(2027, 3, 18)
NEXT_WEDNESDAY = dt.date(2027, 3, 17)
REPORT = "portal:absence_report"
MY_DAYS = "portal:my_attendance"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people, starts_on=dt.date(2027, 2, 8), weekdays="123")


@pytest.fixture
def me(period: Period) -> User:
    """The period's client, with an OmaPolku login."""
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit)
    person.save(update_fields=["user"])
    return person.user


@pytest.fixture
def group(people: People) -> Group:
    """A low-threshold-like group on Thursdays and Wednesdays, 9–13, its instructor the place's
    supervisor."""
    return a_group(people, weekdays="34", starts_on=dt.date(2027, 2, 1))


@pytest.fixture
def enrolment(people: People, period: Period, group: Group) -> Enrolment:
    return enrol(people, group, period.relationship)


def sessions(people: People, group: Group, *days: dt.date) -> list[Session]:
    return [a_session(people, group, day, theme=f"Teema {day.day}") for day in days]


def post(client, **data: str):
    return client.post(reverse(REPORT), {"reason": "own_illness", "note": "", **data})


# --- My days and the start page -------------------------------------------------------------


def test_my_days_show_the_groups_sessions_with_their_marks(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    past, _unmarked, _coming, later = sessions(
        people, group, LAST_THURSDAY, dt.date(2027, 2, 25), THURSDAY, NEXT_THURSDAY
    )
    with clock.frozen(dt.datetime(2027, 3, 4, 15, tzinfo=HELSINKI)):
        group_services.session_attendance_record(
            actor=people.place_supervisor,
            session=past,
            entries=[MarkEntry(enrolment, SessionStatus.PRESENT, hours=Decimal("3.5"))],
        )
    session_absence_report(
        actor=me, enrolment=enrolment, session=later, reason="employment", note="Haastattelu"
    )
    client.force_login(me)
    page = client.get(reverse(MY_DAYS)).text
    name = group.name
    assert f"to 4.3.2027</strong>, ryhmä {name} klo 09.00–13.00:" in page
    assert "Olit paikalla. Tunteja: 3,5." in page
    # The session gone by that nobody marked (a month back), and tomorrow's, coming.
    february = client.get(reverse(MY_DAYS), {"kk": "2027-02"}).text
    assert (
        f"to 25.2.2027</strong>, ryhmä {name} klo 09.00–13.00:\n            Ei vielä merkitty."
        in february
    )
    assert (
        f"to 11.3.2027</strong>, ryhmä {name} klo 09.00–13.00:\n            Tuleva päivä." in page
    )
    # The absence told for a coming session: in the present tense, and not a day away yet.
    assert (
        f"to 18.3.2027</strong>, ryhmä {name} klo 09.00–13.00:\n"
        "            Kerroit, että olet poissa: Työhaastattelu tai muu työasia." in page
    )
    assert "Olit poissa" not in page
    assert "<dt>Päivät poissa</dt><dd>0</dd>" in page
    # The start page lists the coming group days and the group.
    start = client.get(reverse("portal:client_start")).text
    assert f"Ryhmä: {name}" in start
    assert "Sinun päiväsi: keskiviikko, torstai klo 09.00–13.00" in start
    assert "Seuraavat ryhmäpäiväsi:" in start
    assert f"to 11.3.2027: ryhmä {name} klo 09.00–13.00</li>" in start
    assert "Kerroit, että olet poissa: Työhaastattelu tai muu työasia." in start


def test_a_past_absence_at_a_session_is_worded_in_the_past_and_counted(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    (past,) = sessions(people, group, LAST_THURSDAY)
    with clock.frozen(dt.datetime(2027, 3, 4, 8, tzinfo=HELSINKI)):
        session_absence_report(actor=me, enrolment=enrolment, session=past, reason="own_illness")
    client.force_login(me)
    page = client.get(reverse(MY_DAYS)).text
    assert "Olit poissa: Sairaus." in page
    assert "Kerroit itse." in page
    assert "<dt>Päivät poissa</dt><dd>1</dd>" in page


def test_a_coming_absence_at_the_place_reads_told_and_is_not_counted(
    client, period: Period, me: User
) -> None:
    """The place's days too: an absence told for next Monday said "Olit poissa" and counted
    among the month's days away."""
    services.absence_report(
        actor=me, client=period.relationship.client, first_day=dt.date(2027, 3, 15), reason="other"
    )
    client.force_login(me)
    for language, told, past, away in (
        (
            "fi",
            "Kerroit, että olet poissa: Muu syy.",
            "Olit poissa",
            "Päivät poissa",
        ),
        (
            "sv",
            "Du har sagt att du är borta: Annan orsak.",
            "Du var borta",
            "Dagar borta",
        ),
    ):
        client.cookies["polku_language"] = language
        page = client.get(reverse(MY_DAYS)).text
        assert told in page
        assert past not in page
        assert f"<dt>{away}</dt><dd>0</dd>" in page


def test_a_client_sees_only_their_own_group_days(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """Another participant of the same group, and a group the client is not in, show nothing
    of theirs."""
    (coming,) = sessions(people, group, THURSDAY)
    other_client = enrol(people, group)
    other_group = a_group(people, weekdays="4", starts_on=dt.date(2027, 2, 1))
    sessions(people, other_group, THURSDAY)
    enrol(people, other_group, other_client.relationship)
    other_user = role_user(Role.CLIENT, other_client.relationship.unit)
    other_person = other_client.client
    other_person.user = other_user
    other_person.save(update_fields=["user"])
    session_absence_report(
        actor=other_user, enrolment=other_client, session=coming, reason="own_illness"
    )
    client.force_login(me)
    page = client.get(reverse(MY_DAYS)).text
    assert group.name in page
    assert other_group.name not in page
    assert "Kerroit, että olet poissa" not in page  # the other's absence
    assert other_person.last_name not in page
    start = client.get(reverse("portal:client_start")).text
    assert other_group.name not in start
    assert "Kerroit, että olet poissa" not in start


def test_a_client_only_in_a_group_can_reach_the_absence_report(
    client, people: People, group: Group
) -> None:
    """No period at a place: the group alone gives the client their days and the report."""
    relationship = build_relationship(worker=people.worker, unit=people.unit, days_ago=90)
    person = relationship.client
    person.user = role_user(Role.CLIENT, people.unit)
    person.save(update_fields=["user"])
    enrolment = enrol(people, group, relationship)
    sessions(people, group, THURSDAY)
    client.force_login(person.user)
    start = client.get(reverse("portal:client_start")).text
    assert reverse(REPORT) in start
    form = client.get(reverse(REPORT)).text
    assert (
        f"Sinun päiväsi ryhmässä {group.name} {enrolment.starts_on:%-d.%-m.%Y}–"
        f"{group.ends_on:%-d.%-m.%Y}: keskiviikko, torstai klo 09.00–13.00." in form
    )
    assert "Ryhmän ohjaaja näkee poissaolosi heti." in form
    refused = post(client, first_day="12.3.2027")
    assert "12.3.2027 ei ole ryhmäpäiväsi." in refused.text
    refused = post(client, first_day="12.3.2027", last_day="16.3.2027")
    assert "Yksikään ryhmäpäiväsi ei ole välillä 12.3.2027 ja 16.3.2027." in refused.text
    response = post(client, first_day="11.3.2027")
    assert response.status_code == 302
    mark = SessionAttendance.objects.get()
    assert (mark.status, mark.reason, mark.notice) == ("absent", "own_illness", Notice.IN_ADVANCE)
    thanks = client.get(reverse("portal:client_start")).text
    assert "Ryhmän ohjaaja näkee sen nyt." in thanks


def test_my_days_with_groups_cost_the_same_queries_with_more_sessions(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    sessions(people, group, THURSDAY)
    client.force_login(me)
    pages = (reverse(MY_DAYS), reverse("portal:client_start"), reverse(REPORT))
    for url in pages:
        client.get(url)
    few = {}
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        few[url] = len(queries.captured_queries)
    day = dt.date(2027, 2, 3)
    while day <= dt.date(2027, 4, 8):  # 19 more sessions, the coming ones told away
        if day.isoweekday() in (3, 4) and day != THURSDAY:
            session = a_session(people, group, day, theme=f"Teema {day}")
            if day > TODAY:
                session_absence_report(
                    actor=me, enrolment=enrolment, session=session, reason="own_illness"
                )
        day += dt.timedelta(days=1)
    assert Session.objects.filter(group=group).count() == 20
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries.captured_queries) == few[url], url


# --- Reporting an absence from a session ------------------------------------------------------


def test_an_absence_from_a_session_is_recorded_and_the_instructor_sees_it(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    (session,) = sessions(people, group, THURSDAY)
    client.force_login(me)
    form = client.get(reverse(REPORT)).text
    assert f"Sinun päiväsi ryhmässä {group.name}" in form
    assert "keskiviikko, torstai klo 09.00–13.00" in form
    response = post(client, first_day="11.3.2027", reason="employment", note="Työhaastattelu")
    assert response.status_code == 302
    mark = SessionAttendance.objects.get()
    assert (mark.session, mark.enrolment, mark.status) == (session, enrolment, "absent")
    assert (mark.reason, mark.notice, mark.recorded_by) == ("employment", Notice.IN_ADVANCE, me)
    assert not AttendanceDay.objects.exists()  # Thursday is no day at the place
    event = AuditEvent.objects.filter(kind=EventKind.CHANGE, what="group attendance").get()
    assert event.actor_id == me.pk
    assert event.client_id == enrolment.client_id
    assert event.changes["note"] == [None, "Työhaastattelu"]
    assert event.changes["notice"] == [None, "in_advance"]
    # Listed as told on the form and the start page.
    assert "Työhaastattelu tai muu työasia" in client.get(reverse(REPORT)).text
    # The group's instructor finds it on the session page.
    client.force_login(people.place_supervisor)
    page = client.get(reverse("groups:session", args=[session.pk])).text
    assert '<option value="absent:employment" selected>' in page
    assert '<option value="in_advance" selected>' in page


def test_a_session_today_is_reported_on_the_day(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    sessions(people, group, TODAY)
    client.force_login(me)
    assert post(client, first_day="10.3.2027").status_code == 302
    mark = SessionAttendance.objects.get()
    assert mark.notice == Notice.ON_THE_DAY
    # Today is also the client's day at the place (a Wednesday): both are marked.
    assert AttendanceDay.objects.get().day == TODAY


def test_a_range_marks_the_place_days_and_the_group_sessions(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """Next week: the place's Monday to Wednesday and the group's Wednesday and Thursday.
    Wednesday has both, and both are marked."""
    sessions(people, group, NEXT_WEDNESDAY, NEXT_THURSDAY)
    client.force_login(me)
    response = post(client, first_day="15.3.2027", last_day="19.3.2027")
    assert response.status_code == 302
    assert list(AttendanceDay.objects.order_by("day").values_list("day", flat=True)) == [
        dt.date(2027, 3, 15),
        dt.date(2027, 3, 16),
        NEXT_WEDNESDAY,
    ]
    assert sorted(SessionAttendance.objects.values_list("session__day", flat=True)) == [
        NEXT_WEDNESDAY,
        NEXT_THURSDAY,
    ]
    thanks = client.get(reverse("portal:client_start")).text
    assert "15.3.2027, 16.3.2027, 17.3.2027, 18.3.2027" in thanks
    assert "Työtoimintapaikka, ryhmän ohjaaja ja oma työntekijäsi näkevät sen nyt." in thanks


def test_a_double_submit_marks_a_session_once(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    sessions(people, group, THURSDAY)
    client.force_login(me)
    assert post(client, first_day="11.3.2027").status_code == 302
    again = post(client, first_day="11.3.2027", note="Toinen kerta")
    assert again.status_code == 200
    assert "11.3.2027 on jo merkitty." in again.text
    assert "Toinen kerta" in again.text  # nothing typed is lost
    assert SessionAttendance.objects.count() == 1
    assert AuditEvent.objects.filter(what="group attendance").count() == 1


def test_a_session_the_instructor_marked_is_not_written_over(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """A range over a session already marked marks the free days and the free sessions; the
    marked session is left as it was and named, with the group, apart from the thanks."""
    today_session, coming = sessions(people, group, TODAY, THURSDAY)
    with clock.frozen(dt.datetime(2027, 3, 10, 14, tzinfo=HELSINKI)):
        group_services.session_attendance_record(
            actor=people.place_supervisor,
            session=today_session,
            entries=[MarkEntry(enrolment, SessionStatus.PRESENT)],
        )
    client.force_login(me)
    response = post(client, first_day="10.3.2027", last_day="16.3.2027")
    assert response.status_code == 302
    assert list(AttendanceDay.objects.order_by("day").values_list("day", flat=True)) == [
        TODAY,
        dt.date(2027, 3, 15),
        dt.date(2027, 3, 16),
    ]
    marks = {mark.session_id: mark for mark in SessionAttendance.objects.all()}
    assert marks[today_session.pk].status == SessionStatus.PRESENT
    assert marks[today_session.pk].recorded_by == people.place_supervisor
    assert marks[coming.pk].status == SessionStatus.ABSENT
    start = client.get(reverse("portal:client_start")).text
    assert "10.3.2027, 11.3.2027, 15.3.2027, 16.3.2027" in start
    assert (
        f"Nämä päivät oli jo merkitty, joten niitä ei muutettu: 10.3.2027 (ryhmä {group.name})."
        in start
    )
    # Everything marked: refused, nothing written.
    again = post(client, first_day="11.3.2027", last_day="11.3.2027")
    assert again.status_code == 200
    assert "11.3.2027 on jo merkitty." in again.text
    assert SessionAttendance.objects.count() == 2


def test_the_service_refuses_a_past_session_another_client_and_a_marked_one(
    people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    past, coming = sessions(people, group, LAST_THURSDAY, THURSDAY)
    with pytest.raises(ValidationError) as error:
        session_absence_report(actor=me, enrolment=enrolment, session=past, reason="own_illness")
    assert error.value.error_dict["first_day"][0].code == "past"
    for actor in (people.worker, people.place_supervisor, people.client):
        with pytest.raises(PermissionDenied):
            session_absence_report(
                actor=actor, enrolment=enrolment, session=coming, reason="own_illness"
            )
    session_absence_report(actor=me, enrolment=enrolment, session=coming, reason="own_illness")
    with pytest.raises(ValidationError) as error:
        session_absence_report(actor=me, enrolment=enrolment, session=coming, reason="other")
    assert error.value.error_dict["first_day"][0].code == "already_recorded"
    assert SessionAttendance.objects.get().reason == "own_illness"
    other_group = a_group(people, weekdays="4", starts_on=dt.date(2027, 2, 1))
    (elsewhere,) = sessions(people, other_group, THURSDAY)
    with pytest.raises(ValidationError) as error:
        session_absence_report(actor=me, enrolment=enrolment, session=elsewhere, reason="other")
    assert error.value.error_dict["first_day"][0].code == "not_enrolled_on_day"


def test_a_session_after_the_participation_ended_is_not_the_clients(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    sessions(people, group, NEXT_THURSDAY)
    Enrolment.objects.filter(pk=enrolment.pk).update(ends_on=dt.date(2027, 3, 12))
    client.force_login(me)
    assert "18.3.2027" not in client.get(reverse(MY_DAYS)).text
    response = post(client, first_day="18.3.2027")
    assert response.status_code == 200
    assert not SessionAttendance.objects.exists()


def test_the_group_days_speak_plain_swedish(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    sessions(people, group, THURSDAY)
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    form = client.get(reverse(REPORT)).text
    assert f"Dina dagar i gruppen {group.name}" in form
    assert "onsdag, torsdag kl. 09.00–13.00." in form
    assert "Gruppens handledare ser din frånvaro från gruppen genast." in form
    days = client.get(reverse(MY_DAYS)).text
    assert f"grupp {group.name} kl. 09.00–13.00" in days
    response = post(client, first_day="11.3.2027")
    assert response.status_code == 302
    start = client.get(reverse("portal:client_start")).text
    assert "Gruppens handledare kan se den nu." in start
    assert "Dina nästa gruppdagar:" in start


# --- The client's message with a session's absence -------------------------------------------


def test_the_clients_message_is_kept_with_the_mark_and_the_instructor_reads_it(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """A user test: the message was kept only in the change event, so the group's instructor
    never saw it. It is the mark's own now, shown escaped on the session's attendance page
    and to the client on their days."""
    (session,) = sessions(people, group, THURSDAY)
    client.force_login(me)
    note = "<b>Lääkäri</b> klo 10 & sitten kotiin"
    assert post(client, first_day="11.3.2027", note=f"  {note} ").status_code == 302
    assert SessionAttendance.objects.get().note == note
    escaped = "&lt;b&gt;Lääkäri&lt;/b&gt; klo 10 &amp; sitten kotiin"
    days = client.get(reverse(MY_DAYS)).text
    assert f"Viestisi: {escaped}" in days
    assert "<b>Lääkäri</b>" not in days
    client.force_login(people.place_supervisor)
    page = client.get(reverse("groups:session", args=[session.pk])).text
    assert f"Osallistujan viesti: {escaped}" in page
    assert "<b>Lääkäri</b>" not in page
    # The read is logged as every read of the session's participants.
    assert AuditEvent.objects.filter(
        kind=EventKind.ACCESS,
        actor_id=people.place_supervisor.pk,
        client_id=enrolment.client_id,
        basis="group_instructor",
    ).exists()
    # The instructor's correction keeps the client's message.
    mark = SessionAttendance.objects.get()
    group_services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[
            MarkEntry(
                enrolment,
                SessionStatus.ABSENT,
                reason="own_illness",
                notice=Notice.IN_ADVANCE,
                version=mark.version,
            )
        ],
    )
    mark.refresh_from_db()
    assert (mark.reason, mark.note) == ("own_illness", note)


def test_only_the_groups_instructors_read_the_clients_message(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """Someone who may not see the session's participants never gets the page: a worker of
    the desk, another group's instructor, another client."""
    (session,) = sessions(people, group, THURSDAY)
    session_absence_report(
        actor=me, enrolment=enrolment, session=session, reason="own_illness", note="Salainen"
    )
    other_group = a_group(
        people, weekdays="4", starts_on=dt.date(2027, 2, 1), instructors=[people.worker]
    )
    other_client = enrol(people, other_group)
    other_user = role_user(Role.CLIENT, other_client.relationship.unit)
    other_person = other_client.client
    other_person.user = other_user
    other_person.save(update_fields=["user"])
    url = reverse("groups:session", args=[session.pk])
    for viewer, status in ((people.worker, 404), (other_user, 403), (people.manager, 403)):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == status, viewer
        assert "Salainen" not in response.text
    client.force_login(other_user)
    assert "Salainen" not in client.get(reverse(MY_DAYS)).text
    client.force_login(people.place_supervisor)
    assert "Osallistujan viesti: Salainen" in client.get(url).text


def test_a_report_without_a_message_shows_none(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    (session,) = sessions(people, group, THURSDAY)
    client.force_login(me)
    assert post(client, first_day="11.3.2027", note="   ").status_code == 302
    assert SessionAttendance.objects.get().note == ""
    assert "Viestisi:" not in client.get(reverse(MY_DAYS)).text
    client.force_login(people.place_supervisor)
    assert (
        "Osallistujan viesti" not in client.get(reverse("groups:session", args=[session.pk])).text
    )


def test_the_swedish_pages_name_the_message(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    (session,) = sessions(people, group, THURSDAY)
    session_absence_report(
        actor=me, enrolment=enrolment, session=session, reason="own_illness", note="Läkare"
    )
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    assert "Ditt meddelande: Läkare" in client.get(reverse(MY_DAYS)).text
    client.force_login(people.place_supervisor)
    page = client.get(reverse("groups:session", args=[session.pk])).text
    assert "Deltagarens meddelande: Läkare" in page


def test_the_migration_takes_the_message_back_from_the_change_event(
    people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """Marks reported before the message had a field get it from their change event; a mark
    the instructor has recorded since, or one with no message, stays as it is."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("polku.groups.migrations.0005_session_attendance_note")
    told, changed, silent = sessions(people, group, THURSDAY, NEXT_WEDNESDAY, NEXT_THURSDAY)
    for session, note in ((told, "Lääkäri"), (changed, "Hammaslääkäri"), (silent, "")):
        session_absence_report(
            actor=me, enrolment=enrolment, session=session, reason="own_illness", note=note
        )
    SessionAttendance.objects.update(note="")  # as before the field
    SessionAttendance.objects.filter(session=changed).update(recorded_by=people.place_supervisor)
    migration.notes_from_events(apps, None)
    notes = dict(SessionAttendance.objects.values_list("session_id", "note"))
    assert notes == {told.pk: "Lääkäri", changed.pk: "", silent.pk: ""}


def test_a_childs_illness_counts_the_place_days_and_the_sessions_together(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """Thu 11.3 (the group), Mon 15.3 to Wed 17.3 (the place, and the group on Wednesday) and
    Thu 18.3 (the group) are five days in a row: refused in plain words, nothing written.
    Without Thursday 18.3 they are four."""
    sessions(people, group, THURSDAY, NEXT_WEDNESDAY, NEXT_THURSDAY)
    client.force_login(me)
    refused = post(client, first_day="11.3.2027", last_day="18.3.2027", reason="child_illness")
    assert refused.status_code == 200
    assert "enintään 4 päivää peräkkäin" in refused.text
    assert not AttendanceDay.objects.exists()
    assert not SessionAttendance.objects.exists()
    response = post(client, first_day="11.3.2027", last_day="17.3.2027", reason="child_illness")
    assert response.status_code == 302
    assert AttendanceDay.objects.count() == 3
    assert SessionAttendance.objects.count() == 2


def test_the_weekdays_are_written_as_each_language_writes_them(
    client, people: People, group: Group, enrolment: Enrolment, me: User
) -> None:
    """A user test: "my days" and the absence form lower-cased Django's weekday names (which
    have no message context), so English read "monday". They come from the "weekday"
    context now (``core.rules.weekday_words``): lower case in Finnish and Swedish, a capital
    in English, as each writes a weekday in a sentence."""
    sessions(people, group, THURSDAY)
    client.force_login(me)
    for language, place_days, group_days in (
        ("fi", ": maanantai, tiistai, keskiviikko.", ": keskiviikko, torstai klo"),
        ("sv", ": måndag, tisdag, onsdag.", ": onsdag, torsdag kl."),
        ("en", ": Monday, Tuesday, Wednesday.", ": Wednesday, Thursday at"),
    ):
        client.cookies["polku_language"] = language
        form = client.get(reverse(REPORT)).text
        assert place_days in form, language
        assert group_days in form, language
        start = client.get(reverse("portal:client_start")).text
        assert group_days in start, language
    assert "monday" not in form
    assert "wednesday" not in start
