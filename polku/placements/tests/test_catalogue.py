"""The place catalogue and a client's suggestions: filters, reasons in words, bad input kept, and
a query count that stays flat from 10 to 300 places."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from polku.accounts.models import ProducerType, Unit, UnitKind
from polku.placements.models import PlaceProfile
from tests.people import People

pytestmark = pytest.mark.django_db


def add_place(
    people: People, name: str, *, tasks: str, postal_code: str, capacity: int = 3
) -> Unit:
    place = Unit.objects.create(
        kind=UnitKind.WORK_ACTIVITY_PLACE,
        name=name,
        producer_type=ProducerType.ASSOCIATION,
        parent=people.organiser,
        postal_code=postal_code,
        city="Lahti",
    )
    PlaceProfile.objects.create(
        place=place,
        field="Käsityö",
        tasks=tasks,
        weekdays="1234",
        opens_at=dt.time(8),
        closes_at=dt.time(15),
        capacity=capacity,
        accessibility=["wheelchair"],
    )
    return place


def test_the_catalogue_finds_places_across_inflections(client: HttpClient, people: People) -> None:
    add_place(
        people, "Puupaja Lastu", tasks="Puusepäntyöt\nKalusteiden kunnostus", postal_code="15100"
    )
    add_place(people, "Siivouspalvelu Kiilto", tasks="Siivoustyöt", postal_code="15100")
    client.force_login(people.worker)
    response = client.get(reverse("placements:catalogue"), {"text": "puutöitä"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Puupaja Lastu" in text
    assert "Siivouspalvelu Kiilto" not in text


def test_the_catalogue_keeps_bad_input_and_says_what_is_wrong(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.worker)
    response = client.get(
        reverse("placements:catalogue"),
        {"text": "puutyö", "home_postal_code": "00000", "max_km": "20"},
    )
    text = response.content.decode()
    assert "Polku ei tunne tätä postinumeroa." in text
    assert 'value="puutyö"' in text


def test_suggestions_rank_places_with_reasons_in_words(client: HttpClient, people: People) -> None:
    near = add_place(people, "Puupaja Lastu", tasks="Puusepäntyöt", postal_code="15100")
    add_place(people, "Siivouspalvelu Kiilto", tasks="Siivoustyöt", postal_code="15100")
    client_record = people.relationship.client
    client_record.postal_code = "15110"
    client_record.save()
    client.force_login(people.worker)
    url = reverse("placements:suggestions", args=[people.relationship.pk])
    response = client.get(url, {"interests": "puutyöt", "weekdays": ["0", "1"]})
    text = response.content.decode()
    assert response.status_code == 200
    assert text.index("Puupaja Lastu") < text.index("Siivouspalvelu Kiilto")
    assert "puutyöt" in text.split("Puupaja Lastu")[1]
    assert near.name in text


def test_suggestions_are_404_without_a_basis(client: HttpClient, people: People) -> None:
    client.force_login(people.worker_other_unit)
    response = client.get(reverse("placements:suggestions", args=[people.relationship.pk]))
    assert response.status_code == 404


def _count(client: HttpClient, url: str, data: dict[str, str]) -> int:
    client.get(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)


def test_catalogue_and_suggestions_queries_stay_flat_from_10_to_300_places(
    client: HttpClient, people: People
) -> None:
    for n in range(10):
        add_place(people, f"Paikka {n:03}", tasks="Puutyöt", postal_code="15100")
    client.force_login(people.worker)
    catalogue = reverse("placements:catalogue")
    suggestions = reverse("placements:suggestions", args=[people.relationship.pk])
    few = (
        _count(client, catalogue, {"text": "puu"}),
        _count(client, suggestions, {"interests": "puu"}),
    )
    for n in range(10, 300):
        add_place(people, f"Paikka {n:03}", tasks="Siivous", postal_code="15100")
    many = (
        _count(client, catalogue, {"text": "puu"}),
        _count(client, suggestions, {"interests": "puu"}),
    )
    assert many == few


def test_a_company_is_not_suggested_as_the_kuty_producer(
    client: HttpClient, people: People
) -> None:
    add_place(people, "Puupaja Lastu", tasks="Puusepäntyöt", postal_code="15100")
    PlaceProfile.objects.create(place=people.company_place, tasks="Puusepäntyöt", capacity=5)
    client.force_login(people.worker)
    url = reverse("placements:suggestions", args=[people.relationship.pk])
    text = client.get(url, {"interests": "puutyöt"}).content.decode()
    assert "Puupaja Lastu" in text
    assert people.company_place.name not in text
    catalogue = client.get(reverse("placements:catalogue"), {"text": "puutyöt"}).content.decode()
    assert people.company_place.name in catalogue  # it may still give support and guidance


MENU_LINK = 'href="/tyotoiminta/paikat/"'


@pytest.mark.parametrize("role", ["worker", "worker_other_unit", "decision_maker"])
def test_the_catalogue_is_in_the_main_menu_of_the_desk_roles(
    client: HttpClient, people: People, role: str
) -> None:
    client.force_login(getattr(people, role))
    assert reverse("placements:catalogue") == "/tyotoiminta/paikat/"
    start = client.get(reverse("clients:caseload")).content.decode()
    menu = start.split('class="main-nav"')[1].split("</nav>")[0]
    assert f"<a {MENU_LINK}>Työtoimintapaikat</a>" in menu
    page = client.get(reverse("placements:catalogue"), {"text": "puutyö"}).content.decode()
    menu = page.split('class="main-nav"')[1].split("</nav>")[0]
    assert f'<a {MENU_LINK} aria-current="page">Työtoimintapaikat</a>' in menu
    assert menu.count('aria-current="page"') == 1


@pytest.mark.parametrize("role", ["place_supervisor", "manager", "administrator"])
def test_roles_that_may_not_use_the_catalogue_do_not_see_it(
    client: HttpClient, people: People, role: str
) -> None:
    client.force_login(getattr(people, role))
    page = client.get("/", follow=True).content.decode()
    assert 'class="main-nav"' in page
    assert MENU_LINK not in page


def test_suggestions_show_the_best_places_and_all_of_them_when_asked(
    client: HttpClient, people: People
) -> None:
    for n in range(25):
        add_place(people, f"Siivous {n:03}", tasks="Siivous", postal_code="15100")
    add_place(people, "Puupaja Lastu", tasks="Puusepäntyöt", postal_code="15100")
    client.force_login(people.worker)
    url = reverse("placements:suggestions", args=[people.relationship.pk])
    text = client.get(url, {"interests": "puutyöt"}).content.decode()
    assert text.count('<li class="card">') == 20
    assert "Puupaja Lastu" in text  # the best place comes first, whatever its name
    assert "Näytetään 20 parasta 26 paikasta." in text
    assert "kaikki=1" in text
    assert "interests=puuty" in text
    everything = client.get(url, {"interests": "puutyöt", "kaikki": "1"}).content.decode()
    assert everything.count('<li class="card">') == 26
    assert "Näytä kaikki paikat" not in everything
