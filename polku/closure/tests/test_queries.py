"""The closure app's list pages make as many queries with 3N rows as with N (STYLE.md §10,
``tests/queries.py``): the closure page (periods with their certificates and follow-up plans,
the follow-up contact's attempts), the place supervisor's certificates and the client's own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.clients.models import ClientRelationship, Stage
from polku.closure import services
from polku.closure.tests.builders import (
    at_stage,
    consecutive_periods,
    drafted,
    ended,
    moment,
    planned,
)
from polku.core import clock
from polku.evaluation.tests.builders import client_user_for
from polku.placements.models import Period
from tests.people import People
from tests.queries import assert_flat_queries, count_queries

pytestmark = pytest.mark.django_db


def _certified(people: People, count: int, *, give: bool = True) -> list[Period]:
    """One client's ``count`` periods, each with its certificate (given, when ``give``) and its
    follow-up plan, the relationship at S13."""
    periods = consecutive_periods(people, count)
    for period in periods:
        with clock.frozen(moment(period.ends_on + dt.timedelta(days=1))):
            certificate = drafted(people, period)
            if give:
                services.certificate_give(
                    actor=people.worker,
                    certificate=certificate,
                    version=certificate.version,
                    given_on=clock.today(),
                )
            planned(people, period)
    at_stage(periods[0].relationship, Stage.S13_CERTIFICATE)
    return periods


def test_the_closure_page_is_flat_in_the_periods(client: HttpClient, people: People) -> None:
    one = _certified(people, 1, give=False)[0].relationship
    three = _certified(people, 3, give=False)[0].relationship
    client.force_login(people.worker)
    url_one = reverse("closure:closure", args=[one.pk])
    url_three = reverse("closure:closure", args=[three.pk])
    assert "Todistusta ei ole vielä annettu." in client.get(url_three).text
    assert count_queries(client, url_three) == count_queries(client, url_one)


def test_the_closure_page_is_flat_in_the_follow_up_attempts(
    client: HttpClient, people: People
) -> None:
    relationship = ended(people, days_ago=60)
    client.force_login(people.worker)
    url = reverse("closure:closure", args=[relationship.pk])

    def attempt() -> None:
        relationship.refresh_from_db()
        services.follow_up_call_record(
            actor=people.worker,
            relationship=relationship,
            called_on=clock.today(),
            outcome="not_reached",
            note="Ei vastannut.",
        )

    attempt()

    def grow() -> None:
        attempt()
        attempt()

    assert_flat_queries(client, url, grow=grow)
    assert ClientRelationship.objects.get(pk=relationship.pk).stage == Stage.S14_CLOSED


def test_the_place_certificates_are_flat(client: HttpClient, people: People) -> None:
    def period_with_draft() -> None:
        period = running_period(people)
        first_day = period.starts_on
        with clock.frozen(moment(first_day, 15)):
            day_record(
                actor=people.place_supervisor,
                entry=DayEntry(period=period, day=first_day, status="present", hours=Decimal(6)),
            )
        services.certificate_save(
            actor=people.place_supervisor,
            period=period,
            version=None,
            language="fi",
            tasks_done="Puutyöt",
            skills_shown="Täsmällisyys",
            skills_learned="",
            signer_name="Ohjaaja",
            signer_title="työnjohtaja",
        )

    period_with_draft()
    client.force_login(people.place_supervisor)

    def grow() -> None:
        period_with_draft()
        period_with_draft()

    url = reverse("closure:place_certificates")
    assert_flat_queries(client, url, grow=grow)
    assert client.get(url).text.count("/todistus/") >= 3


def test_the_clients_own_certificates_are_flat(client: HttpClient, people: People) -> None:
    one = client_user_for(_certified(people, 1)[0])
    three_periods = _certified(people, 3)
    three = client_user_for(three_periods[0])
    url = reverse("closure:own_certificates")
    client.force_login(three)
    page = client.get(url).text
    assert page.count("/pdf/") == 3
    with_three = count_queries(client, url)
    client.force_login(one)
    assert count_queries(client, url) == with_three
