"""The group pages: who sees which participants, what is logged, the session form, and the
queries of a group with 1 and with 30 participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.attendance.tests.builders import monday_of
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.groups import services
from polku.groups.events import GroupRead
from polku.groups.models import Group, SessionAttendance, SessionStatus
from polku.groups.services import MarkEntry
from polku.groups.tests.builders import a_group, a_session, enrol, first_meeting
from tests.people import People, build_relationship
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def _two_participants(people: People) -> tuple[Group, str, str]:
    """A group with the worker's client and the decision maker's client."""
    group = a_group(people)
    own = enrol(people, group)
    other_relationship = build_relationship(
        worker=people.decision_maker, unit=people.unit, days_ago=90
    )
    other = enrol(people, group, other_relationship, actor=people.decision_maker)
    return group, own.client.last_name, other.client.last_name


def test_the_instructor_sees_every_participant_but_not_the_agreement(
    client: HttpClient, people: People
) -> None:
    group, own, other = _two_participants(people)
    client.force_login(people.place_supervisor)
    response = client.get(reverse("groups:detail", args=[group.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert own in text
    assert other in text
    assert "Osallistuu ryhmään kerran viikossa." not in text  # the agreement
    assert "Sosiaalinen kuntoutus" not in text  # the legal status' detail
    bases = set(
        AuditEvent.objects.filter(
            what=GroupRead.PARTICIPANTS.value, actor_id=people.place_supervisor.pk
        ).values_list("basis", flat=True)
    )
    assert bases == {"group_instructor"}


def test_a_worker_sees_only_their_own_clients_enrolment(client: HttpClient, people: People) -> None:
    group, own, other = _two_participants(people)
    client.force_login(people.worker)
    text = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert own in text
    assert "Osallistuu ryhmään kerran viikossa." in text
    assert other not in text
    event = AuditEvent.objects.get(what=GroupRead.PARTICIPANTS.value, actor_id=people.worker.pk)
    assert event.basis == "responsible_worker"


@pytest.mark.parametrize("who", ["manager", "worker_other_unit"])
def test_a_manager_and_another_worker_see_counts_only(
    client: HttpClient, people: People, who: str
) -> None:
    group, own, other = _two_participants(people)
    client.force_login(getattr(people, who))
    response = client.get(reverse("groups:detail", args=[group.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert own not in text
    assert other not in text
    assert group.name in text
    assert not AuditEvent.objects.filter(what=GroupRead.PARTICIPANTS.value).exists()


def test_a_missing_group_and_a_hidden_one_are_the_same_404(
    client: HttpClient, people: People
) -> None:
    group = a_group(people, instructors=[])
    client.force_login(people.place_supervisor)  # not an instructor of this group
    hidden = client.get(reverse("groups:detail", args=[group.pk]))
    missing = client.get(reverse("groups:detail", args=[group.pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert group.name not in hidden.content.decode()


def test_the_session_form_records_and_keeps_a_refused_entry(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    member = enrol(people, group)
    past = a_session(people, group, monday_of(clock.today()) - dt.timedelta(days=11))
    client.force_login(people.place_supervisor)
    url = reverse("groups:session", args=[past.pk])
    page = client.get(url)
    assert page.status_code == 200
    key = member.pk
    response = client.post(
        url,
        {f"s-{key}": "present", f"n-{key}": "on_the_day", f"h-{key}": "", f"w-{key}": "||"},
    )
    assert response.status_code == 302
    mark = SessionAttendance.objects.get(enrolment=member, session=past)
    assert mark.status == SessionStatus.PRESENT
    # A future session: present is refused, the choice stays in the form.
    future = a_session(people, group, first_meeting(group, clock.today() + dt.timedelta(days=1)))
    url = reverse("groups:session", args=[future.pk])
    response = client.post(
        url,
        {f"s-{key}": "present", f"n-{key}": "on_the_day", f"h-{key}": "3", f"w-{key}": "||"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert member.client.first_name in text
    assert 'value="3"' in text
    assert not SessionAttendance.objects.filter(session=future).exists()


def test_hours_that_are_not_a_number_are_named_as_the_hours(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    member = enrol(people, group)
    past = a_session(people, group, monday_of(clock.today()) - dt.timedelta(days=11))
    client.force_login(people.place_supervisor)
    key = member.pk
    response = client.post(
        reverse("groups:session", args=[past.pk]),
        {f"s-{key}": "present", f"n-{key}": "on_the_day", f"h-{key}": "abc", f"w-{key}": "||"},
    )
    assert response.status_code == 200
    name = f"{member.client.first_name} {member.client.last_name}"
    assert f"Tarkista henkilön {name} tunnit: kirjoita ne numerona" in response.content.decode()
    assert 'value="abc"' in response.content.decode()  # what was typed is kept
    assert not SessionAttendance.objects.filter(session=past).exists()


def test_the_session_feedback_is_saved(client: HttpClient, people: People) -> None:
    group = a_group(people)
    session = a_session(people, group, first_meeting(group))
    client.force_login(people.place_supervisor)
    url = reverse("groups:session", args=[session.pk])
    response = client.post(
        url, {"feedback": "1", "feedback_note": "Puolivälin palaute: hyvä henki.", "version": "1"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.feedback_note == "Puolivälin palaute: hyvä henki."


def test_group_pages_cost_the_same_queries_for_1_and_30_participants(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    first = enrol(people, group)
    session = a_session(people, group, monday_of(clock.today()) - dt.timedelta(days=11))
    services.session_attendance_record(
        actor=people.place_supervisor, session=session, entries=[MarkEntry(first, "present")]
    )
    client.force_login(people.place_supervisor)
    detail = reverse("groups:detail", args=[group.pk])
    attendance = reverse("groups:session", args=[session.pk])
    groups = reverse("groups:list")

    urls = [detail, attendance, groups]
    before = [count_queries(client, url) for url in urls]
    group.capacity = 40
    group.save(update_fields=["capacity"])
    for _ in range(29):
        enrol(people, group)
    services.session_attendance_record(
        actor=people.place_supervisor,
        session=session,
        entries=[
            MarkEntry(e, SessionStatus.PRESENT) for e in group.enrolments.exclude(pk=first.pk)
        ],
    )
    assert [count_queries(client, url) for url in urls] == before
    assert client.get(attendance).content.decode().count('<th scope="row"') == 30
    assert client.get(detail).content.decode().count('<th scope="row"') == 30


def test_a_worker_of_the_organiser_is_told_who_records_attendance(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    a_session(people, group, first_meeting(group))
    client.force_login(people.worker)
    text = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    supervisor = people.place_supervisor.get_full_name()
    assert f"Ryhmäkertojen läsnäolon kirjaavat ryhmän ohjaajat: {supervisor}." in text
    assert reverse("groups:session", args=[group.sessions.get().pk]) not in text
    client.force_login(people.place_supervisor)  # the instructor opens the sessions instead
    text = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "Ryhmäkertojen läsnäolon kirjaavat" not in text
    assert reverse("groups:session", args=[group.sessions.get().pk]) in text


def test_the_new_group_form_shows_every_error_at_once(client: HttpClient, people: People) -> None:
    client.force_login(people.worker)
    response = client.post(
        reverse("groups:new"),
        {
            "name": "",
            "kind": "low_threshold",
            "organiser": people.unit.pk,
            "starts_at": "13.00",
            "ends_at": "12.00",
            "capacity": "",
            "starts_on": "10.3.2027",
            "ends_on": "1.3.2027",
            "location": "Nuorisotila Kipinä",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "weekdays", "capacity", "ends_at", "ends_on"}
    text = response.content.decode()
    assert "päättyy ennen" in text  # the service's refusal, beside the form's own
    assert "Nuorisotila Kipinä" in text  # nothing typed is lost
    assert not Group.objects.exists()


def test_the_group_tables_are_focusable_regions_and_the_marks_stack_with_labels(
    client: HttpClient, people: People
) -> None:
    """At 390 px the group list scrolls in a region a keyboard can reach, named by its
    caption; the session form's cells carry the labels shown when its rows stack."""
    group = a_group(people)
    enrol(people, group)
    session = a_session(people, group, first_meeting(group))
    client.force_login(people.place_supervisor)
    page = client.get(reverse("groups:list")).text
    assert 'class="table-wrap" tabindex="0" role="region" aria-labelledby="groups-caption"' in page
    assert '<caption id="groups-caption">' in page
    page = client.get(reverse("groups:detail", args=[group.pk])).text
    assert 'aria-labelledby="participants-caption"' in page
    page = client.get(reverse("groups:session", args=[session.pk])).text
    assert page.count('class="marks__label" aria-hidden="true"') == 3


