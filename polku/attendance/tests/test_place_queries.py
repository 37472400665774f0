"""The place's pages cost as many queries for 60 clients as for one, and a whole week of 60
clients is saved in one request, all or nothing (SPEC §4 Performance)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from polku.attendance.models import AttendanceDay
from polku.attendance.services import DayEntry, place_close, week_record
from polku.attendance.tests.builders import running_period
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.placements.models import Period
from tests.factories import ClientFactory
from tests.people import People
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2026, 3, 11)
MONDAY = WEDNESDAY - dt.timedelta(days=2)


@pytest.fixture(autouse=True)
def _a_wednesday() -> Iterator[None]:
    with clock.frozen(timezone.make_aware(dt.datetime.combine(WEDNESDAY, dt.time(9)))):
        yield


def more_clients(period: Period, count: int) -> list[Period]:
    """``count`` more clients with a period like ``period``: its relationship and period rows
    copied for a new client each (the services would take a minute for 60 clients; the pages
    read the copies exactly as they read the original)."""
    periods = []
    for _ in range(count):
        relationship = ClientRelationship.objects.get(pk=period.relationship_id)
        relationship.pk = None
        relationship.client = ClientFactory.create()
        relationship.save()
        copy = Period.objects.get(pk=period.pk)
        copy.pk = None
        copy.relationship = relationship
        copy.save()
        periods.append(copy)
    return periods


def test_the_week_grid_makes_as_many_queries_for_60_clients_as_for_one(
    client: HttpClient, people: People
) -> None:
    period = running_period(people, weekdays="123")
    place_close(
        actor=people.place_supervisor,
        place=people.place,
        first_day=WEDNESDAY + dt.timedelta(days=2),
        last_day=WEDNESDAY + dt.timedelta(days=2),
        reason="Koulutuspäivä",
    )
    week_record(
        actor=people.place_supervisor,
        entries=[DayEntry(period=period, day=MONDAY, status="present")],
    )
    client.force_login(people.place_supervisor)

    def grow() -> None:
        others = more_clients(period, 59)
        week_record(
            actor=people.place_supervisor,
            entries=[
                DayEntry(
                    period=p, day=MONDAY, status="absent", reason="own_illness", notice="on_the_day"
                )
                for p in others
            ],
        )

    url = reverse("attendance:place_week", args=[people.place.pk])
    assert_flat_queries(client, url, grow=grow)
    assert_flat_queries(client, url, data={"viikko": "2026-03-16"}, grow=lambda: None)
    text = client.get(url).content.decode()
    assert text.count('scope="row"') == 60


def test_the_today_page_makes_as_many_queries_for_60_clients_as_for_one(
    client: HttpClient, people: People
) -> None:
    period = running_period(people, weekdays="123")
    client.force_login(people.place_supervisor)
    url = reverse("attendance:place_today", args=[people.place.pk])

    def grow() -> None:
        more_clients(period, 59)

    assert_flat_queries(client, url, grow=grow)
    assert client.get(url).content.decode().count("data-day-row") == 60


def test_a_week_of_60_clients_is_saved_in_one_request(client: HttpClient, people: People) -> None:
    period = running_period(people, weekdays="123")
    periods = [period, *more_clients(period, 59)]
    client.force_login(people.place_supervisor)
    data = {}
    for p in periods:
        for offset in range(3):
            key = f"{p.pk}-{MONDAY + dt.timedelta(days=offset):%Y%m%d}"
            data[f"c-{key}"] = "present"
            data[f"w-{key}"] = ""
    # Meanwhile the responsible worker recorded the last client's Wednesday: the whole week
    # is refused, nothing of it saved, and the page names the day.
    last = periods[-1]
    from polku.attendance.services import day_record

    other = day_record(
        actor=people.worker,
        entry=DayEntry(
            period=last, day=WEDNESDAY, status="absent", reason="employment", notice="in_advance"
        ),
    )
    url = reverse("attendance:place_week", args=[people.place.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"{last.relationship.client.full_name}, 11.3.2026: " in response.content.decode()
    assert AttendanceDay.objects.count() == 1
    # Sent again after seeing it (the page now holds the record's version): all 180 days.
    key = f"{last.pk}-{WEDNESDAY:%Y%m%d}"
    data |= {f"w-{key}": "absent:employment:in_advance", f"v-{key}": str(other.version)}
    response = client.post(url, data)
    assert response.status_code == 302
    assert AttendanceDay.objects.filter(status="present").count() == 180
