"""The client's info package after the user test of OmaPolku: the PDF gives the worker's own
direct phone as the page does (the staff print keeps the office number); travel costs are
promised only once their decision is made; the start page's "who does what" names the place's
instructor the info package names."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from pypdf import PdfReader

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.core import clock
from polku.placements import services as placement_services
from polku.placements.models import Period, PlaceProfile
from polku.portal.models import ReachableTime
from tests.people import People, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people)


@pytest.fixture
def me(period: Period) -> User:
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma")
    person.save(update_fields=["user"])
    return person.user


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_clients_pdf_gives_the_workers_direct_phone_the_staff_print_the_office(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    unit = period.relationship.unit
    unit.phone = "029 123 4000"
    unit.save(update_fields=["phone"])
    ReachableTime.objects.create(user=people.worker, phone="029 123 4511", weekdays="")
    client.force_login(me)
    own = _pdf_text(client.get(reverse("portal:info_package_pdf", args=[period.pk])).content)
    assert "Puhelin 029 123 4511" in own
    assert "Toimiston puhelin" not in own
    client.force_login(people.worker)
    url = reverse("placements:period", args=[period.pk]) + "?pdf=client"
    printed = _pdf_text(client.get(url).content)
    assert "Toimiston puhelin (kysy omaa työntekijääsi) 029 123 4000" in printed
    assert "029 123 4511" not in printed


def _plan_travel(period: Period) -> None:
    """The period planned with travel compensation (set at planning; no service edits it)."""
    Period.objects.filter(pk=period.pk).update(travel_compensation=True)


def test_travel_costs_are_promised_only_once_decided(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    _plan_travel(period)
    draft = placement_services.decision_draft(
        actor=people.worker,
        relationship=period.relationship,
        kind="matkakorvaus",
        period=period,
        decision_maker=people.decision_maker,
        grounds="Matkat bussilla",
    )
    client.force_login(me)
    page = _text(client.get(reverse("portal:info_package", args=[period.pk])).text)
    assert "Saat rahaa myös matkakuluihin." not in page
    assert "Rahasta matkakuluihin ei ole vielä päätetty." in page
    pdf = _pdf_text(client.get(reverse("portal:info_package_pdf", args=[period.pk])).content)
    assert "Päätöstä matkakulujen korvaamisesta ei ole vielä tehty." in pdf
    placement_services.decision_make(
        actor=people.decision_maker, decision=draft, decided_on=clock.today(), version=1
    )
    page = _text(client.get(reverse("portal:info_package", args=[period.pk])).text)
    assert "Saat rahaa myös matkakuluihin." in page
    assert "ei ole vielä päätetty" not in page
    pdf = _pdf_text(client.get(reverse("portal:info_package_pdf", args=[period.pk])).content)
    assert "ei ole vielä tehty" not in pdf


def test_no_travel_costs_are_mentioned_when_none_are_planned(
    client: DjangoClient, period: Period, me: User
) -> None:
    client.force_login(me)
    page = client.get(reverse("portal:info_package", args=[period.pk])).text
    assert "matkakulu" not in page


def test_the_start_page_and_the_info_package_name_the_same_people_at_the_place(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    PlaceProfile.objects.filter(place=people.place).update(
        contact_name="Pekka Työnohjaaja", contact_phone="040 765 4321"
    )
    client.force_login(me)
    start = _text(client.get(reverse("portal:client_start")).text)
    info = _text(client.get(reverse("portal:info_package", args=[period.pk])).text)
    pdf = _pdf_text(client.get(reverse("portal:info_package_pdf", args=[period.pk])).content)
    for name in (people.place_supervisor.get_full_name(), "Pekka Työnohjaaja"):
        assert name in start, name
        assert name in info, name
    assert "Pekka Työnohjaaja" in pdf
    assert start.count("Ohjaaja työtoimintapaikassa") == 2
    # The supervisor named as the contact person too is listed once.
    PlaceProfile.objects.filter(place=people.place).update(
        contact_name=people.place_supervisor.get_full_name()
    )
    start = _text(client.get(reverse("portal:client_start")).text)
    assert start.count(people.place_supervisor.get_full_name()) == 1