def test_needed_fields_are_marked_times_as_their_hint_and_no_blank_where(
    client: HttpClient, people: People
) -> None:
    """The feedback round's parts and the end-early reason are marked with * (the service
    requires them, naming all at once); the session form's times read 9.00 as the hint says;
    a group with no place or location says "–" where it meets."""
    group = a_group(people)
    member = enrol(people, group)
    client.force_login(people.worker)
    page = client.get(reverse("groups:feedback", args=[group.pk, "mid"])).text
    assert page.count('<span class="required" aria-hidden="true">*</span>') == 4
    assert page.count('aria-required="true"') == 4
    page = client.get(reverse("groups:enrolment_end", args=[member.pk])).text
    assert page.count('<span class="required" aria-hidden="true">*</span>') == 2
    page = client.get(reverse("groups:session_new", args=[group.pk])).text
    assert 'value="9.00"' in page
    assert 'value="13.00"' in page
    assert "09.00" not in page
    services.group_update(
        actor=people.worker,
        group=group,
        version=group.version,
        name=group.name,
        description="",
        starts_at=group.starts_at,
        ends_at=group.ends_at,
        capacity=group.capacity,
        ends_on=group.ends_on,
        instructors=list(group.instructors.all()),
        partner_name=group.partner_name,
        place=None,
        location="",
    )
    page = client.get(reverse("groups:detail", args=[group.pk])).text
    where = page.split("<dt>Missä</dt>")[1].split("</dd>")[0]
    assert where == "<dd>–"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_session_and_the_places_week_grid_share_one_set_of_keys(
    client: HttpClient, people: People, language: str
) -> None:
    """The letters and their help come from one definition (``attendance.keys``) on both
    pages; the script reads them from the legend."""
    import re

    from django.utils import translation

    from polku.attendance.keys import attendance_keys
    from polku.attendance.tests.builders import running_period

    running_period(people)
    group = a_group(people)
    enrol(people, group)
    session = a_session(people, group, first_meeting(group))
    client.force_login(people.place_supervisor)  # the group's instructor and the place's
    client.cookies["polku_language"] = language
    with translation.override(language):
        expected = [(key.key, key.code) for key in attendance_keys()]
    legend = re.compile(r'data-grid-key="([^"]+)" data-code="([^"]+)"')
    session_page = client.get(reverse("groups:session", args=[session.pk])).text
    week_page = client.get(reverse("attendance:place_week", args=[people.place.pk])).text
    assert legend.findall(session_page) == expected
    assert legend.findall(week_page) == expected
    assert len({key for key, _code in expected}) == len(expected)  # a letter records one thing
    plain = "A letter alone: the absence was reported on the day (on a day to come: in advance)"
    shift = "letter: the absence was not reported"
    with translation.override(language):
        plain, shift = translation.gettext(plain), translation.gettext(shift)
    for page in (session_page, week_page):
        assert plain in page
        assert shift in page
        assert page.index(plain) < page.index(shift)
    assert "attendance/place.js" in session_page.split("</head>")[1]
    assert "data-marks" in session_page
