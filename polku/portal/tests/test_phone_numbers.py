"""A worker's direct phone is a phone number (the user test of OmaPolku: "soita minulle" was
saved and shown to the client as ``tel:soitaminulle``): refused on the worker's own page and on
the configuration site in Finnish and Swedish, with the days and hours refused at once; a text
saved before the rule is not shown as the worker's phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as DjangoClient
from django.urls import reverse

from polku.portal import services
from polku.portal.errors import PortalError
from polku.portal.models import ReachableTime
from polku.portal.phones import is_phone_number
from tests.people import People

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("029 123 4511", True),
        ("+358 (0)40 123-4567", True),
        ("12345", True),
        ("1234", False),
        ("soita minulle", False),
        ("040 123 4567 tai 050", False),
        ("040.123.4567", False),
    ],
)
def test_what_is_a_phone_number(text: str, ok: bool) -> None:
    assert is_phone_number(text) is ok


def test_the_service_refuses_words_as_a_phone_with_the_hours_at_once(people: People) -> None:
    with pytest.raises(ValidationError) as refused:
        services.reachable_time_save(
            actor=people.worker,
            phone="soita minulle",
            weekdays=["1"],
            starts_at=dt.time(11),
            ends_at=dt.time(9),
        )
    errors = refused.value.error_dict
    assert set(errors) == {"phone", "ends_at"}
    assert errors["phone"][0].code == PortalError.PHONE
    assert not ReachableTime.objects.exists()


def test_the_worker_is_told_in_their_language_and_keeps_what_they_typed(
    client: DjangoClient, people: People
) -> None:
    client.force_login(people.worker)
    data = {"phone": "soita minulle", "weekdays": ["1"], "starts_at": "9", "ends_at": "11"}
    response = client.post(reverse("phone_hours:edit"), data)
    assert response.status_code == 200
    assert "Kirjoita puhelinnumero numeroin, esimerkiksi 029 123 4511." in response.text
    assert 'value="soita minulle"' in response.text
    client.cookies["polku_language"] = "sv"
    response = client.post(reverse("phone_hours:edit"), data)
    assert "Skriv telefonnumret med siffror, till exempel 029 123 4511." in response.text
    assert not ReachableTime.objects.exists()
    data["phone"] = "+358 29 123 4511"
    assert client.post(reverse("phone_hours:edit"), data).status_code == 302
    assert ReachableTime.objects.get().phone == "+358 29 123 4511"


def test_the_configuration_site_refuses_it_too(client: DjangoClient, people: People) -> None:
    client.force_login(people.administrator)
    response = client.post(
        reverse("admin:portal_reachabletime_add"),
        {"user": people.worker.pk, "phone": "soita minulle", "weekdays": "12"},
    )
    assert response.status_code == 200
    assert "Kirjoita puhelinnumero numeroin" in response.text
    assert not ReachableTime.objects.exists()


def test_an_old_text_is_not_shown_as_the_workers_phone(
    client: DjangoClient, people: People
) -> None:
    """A row saved before the rule stays as it is (nothing removed); the client is given the
    unit's phone, as for a worker without a direct one."""
    ReachableTime.objects.create(user=people.worker, phone="soita minulle", weekdays="")
    unit = people.unit
    unit.phone = "029 123 4000"
    unit.save(update_fields=["phone"])
    client.force_login(people.client)
    page = client.get(reverse("portal:client_start")).text
    assert "soita minulle" not in page
    assert 'href="tel:0291234000"' in page
    assert "Numero on toimiston numero." in page
    assert ReachableTime.objects.get().phone == "soita minulle"
