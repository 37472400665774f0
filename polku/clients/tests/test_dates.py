"""Dates the clients services take are bounded by the relationship (STYLE.md §6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from polku.clients import services
from polku.clients.errors import ClientError
from polku.clients.models import ContactLog
from polku.clients.tests.test_duplicates import contact
from polku.core import clock
from polku.core.errors import CommonError
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


def d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def test_a_contact_before_the_relationship_began_is_refused(client, people: People) -> None:
    relationship = people.relationship
    with pytest.raises(ValidationError) as error:
        services.contact_log(
            actor=people.worker,
            relationship=relationship,
            kind="phone",
            contacted_on=dt.date(2020, 1, 1),
            outcome="reached",
        )
    assert error.value.error_dict["contacted_on"][0].code == ClientError.BEFORE_RELATIONSHIP
    assert error.value.messages == [
        f"Päivämäärä ei voi olla ennen {d(relationship.started_on)}, jolloin asiakkuus alkoi."
    ]
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:contact_new", args=[relationship.pk]), contact(contacted_on="1.1.2020")
    )
    assert response.status_code == 200
    assert f"{d(relationship.started_on)}, jolloin asiakkuus alkoi" in response.text
    assert not ContactLog.objects.filter(relationship=relationship).exists()


def test_a_contact_in_the_future_is_refused(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        services.contact_log(
            actor=people.worker,
            relationship=people.relationship,
            kind="phone",
            contacted_on=clock.today() + dt.timedelta(days=1),
            outcome="reached",
        )
    assert error.value.error_dict["contacted_on"][0].code == CommonError.FUTURE


def test_a_new_relationship_does_not_begin_before_the_previous_one_ended(people: People) -> None:
    earlier = build_relationship(worker=people.worker, unit=people.unit, days_ago=100)
    ended = clock.today() - dt.timedelta(days=20)
    type(earlier).objects.filter(pk=earlier.pk).update(ended_on=ended)
    with pytest.raises(ValidationError) as error:
        services.relationship_open(
            actor=people.worker,
            client=earlier.client,
            unit=people.unit,
            started_on=ended - dt.timedelta(days=1),
            source="self",
            reason="Uusi yhteydenotto.",
        )
    assert error.value.error_dict["started_on"][0].code == ClientError.BEFORE_PREVIOUS_END
    assert d(ended) in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.relationship_open(
            actor=people.worker,
            client=earlier.client,
            unit=people.unit,
            started_on=clock.today() + dt.timedelta(days=1),
            source="self",
            reason="Uusi yhteydenotto.",
        )
    assert error.value.error_dict["started_on"][0].code == CommonError.FUTURE
    opened = services.relationship_open(
        actor=people.worker,
        client=earlier.client,
        unit=people.unit,
        started_on=ended,
        source="self",
        reason="Uusi yhteydenotto.",
    )
    assert opened.previous == earlier


def test_an_ended_relationship_takes_no_new_meetings_and_shows_its_end(
    client, people: People
) -> None:
    relationship = build_relationship(worker=people.worker, unit=people.unit, days_ago=100)
    ended = clock.today() - dt.timedelta(days=20)
    type(relationship).objects.filter(pk=relationship.pk).update(ended_on=ended)
    relationship.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.meeting_book(
            actor=people.worker,
            relationship=relationship,
            # 16.00 local three days ahead: a fixed hour on a computed day, whatever the hour now.
            starts_at=timezone.make_aware(
                dt.datetime.combine(clock.today() + dt.timedelta(days=3), dt.time(16))
            ),
            duration_minutes=60,
            channel="in_person",
        )
    assert error.value.code == CommonError.ENDED
    assert d(ended) in error.value.messages[0]
    assert not relationship.meetings.filter(starts_at__gt=clock.now()).exists()
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert f"<dt>Asiakkuus päättyi</dt><dd>{d(ended)}</dd>" in page
