"""The enrolment form shows its own errors and the service's together (a form shows all its
errors at once), and keeps what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.core import clock
from polku.groups.models import Enrolment, LegalStatus
from polku.groups.tests.builders import a_group
from tests.people import People

pytestmark = pytest.mark.django_db


def test_the_enrolment_form_shows_the_forms_and_the_services_errors_together(
    client: HttpClient, people: People
) -> None:
    group = a_group(people)
    client.force_login(people.worker)
    before = group.starts_on - dt.timedelta(days=7)
    response = client.post(
        reverse("groups:enrol", args=[group.pk]),
        {
            "relationship": people.relationship.pk,
            "status": LegalStatus.KUTY,
            "agreed_on": (clock.today() + dt.timedelta(days=3)).strftime("%d.%m.%Y"),
            "agreement": "",  # the form's own refusal
            "starts_on": before.strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"agreement", "status", "agreed_on", "starts_on"}
    assert {e.code for e in errors.as_data()["status"]} == {"plan_needed"}
    assert not Enrolment.objects.filter(group=group).exists()
    # Valid in shape: the service names every refusal at once too.
    response = client.post(
        reverse("groups:enrol", args=[group.pk]),
        {
            "relationship": people.relationship.pk,
            "status": LegalStatus.OTHER_SERVICE,
            "other_service": "",
            "agreed_on": clock.today().strftime("%d.%m.%Y"),
            "agreement": "Kerran viikossa",
            "starts_on": before.strftime("%d.%m.%Y"),
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"other_service", "starts_on"}
    assert "Kerran viikossa" in response.content.decode()
