"""A child's illness excuses at most 4 days in a row at a group session too (a user test: the
rule was applied to the days at a place only). The rule is the attendance app's own function
(``attendance.services.child_illness_check``), called for a session by
``services.session_child_illness_check``; the run counts the client's place days and the
sessions of their groups a day at a time.

The clock is frozen on Wednesday 10.3.2027; the group meets on Wednesdays and Thursdays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from polku.attendance.models import AttendanceDay, Notice
from polku.attendance.services import DayEntry, day_record
from polku.attendance.services import days as attendance_days
from polku.attendance.tests.builders import running_period
from polku.core import clock
from polku.groups import services
from polku.groups.models import Enrolment, Group, Session, SessionAttendance, SessionStatus
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import a_group, a_session, enrol
from tests.people import People

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2027, 3, 10, 9, 30, tzinfo=HELSINKI)
# The group's days from Thursday 11.3: Thu, Wed, Thu, Wed, Thu.
DAYS = [dt.date(2027, 3, d) for d in (11, 17, 18, 24, 25)]


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


@pytest.fixture
def group(people: People) -> Group:
    return a_group(people, weekdays="34", starts_on=dt.date(2027, 2, 1))


@pytest.fixture
def member(people: People, group: Group) -> Enrolment:
    """A participant with no period at a place."""
    return enrol(people, group)


@pytest.fixture
def sessions(people: People, group: Group) -> list[Session]:
    return [a_session(people, group, day, theme=f"Teema {day.day}") for day in DAYS]


def away(
    people: People, session: Session, member: Enrolment, reason: str = "child_illness"
) -> list[SessionAttendance]:
    return services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[MarkEntry(member, SessionStatus.ABSENT, reason=reason, notice=Notice.IN_ADVANCE)],
    )


def test_a_fifth_session_in_a_row_is_refused_naming_the_person(
    people: People, member: Enrolment, sessions: list[Session]
) -> None:
    for session in sessions[:4]:  # the days between sessions are passed over
        away(people, session, member)
    with pytest.raises(ValidationError) as error:
        away(people, sessions[4], member)
    (item,) = error.value.error_list
    assert item.code == "child_illness_too_long"
    message = item.message % item.params
    client = member.client
    assert message.startswith(f"{client.first_name} {client.last_name}: ")
    assert message.endswith(
        "Lapsen sairaus on hyväksyttävä syy enintään 4 peräkkäisenä päivänä; tämä olisi 5."
    )
    assert SessionAttendance.objects.count() == 4


def test_another_mark_or_an_unmarked_session_ends_the_run(
    people: People, group: Group, member: Enrolment, sessions: list[Session]
) -> None:
    first, second, third, fourth, fifth = sessions
    for session in (first, second, third):
        away(people, session, member)
    away(people, fourth, member, reason="own_illness")
    away(people, fifth, member)  # a run of one after the own illness
    # A session not marked yet ends the run as well: with 24.3 unmarked, 31.3 makes a run of
    # two (25.3 and 31.3), not five.
    SessionAttendance.objects.filter(session=fourth).delete()
    last = a_session(people, group, dt.date(2027, 3, 31), theme="Teema 31")
    (mark,) = away(people, last, member)
    assert mark.reason == "child_illness"
    assert SessionAttendance.objects.filter(reason="child_illness").count() == 5


def test_the_days_at_a_place_count_with_the_sessions(
    people: People, group: Group, sessions: list[Session]
) -> None:
    """A client at a place on Mondays and Tuesdays and in the group: Thu 11.3 (session), Mon
    15.3 and Tue 16.3 (place), Wed 17.3 (session), Thu 18.3 (session) are five days."""
    period = running_period(people, starts_on=dt.date(2027, 2, 8), weekdays="12")
    member = enrol(people, group, period.relationship)
    for day in (dt.date(2027, 3, 15), dt.date(2027, 3, 16)):
        day_record(
            actor=people.worker,
            entry=DayEntry(
                period=period,
                day=day,
                status="absent",
                reason="child_illness",
                notice=Notice.IN_ADVANCE,
            ),
        )
    away(people, sessions[0], member)
    away(people, sessions[1], member)
    with pytest.raises(ValidationError) as error:
        away(people, sessions[2], member)
    assert error.value.error_list[0].code == "child_illness_too_long"
    # An expected place day not marked ends the run: without Tuesday's absence, Monday to
    # Thursday is broken.
    AttendanceDay.objects.filter(day=dt.date(2027, 3, 16)).delete()
    (mark,) = away(people, sessions[2], member)
    assert mark.reason == "child_illness"


def test_the_client_reporting_from_omapolku_is_held_to_the_rule(
    people: People, member: Enrolment, sessions: list[Session]
) -> None:
    from polku.accounts.roles import Role
    from polku.groups.portal import session_absence_report
    from tests.people import role_user

    person = member.client
    person.user = role_user(Role.CLIENT, member.relationship.unit)
    person.save(update_fields=["user"])
    for session in sessions[:4]:
        session_absence_report(
            actor=person.user, enrolment=member, session=session, reason="child_illness"
        )
    with pytest.raises(ValidationError) as error:
        session_absence_report(
            actor=person.user, enrolment=member, session=sessions[4], reason="child_illness"
        )
    assert error.value.error_dict["reason"][0].code == "child_illness_too_long"
    mark = session_absence_report(
        actor=person.user, enrolment=member, session=sessions[4], reason="own_illness"
    )
    assert mark.reason == "own_illness"


def test_the_place_and_the_group_share_one_limit(
    people: People, group: Group, sessions: list[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One function, one limit: lowered to 2 days, both the place's day and the session's
    third day in a row are refused."""
    monkeypatch.setattr(attendance_days, "CHILD_ILLNESS_MAX_DAYS", 2)
    period = running_period(people, starts_on=dt.date(2027, 2, 8), weekdays="125")
    member = enrol(people, group, period.relationship)

    def place(day: dt.date) -> None:
        day_record(
            actor=people.worker,
            entry=DayEntry(
                period=period,
                day=day,
                status="absent",
                reason="child_illness",
                notice=Notice.IN_ADVANCE,
            ),
        )

    place(dt.date(2027, 3, 12))
    place(dt.date(2027, 3, 15))
    with pytest.raises(ValidationError) as error:
        place(dt.date(2027, 3, 16))
    assert error.value.error_dict["reason"][0].code == "child_illness_too_long"
    with pytest.raises(ValidationError) as error:
        away(people, sessions[0], member)  # Thu 11.3, then Fri 12.3 and Mon 15.3: three
    assert error.value.error_list[0].code == "child_illness_too_long"
    assert not SessionAttendance.objects.exists()
