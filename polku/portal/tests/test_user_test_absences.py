"""A user test of OmaPolku (demo client Mikko): "you told" said of an absence staff recorded,
an absence reported before the enrolment missing from the group's session, a double click
landing on "already marked", a range past the period's end silently cut short, the official
reason names in the client's lists, and a start page whose cards stretched to the tallest.

The clock is frozen on Wednesday 10.3.2027, as in ``test_group_days.py``: the period (Monday,
Tuesday, Wednesday) began on Monday 8.2.2027; the group meets on Wednesdays and Thursdays.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, Notice
from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.groups import services as group_services
from polku.groups.models import Group, Session, SessionAttendance, SessionStatus
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import a_group, a_session, enrol
from polku.placements.models import Period
from polku.portal import services
from polku.portal.forms import REASON_CHOICES
from polku.portal.models import AbsenceSubmission
from polku.portal.selectors.start import START_LIST
from tests.people import People, role_user

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = dt.datetime(2027, 3, 10, 9, 30, tzinfo=HELSINKI)
TODAY = dt.date(2027, 3, 10)  # a Wednesday
NEXT_WEDNESDAY = dt.date(2027, 3, 17)
NEXT_THURSDAY = dt.date(2027, 3, 18)
REPORT = "portal:absence_report"
START = "portal:client_start"
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
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit)
    person.save(update_fields=["user"])
    return person.user


@pytest.fixture
def group(people: People) -> Group:
    return a_group(people, weekdays="34", starts_on=dt.date(2027, 2, 1))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- 1. "You told" only for what the client told -----------------------------------------------


def test_a_no_show_the_instructor_marked_is_not_what_the_client_told(
    client, people: People, period: Period, group: Group, me: User
) -> None:
    enrolment = enrol(people, group, period.relationship)
    today, coming = (a_session(people, group, day) for day in (TODAY, NEXT_THURSDAY))
    group_services.session_attendance_record(
        actor=people.place_supervisor,
        session=today,
        entries=[
            MarkEntry(enrolment, SessionStatus.ABSENT, reason="own_illness", notice="not_reported")
        ],
    )
    group_services.session_attendance_record(
        actor=people.place_supervisor,
        session=coming,
        entries=[
            MarkEntry(enrolment, SessionStatus.ABSENT, reason="employment", notice="in_advance")
        ],
    )
    client.force_login(me)
    for language, past, marked, told in (
        ("fi", "Olit poissa: Sairaus.", "Sinut on merkitty poissaolevaksi:", "Kerroit, että"),
        ("sv", "Du var borta: Sjukdom.", "Du är antecknad som borta:", "Du har sagt att"),
    ):
        client.cookies["polku_language"] = language
        for page in (client.get(reverse(START)).text, client.get(reverse(MY_DAYS)).text):
            assert past in page
            assert marked in page
            assert told not in page


def test_what_the_client_told_reads_told_with_a_full_stop(
    client, people: People, period: Period, group: Group, me: User
) -> None:
    enrol(people, group, period.relationship)
    a_session(people, group, NEXT_THURSDAY)
    services.absence_report(
        actor=me, client=period.relationship.client, first_day=NEXT_THURSDAY, reason="employment"
    )
    with clock.frozen(dt.datetime(2027, 3, 8, 8, tzinfo=HELSINKI)):
        services.absence_report(
            actor=me,
            client=period.relationship.client,
            first_day=dt.date(2027, 3, 8),
            reason="other",
        )
    client.force_login(me)
    start = client.get(reverse(START)).text
    assert "Kerroit, että olet poissa: Työhaastattelu tai muu työasia." in start
    days = client.get(reverse(MY_DAYS)).text
    assert 'Olit poissa: Muu syy. <span class="tag">Kerroit itse.</span>' in days
    assert "Kerroit, että olet poissa: Työhaastattelu tai muu työasia." in days


def test_a_coming_place_absence_the_worker_recorded_is_not_told(
    client, people: People, period: Period, me: User
) -> None:
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=dt.date(2027, 3, 15),
            status="absent",
            reason="own_illness",
            notice=Notice.IN_ADVANCE,
        ),
    )
    client.force_login(me)
    days = client.get(reverse(MY_DAYS)).text
    assert "Sinut on merkitty poissaolevaksi: Sairaus." in days
    assert "Kerroit" not in days
    start = client.get(reverse(START)).text
    assert "ma 15.3.2027: Sairaus</li>" in start  # no "you told" after it


# --- 2. A report before the enrolment reaches the group's session ------------------------------


def _report_wednesday(me: User, period: Period) -> None:
    services.absence_report(
        actor=me,
        client=period.relationship.client,
        first_day=NEXT_WEDNESDAY,
        reason="own_illness",
        note="Lääkäriin.",
    )


def _the_mark(session: Session) -> SessionAttendance:
    return SessionAttendance.objects.get(session=session)


@pytest.mark.parametrize("order", ["report_first", "enrol_first", "session_last"])
def test_a_client_reported_absence_marks_the_session_whichever_came_first(
    client, people: People, period: Period, group: Group, me: User, order: str
) -> None:
    if order == "report_first":
        session = a_session(people, group, NEXT_WEDNESDAY)
        _report_wednesday(me, period)
        assert not SessionAttendance.objects.exists()
        enrolment = enrol(people, group, period.relationship)
    elif order == "enrol_first":
        session = a_session(people, group, NEXT_WEDNESDAY)
        enrolment = enrol(people, group, period.relationship)
        _report_wednesday(me, period)
    else:  # enrolled, reported, and only then the session is added
        enrolment = enrol(people, group, period.relationship)
        _report_wednesday(me, period)
        session = a_session(people, group, NEXT_WEDNESDAY)
    mark = _the_mark(session)
    assert mark.enrolment == enrolment
    assert (mark.status, mark.reason, mark.note) == ("absent", "own_illness", "Lääkäriin.")
    assert mark.notice == Notice.IN_ADVANCE
    assert mark.recorded_by == me  # the client's report, as the instructor's page tells
    assert AuditEvent.objects.filter(record_id=str(mark.pk)).exists()
    # The instructor's session page shows it; the start page and my days say the client told.
    client.force_login(people.place_supervisor)
    page = client.get(reverse("groups:session", args=[session.pk])).text
    assert "Lääkäriin." in page
    client.force_login(me)
    start = client.get(reverse(START)).text
    assert "Kerroit, että olet poissa: Sairaus." in start
    days = client.get(reverse(MY_DAYS)).text
    assert (
        f"ke 17.3.2027</strong>, ryhmä {group.name} klo 09.00–13.00:\n"
        "            Kerroit, että olet poissa: Sairaus." in days
    )


def test_the_enrolment_applies_only_the_clients_own_reports(
    people: People, period: Period, group: Group, me: User
) -> None:
    """The worker's absence of 24.3. at the place is not the client's report: the session that
    day stays for the instructor to mark; so does a day nobody reported."""
    worker_day = dt.date(2027, 3, 24)
    told_session, worker_session, free_session = (
        a_session(people, group, day) for day in (NEXT_WEDNESDAY, worker_day, dt.date(2027, 3, 25))
    )
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period, day=worker_day, status="absent", reason="other", notice=Notice.IN_ADVANCE
        ),
    )
    _report_wednesday(me, period)
    enrol(people, group, period.relationship)
    assert SessionAttendance.objects.get(session=told_session).recorded_by == me
    assert not SessionAttendance.objects.filter(session__in=[worker_session, free_session]).exists()


# --- 3. The form sent twice --------------------------------------------------------------------


def test_the_absence_form_sent_twice_marks_once_and_thanks_twice(
    client, period: Period, me: User
) -> None:
    client.force_login(me)
    form = client.get(reverse(REPORT)).text
    assert 'name="submission"' in form
    token = str(uuid.uuid4())
    data = {"first_day": "15.3.2027", "reason": "own_illness", "note": "", "submission": token}
    first = client.post(reverse(REPORT), data)
    second = client.post(reverse(REPORT), data)
    assert first.status_code == second.status_code == 302
    assert second.url == reverse(START)
    thanks = messages_of(second)
    assert any("Kiitos. Poissaolosi on merkitty: 15.3.2027." in text for text in thanks), thanks
    assert not any("jo merkitty" in text for text in thanks), thanks
    assert AttendanceDay.objects.filter(day=dt.date(2027, 3, 15)).count() == 1
    assert AbsenceSubmission.objects.count() == 1
    # A new form (a new token) for the same day is refused, as before.
    data["submission"] = str(uuid.uuid4())
    again = client.post(reverse(REPORT), data)
    assert again.status_code == 200
    assert "15.3.2027 on jo merkitty" in again.text


def test_a_refused_sending_keeps_the_token_free(client, period: Period, me: User) -> None:
    client.force_login(me)
    token = str(uuid.uuid4())
    refused = client.post(reverse(REPORT), {"first_day": "15.3.2027", "submission": token})
    assert refused.status_code == 200
    assert f'value="{token}"' in refused.text  # the same form, sent again once fixed
    assert not AbsenceSubmission.objects.exists()
    fixed = client.post(
        reverse(REPORT), {"first_day": "15.3.2027", "reason": "own_illness", "submission": token}
    )
    assert fixed.status_code == 302


def test_a_token_is_the_clients_own(people: People, period: Period, me: User) -> None:
    token = uuid.uuid4()
    services.absence_report(
        actor=me,
        client=period.relationship.client,
        first_day=dt.date(2027, 3, 15),
        reason="own_illness",
        submission=token,
    )
    other = running_period(people, starts_on=dt.date(2027, 2, 8))
    other.relationship.client.user = role_user(Role.CLIENT, other.relationship.unit)
    other.relationship.client.save(update_fields=["user"])
    with pytest.raises(PermissionDenied):
        services.absence_report(
            actor=other.relationship.client.user,
            client=other.relationship.client,
            first_day=dt.date(2027, 3, 15),
            reason="own_illness",
            submission=token,
        )


# --- 4. A range past the period's end ----------------------------------------------------------


def test_a_range_past_the_period_end_names_the_days_not_marked(
    client, period: Period, me: User
) -> None:
    period.ends_on = dt.date(2027, 4, 25)  # a Sunday
    period.save(update_fields=["ends_on"])
    client.force_login(me)
    response = client.post(
        reverse(REPORT),
        {"first_day": "20.4.2027", "last_day": "30.4.2027", "reason": "own_illness"},
    )
    assert response.status_code == 302
    said = messages_of(response)
    assert any("Poissaolosi on merkitty: 20.4.2027, 21.4.2027." in text for text in said), said
    assert (
        "Näitä päiviä ei merkitty, koska työtoimintajaksosi päättyy 25.4.2027: "
        "26.4.2027–30.4.2027." in said
    ), said
    assert (
        "Nämä päivät eivät ole työtoimintapäiviäsi, joten niitä ei merkitty: "
        "22.4.2027–23.4.2027." in said
    ), said
    assert sorted(AttendanceDay.objects.values_list("day", flat=True)) == [
        dt.date(2027, 4, 20),
        dt.date(2027, 4, 21),
    ]


def test_day_spans_join_runs_of_days() -> None:
    days = [dt.date(2027, 4, d) for d in (30, 26, 27, 28, 29)] + [dt.date(2027, 5, 3)]
    assert services.day_spans(days) == "26.4.2027–30.4.2027, 3.5.2027"


# --- 5. One set of plain reason words ----------------------------------------------------------


def test_the_lists_use_the_forms_plain_reason_words(client, period: Period, me: User) -> None:
    services.absence_report(
        actor=me,
        client=period.relationship.client,
        first_day=dt.date(2027, 3, 15),
        reason="employment",
    )
    services.absence_report(
        actor=me, client=period.relationship.client, first_day=dt.date(2027, 3, 16), reason="other"
    )
    client.force_login(me)
    form = client.get(reverse(REPORT)).text
    for code, words in REASON_CHOICES:
        if code in ("employment", "other"):
            assert f">{words}</label>" in form
    for page in (form, client.get(reverse(START)).text):
        assert "ma 15.3.2027: Työhaastattelu tai muu työasia" in page
        assert "ti 16.3.2027: Muu syy" in page
        assert "työllistymiseen liittyvä" not in page
        assert "ei hyväksyttävä" not in page


# --- 6. The start page's layout ----------------------------------------------------------------


def test_the_start_page_puts_the_actions_early_and_keeps_the_lists_short(
    client, people: People, period: Period, me: User
) -> None:
    # Tuesdays and Wednesdays of three weeks: six absences (29.3. is Easter Monday).
    days = [
        dt.date(2027, 3, 16) + dt.timedelta(days=7 * week + d) for week in range(3) for d in (0, 1)
    ]
    for day in days:
        services.absence_report(
            actor=me, client=period.relationship.client, first_day=day, reason="own_illness"
        )
    client.force_login(me)
    page = client.get(reverse(START)).text
    assert 'class="grid grid--start"' in page
    assert page.index('id="links"') < page.index('id="work"')
    assert page.count(": Sairaus.") == START_LIST
    assert f'<a href="{reverse(MY_DAYS)}">Katso kaikki päiväsi</a>' in page
