"""Satisfaction by place and producer type on the dashboard: the survey's 7-answer rule, the
filters that apply (period → calendar year, place, producer type) and those that cannot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.core import clock
from polku.feedback.tests.builders import load
from polku.metrics.tests import builders as b
from tests.factories import PlaceFactory
from tests.people import People

D = dt.date
TODAY = D(2026, 7, 1)
DASHBOARD = reverse("metrics:dashboard")


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def _table(client: HttpClient, people: People, query: str = "") -> dict[str, list[str]]:
    client.force_login(people.manager)
    response = client.get(f"{DASHBOARD}?starts_on=1.1.2026&ends_on=30.6.2026{query}")
    assert response.status_code == 200
    table = response.context["board"].table("satisfaction")
    return {row.label: [c.text() for c in row.cells] for row in table.rows}


def test_a_place_with_seven_answers_is_shown_one_with_fewer_is_not(
    client: HttpClient, people: People
) -> None:
    load(people.place, 7, score=3)
    load(people.place, 1, score=4)  # 8 answers: 7×3 and 1×4
    load(people.company_place, 6, score=1)
    rows = _table(client, people)
    assert rows[people.place.name] == ["8", "3,1", "100 %"]
    # The average and the share say "answers": "<7" under a percentage would read as a figure.
    assert rows[people.company_place.name] == ["<7", "<7 vast.", "<7 vast."]
    company = _("Producer type: %(type)s") % {
        "type": str(people.company_place.get_producer_type_display())
    }
    # The company type is the one hidden place: it would give the place's figures.
    assert rows[company] == ["<7", "<7 vast.", "<7 vast."]
    page = client.get(f"{DASHBOARD}?starts_on=1.1.2026&ends_on=30.6.2026").content.decode()
    assert 'id="chart-satisfaction"' in page
    assert "&lt;7" in page


def test_the_period_chooses_the_calendar_year(client: HttpClient, people: People) -> None:
    load(people.place, 7, month=D(2025, 5, 1))
    rows = _table(client, people)
    assert people.place.name not in rows  # no answers in 2026: not a row of nothing
    assert rows == {}
    client.force_login(people.manager)
    response = client.get(f"{DASHBOARD}?starts_on=1.1.2025&ends_on=31.12.2025")
    table = response.context["board"].table("satisfaction")
    place = next(r for r in table.rows if r.label == people.place.name)
    assert place.cells[0].text() == "7"
    assert "2025" in table.note
    assert "Paikkoja, joista ei ole vuoden aikana vastauksia, ei luetella." in table.note
    # A place chosen is shown even without answers.
    chosen = client.get(f"{DASHBOARD}?starts_on=1.1.2026&ends_on=30.6.2026&place={people.place.pk}")
    rows = chosen.context["board"].table("satisfaction").rows
    assert [(r.label, r.cells[0].text()) for r in rows] == [(people.place.name, "0")]


def test_place_and_producer_type_choose_rows_other_filters_are_named(
    client: HttpClient, people: People
) -> None:
    load(people.place, 7)
    load(people.company_place, 7)
    rows = _table(client, people, f"&place={people.place.pk}")
    assert list(rows) == [people.place.name]
    rows = _table(client, people, "&producer_type=company")
    assert people.place.name not in rows
    assert people.company_place.name in rows
    client.force_login(people.manager)
    response = client.get(
        f"{DASHBOARD}?starts_on=1.1.2026&ends_on=30.6.2026&gender=female&age_band=u25"
    )
    note = response.context["board"].table("satisfaction").note
    assert (
        str(
            _("Not applied to the survey: %(filters)s.") % {"filters": f"{_('age')}, {_('gender')}"}
        )
        in note
    )


def test_a_producer_type_that_would_give_away_a_small_place_reads_x(
    client: HttpClient, people: People
) -> None:
    second = PlaceFactory.create(name="Toinen työpaja", parent=people.organiser)
    load(people.place, 8)
    load(second, 3)  # same producer type: 11 in all, 3 left over beside the shown place
    rows = _table(client, people)
    kind = _("Producer type: %(type)s") % {"type": str(people.place.get_producer_type_display())}
    assert rows[people.place.name][0] == "8"
    assert rows[second.name] == ["<7", "<7 vast.", "<7 vast."]
    assert rows[kind] == ["x", "x", "x"]
