"""The start page's "what you can do here" links an open end-of-period survey (only while one
is open) and the page for asking who has read the client's information (the user test of
OmaPolku found neither)."""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.closure.tests.builders import ended_period
from polku.feedback import services as feedback_services
from polku.placements.models import Period
from tests.people import People, role_user

pytestmark = pytest.mark.django_db


def _login(client: DjangoClient, period: Period) -> User:
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma")
    person.save(update_fields=["user"])
    client.force_login(person.user)
    return person.user


def test_an_open_survey_and_the_log_request_page_are_linked(
    client: DjangoClient, people: People
) -> None:
    period = ended_period(people)
    me = _login(client, period)
    page = client.get(reverse("portal:client_start")).text
    survey = reverse("feedback:survey", args=[period.pk])
    assert f'href="{survey}"' in page
    assert f"Vastaa kyselyyn jaksostasi paikassa {people.place.name}" in page
    assert f'href="{reverse("records:own_log_requests")}"' in page
    assert "Kuka on katsonut tietojani" in page
    # Answered, the survey is no longer offered.
    feedback_services.survey_answer(
        actor=me,
        client=period.relationship.client,
        period=period,
        answers={"planning": (3, "")},
    )
    page = client.get(reverse("portal:client_start")).text
    assert f'href="{survey}"' not in page
    assert f'href="{reverse("records:own_log_requests")}"' in page


def test_no_survey_link_while_the_period_is_under_way(client: DjangoClient, people: People) -> None:
    period = running_period(people)
    _login(client, period)
    page = client.get(reverse("portal:client_start")).text
    assert "/palaute/kysely/" not in page
