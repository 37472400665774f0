"""The dashboard names units, places and municipalities in the page's language
(``Unit.name_in``): its filters, its selection line and its grouped names; no extra queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from polku.accounts.models import Unit
from polku.core import clock
from polku.core.tests.test_documents import pdf_text
from polku.metrics.tests import builders as b
from polku.metrics.tests.test_pages import DASHBOARD, QUERY, TODAY, fill, login
from tests.people import People

pytestmark = pytest.mark.django_db

NAMES = {
    "place": ("Toimintakeskus Testi", "Verksamhetscentret Test"),
    "unit": ("Aikuissosiaalityö, Testilä", "Vuxensocialarbete, Testilä"),
}


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def _named(people: People) -> None:
    Unit.objects.filter(pk=people.place.pk).update(name_sv=NAMES["place"][1])
    Unit.objects.filter(pk=people.unit.pk).update(name_sv=NAMES["unit"][1])


def test_the_dashboard_names_units_and_places_in_the_pages_language(
    client: HttpClient, people: People
) -> None:
    _named(people)
    fill(people, 6)
    login(client, people.manager)
    query = f"{DASHBOARD}?{QUERY}&place={people.place.pk}&unit={people.unit.pk}"
    finnish = client.get(query).text
    client.cookies["polku_language"] = "sv"
    swedish = client.get(query).text
    for finnish_name, swedish_name in NAMES.values():
        assert finnish_name in finnish
        assert swedish_name not in finnish
        assert swedish_name in swedish  # the filter's option and the selection line
        assert finnish_name not in swedish
    assert f'<option value="{people.place.pk}" selected>{NAMES["place"][1]}</option>' in swedish
    pdf = client.get(
        f"{reverse('metrics:dashboard_pdf')}?{QUERY}&place={people.place.pk}&unit={people.unit.pk}"
    )
    text = pdf_text(pdf.content).replace("\n", " ")
    assert NAMES["place"][1] in text  # the PDF is made in the page's language
    assert NAMES["place"][0] not in text


def test_swedish_names_cost_no_extra_queries(client: HttpClient, people: People) -> None:
    _named(people)
    login(client, people.manager)
    fill(people, 4)

    def queries(language: str) -> int:
        client.cookies["polku_language"] = language
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{DASHBOARD}?{QUERY}").status_code == 200
        return len(captured)

    queries("fi")  # the first request also saves the session
    assert queries("sv") == queries("fi")
    for n in range(5):
        b.pathway(
            unit=people.unit,
            worker=people.worker,
            contact=dt.date(2026, 1, 5),
            place=Unit.objects.create(
                kind="work_activity_place",
                name=f"Paja {n}",
                name_sv=f"Verkstad {n}",
                producer_type="association",
                parent=people.organiser,
            ),
            start=dt.date(2026, 3, 2),
            end=dt.date(2026, 5, 29),
        )
    assert queries("sv") == queries("fi")
