"""What the group forms start on (a user test): whether an absence was reported starts on no
choice, a full group says so before any form is filled and its refusal is the whole form's,
and a new session starts on the group's times and its next weekday after the last session."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.attendance.models import Notice
from polku.attendance.tests.builders import monday_of
from polku.core import clock
from polku.groups.errors import GroupError
from polku.groups.models import Enrolment, SessionAttendance, SessionStatus
from polku.groups.selectors import next_session_day
from polku.groups.tests.builders import a_group, a_session, enrol, first_meeting
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


def day_text(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def selected(page: str, name: str) -> str:
    """The value of the option selected in the list ``name`` ("" for none)."""
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found is not None, name
    chosen = re.search(r'<option value="([^"]*)" selected>', found.group(1))
    return chosen.group(1) if chosen else ""


def test_whether_an_absence_was_reported_starts_on_no_choice(
    client: HttpClient, people: People
) -> None:
    """A no-show marked absent is never recorded as reported on the day by default: the list
    starts on no choice, and an absence saved without one is refused by name with the form
    kept; a mark saved shows its own notice, and a session to come starts on "in advance"."""
    group = a_group(people)
    member = enrol(people, group)
    past = a_session(people, group, monday_of(clock.today()) - dt.timedelta(days=11))
    client.force_login(people.place_supervisor)
    url = reverse("groups:session", args=[past.pk])
    key = member.pk
    page = client.get(url).text
    assert selected(page, f"n-{key}") == ""
    assert '<option value="" selected>Ei valittu</option>' in page
    response = client.post(url, {f"s-{key}": "absent:other", f"h-{key}": "", f"w-{key}": "||"})
    assert response.status_code == 200
    name = f"{member.client.first_name} {member.client.last_name}"
    assert f"Valitse, ilmoitettiinko henkilön {name} poissaolosta." in response.text
    assert selected(response.text, f"s-{key}") == "absent:other"  # nothing chosen is lost
    assert not SessionAttendance.objects.filter(session=past).exists()
    response = client.post(
        url,
        {
            f"s-{key}": "absent:other",
            f"n-{key}": Notice.NOT_REPORTED,
            f"h-{key}": "",
            f"w-{key}": "||",
        },
    )
    assert response.status_code == 302
    mark = SessionAttendance.objects.get(session=past)
    assert (mark.status, mark.notice) == (SessionStatus.ABSENT, Notice.NOT_REPORTED)
    assert selected(client.get(url).text, f"n-{key}") == Notice.NOT_REPORTED
    coming = a_session(people, group, first_meeting(group, clock.today() + dt.timedelta(days=1)))
    page = client.get(reverse("groups:session", args=[coming.pk])).text
    assert selected(page, f"n-{key}") == Notice.IN_ADVANCE


def test_a_full_group_offers_no_enrolment_and_says_how_to_make_room(
    client: HttpClient, people: People
) -> None:
    group = a_group(people, capacity=1)
    detail = reverse("groups:detail", args=[group.pk])
    enrol_url = reverse("groups:enrol", args=[group.pk])
    client.force_login(people.worker)  # a worker of the organiser
    page = client.get(detail).text
    assert f'href="{enrol_url}"' in page
    assert 'id="group-full"' not in page
    enrol(people, group)
    page = client.get(detail).text
    assert f'href="{enrol_url}"' not in page
    sentence = page.split('id="group-full">')[1].split("</p>")[0]
    assert "Ryhmä on täynnä: sen 1 paikka on varattu" in sentence
    assert "Voit lisätä paikkoja muokkaamalla ryhmää." in sentence
    assert f'href="{reverse("groups:edit", args=[group.pk])}"' in page  # still offered
    form_page = client.get(enrol_url).text
    assert 'id="group-full"' in form_page
    assert 'name="relationship"' not in form_page  # nothing to fill in vain
    # A worker of another unit is told who can raise it.
    client.force_login(people.worker_other_unit)
    sentence = client.get(detail).text.split('id="group-full">')[1].split("</p>")[0]
    assert f"Yksikön {people.unit.name} työntekijä voi lisätä paikkoja" in sentence


def test_beyond_capacity_is_the_whole_forms_refusal_naming_the_capacity(
    client: HttpClient, people: People
) -> None:
    group = a_group(people, capacity=1)
    enrol(people, group)
    client.force_login(people.worker)
    relationship = build_relationship(worker=people.worker, unit=people.unit, days_ago=90)
    data = {
        "relationship": str(relationship.pk),
        "status": "other_service",
        "other_service": "Sosiaalinen kuntoutus",
        "agreed_on": day_text(relationship.started_on),
        "agreement": "Kerran viikossa",
        "starts_on": day_text(group.starts_on),
        "submission": str(uuid.uuid4()),
    }
    response = client.post(reverse("groups:enrol", args=[group.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.has_error("starts_on")
    assert form.has_error("__all__", code=GroupError.CAPACITY_FULL)
    summary = response.text.split('class="error-summary"')[1].split("</ul>")[0]
    assert f"{group.name} on täynnä: sen 1 paikka on varattu." in summary
    assert "Kerran viikossa" in response.text  # what was typed is kept
    assert Enrolment.objects.filter(group=group).count() == 1
    # A form that is itself invalid names the capacity with its own refusals.
    response = client.post(reverse("groups:enrol", args=[group.pk]), {**data, "agreement": ""})
    form = response.context["form"]
    assert form.has_error("agreement")
    assert form.has_error("__all__", code=GroupError.CAPACITY_FULL)


def test_a_new_session_starts_on_the_groups_times_and_next_weekday(
    client: HttpClient, people: People
) -> None:
    today = clock.today()
    group = a_group(
        people, starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=60)
    )
    first = first_meeting(group)
    assert next_session_day(group) == first  # no session yet: the first weekday
    a_session(people, group, first)
    later = first_meeting(group, first + dt.timedelta(days=1))
    assert later - first == dt.timedelta(days=7)  # a Thursday group
    client.force_login(people.worker)
    page = client.get(reverse("groups:session_new", args=[group.pk])).text
    assert f'name="day" value="{day_text(later)}"' in page
    assert 'name="starts_at" value="9.00"' in page
    assert 'name="ends_at" value="13.00"' in page
    two_weekdays = a_group(people, weekdays="25")  # Tuesday and Friday
    tuesday = first_meeting(two_weekdays)
    while tuesday.isoweekday() != 2:
        tuesday = first_meeting(two_weekdays, tuesday + dt.timedelta(days=1))
    a_session(people, two_weekdays, tuesday)
    assert next_session_day(two_weekdays) == tuesday + dt.timedelta(days=3)
    ending = a_group(people, starts_on=today - dt.timedelta(days=20), ends_on=today)
    a_session(people, ending, first_meeting(ending, ending.ends_on - dt.timedelta(days=6)))
    assert next_session_day(ending) is None  # past the group's end: no date offered
