"""Ending a participation early: who, which dates, what it changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.attendance.models import AbsenceReason, Notice
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.errors import CommonError
from polku.core.rules import day_label
from polku.groups import services
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import Enrolment, LegalStatus, SessionStatus
from polku.groups.participation import group_planned_days
from polku.groups.selectors import session_rows
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import a_group, a_session, enrol
from polku.groups.tests.test_services import codes
from tests.builders import signed_plan
from tests.people import People

pytestmark = pytest.mark.django_db


def _end(people: People, enrolment: Enrolment, day: dt.date | None, **kwargs: object) -> Enrolment:
    values: dict[str, object] = {"reason": "Aloitti työkokeilun.", "version": enrolment.version}
    values.update(kwargs)
    return services.enrolment_end(actor=people.worker, enrolment=enrolment, ends_on=day, **values)  # type: ignore[arg-type]


def test_an_ended_participation_leaves_the_later_sessions(people: People) -> None:
    today = clock.today()
    group = a_group(
        people,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=60),
        weekdays=str(today.isoweekday()),
    )
    relationship = signed_plan(worker=people.worker, unit=people.unit).relationship
    member = enrol(people, group, relationship, status=LegalStatus.KUTY)
    held = a_session(people, group, today - dt.timedelta(days=7))
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=held,
        entries=[MarkEntry(member, SessionStatus.PRESENT)],
    )
    coming = a_session(people, group, today + dt.timedelta(days=14))
    window = (today - dt.timedelta(days=30), today + dt.timedelta(days=60))
    assert coming.day in group_planned_days(member.client_id, *window)
    ended = _end(people, member, today)
    assert ended.ends_on == today
    assert ended.end_reason == "Aloitti työkokeilun."
    assert coming.day not in group_planned_days(member.client_id, *window)
    assert held.day in group_planned_days(member.client_id, *window)
    assert [r.enrolment for r in session_rows(viewer=people.place_supervisor, session=coming)] == []
    assert [r.enrolment for r in session_rows(viewer=people.place_supervisor, session=held)] == [
        member
    ]
    event = AuditEvent.objects.get(what=GroupEvent.ENROLMENT_END.value)
    assert event.changes["ends_on"] == [None, today.isoformat()]
    assert event.client_id == member.client_id
    with pytest.raises(ValidationError) as error:
        services.session_attendance_record(
            actor=people.place_supervisor,
            session=coming,
            entries=[
                MarkEntry(
                    member,
                    SessionStatus.ABSENT,
                    reason=AbsenceReason.OWN_ILLNESS,
                    notice=Notice.IN_ADVANCE,
                )
            ],
        )
    assert codes(error) == {GroupError.NOT_ENROLLED_ON_DAY}


def test_the_end_comes_after_the_marks_and_within_the_participation(people: People) -> None:
    today = clock.today()
    group = a_group(
        people,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=30),
        weekdays=str(today.isoweekday()),
    )
    member = enrol(people, group)
    held = a_session(people, group, today - dt.timedelta(days=7))
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=held,
        entries=[MarkEntry(member, SessionStatus.PRESENT)],
    )
    with pytest.raises(ValidationError) as error:
        _end(people, member, held.day - dt.timedelta(days=1))
    assert codes(error) == {GroupError.MARKS_AFTER_END}
    assert day_label(held.day) in str(error.value)
    # An absence reported in advance for a later session is not deleted either.
    later = a_session(people, group, today + dt.timedelta(days=7))
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=later,
        entries=[
            MarkEntry(
                member,
                SessionStatus.ABSENT,
                reason=AbsenceReason.OWN_ILLNESS,
                notice=Notice.IN_ADVANCE,
            )
        ],
    )
    with pytest.raises(ValidationError) as error:
        _end(people, member, today)
    assert codes(error) == {GroupError.MARKS_AFTER_END}
    assert day_label(later.day) in str(error.value)
    with pytest.raises(ValidationError) as error:
        _end(people, member, member.starts_on - dt.timedelta(days=1))
    assert GroupError.ENDS_BEFORE_START in codes(error)
    with pytest.raises(ValidationError) as error:
        _end(people, member, group.ends_on + dt.timedelta(days=1))
    assert codes(error) == {GroupError.ENROLMENT_OUTSIDE_GROUP}
    with pytest.raises(ValidationError) as error:
        _end(people, member, group.ends_on)
    assert codes(error) == {GroupError.ENDS_ALREADY}
    with pytest.raises(ValidationError) as error:
        _end(people, member, None, reason=" ")
    assert set(error.value.error_dict) == {"ends_on", "reason"}
    assert codes(error) == {CommonError.REQUIRED}
    member.refresh_from_db()
    assert member.ends_on is None


def test_only_the_responsible_worker_ends_it_and_a_stale_version_is_refused(people: People) -> None:
    group = a_group(people)
    member = enrol(people, group)
    with pytest.raises(PermissionDenied):
        services.enrolment_end(
            actor=people.place_supervisor,
            enrolment=member,
            ends_on=clock.today(),
            reason="x",
            version=1,
        )
    stale = Enrolment.objects.get(pk=member.pk)
    _end(people, member, clock.today())
    with pytest.raises(ValidationError) as error:
        _end(people, stale, clock.today() - dt.timedelta(days=1), version=1)
    assert codes(error) == {CommonError.EDIT_CONFLICT}


def test_the_page_confirms_what_it_changes_before_saving(
    client: HttpClient, people: People
) -> None:
    today = clock.today()
    group = a_group(
        people,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=30),
        weekdays=str(today.isoweekday()),
    )
    member = enrol(people, group)
    a_session(people, group, today + dt.timedelta(days=7), theme="Työnhaku verkossa")
    client.force_login(people.worker)
    url = reverse("groups:enrolment_end", args=[member.pk])
    assert client.get(url).status_code == 200
    data = {
        "ends_on": day_label(today),
        "reason": "Muutti toiselle paikkakunnalle.",
        "version": "1",
    }
    check = client.post(url, data)
    assert check.status_code == 200
    text = check.content.decode()
    assert "Tarkista, mitä tämä muuttaa" in text
    assert "Työnhaku verkossa" in text  # the session they will not be on
    member.refresh_from_db()
    assert member.ends_on is None  # nothing saved before the confirmation
    done = client.post(url, {**data, "confirm": ""})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.ends_on == today
    # Another worker's client: the one 404.
    client.force_login(people.worker_other_unit)
    assert client.get(url).status_code == 404


def test_the_end_link_is_offered_only_to_whom_may_end_it_and_an_ended_one_says_so(
    client: HttpClient, people: People
) -> None:
    """The instructor who supervises the client's place sees the participation in full but
    may not end it (the service refuses him): no link. The responsible worker has one, until
    the participation has ended; then the page says when and why, and offers no link."""
    from polku.attendance.tests.builders import running_period
    from polku.groups.selectors import group_page

    period = running_period(people)  # at people.place, supervised by the instructor
    group = a_group(people)
    member = enrol(people, group, period.relationship, status=LegalStatus.KUTY)
    link = reverse("groups:enrolment_end", args=[member.pk])
    [row] = group_page(viewer=people.place_supervisor, group=group).rows
    assert row.full  # the reported case: he sees it as the supervisor of the client's place
    assert not row.may_end
    client.force_login(people.place_supervisor)
    assert link not in client.get(reverse("groups:detail", args=[group.pk])).text
    assert client.get(link).status_code == 403
    client.force_login(people.worker)
    assert link in client.get(reverse("groups:detail", args=[group.pk])).text
    yesterday = clock.today() - dt.timedelta(days=1)
    _end(people, member, yesterday)
    [row] = group_page(viewer=people.worker, group=group).rows
    assert (row.ended, row.may_end) == (True, False)
    page = client.get(reverse("groups:detail", args=[group.pk])).text
    assert link not in page
    assert f"Päättyi {day_label(yesterday)} (Aloitti työkokeilun.)" in page
