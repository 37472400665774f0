"""The survey's results: per place (its supervisor, managers) and per producer type
(managers), only from seven answers on, with no way to subtract a hidden place out of a
producer type; anonymous in reports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.accounts.system import system_actor
from polku.core import clock
from polku.feedback import selectors, services
from polku.feedback.models import Statement
from polku.feedback.tests.builders import all_answers, ended_for_client, last_year, load
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def by_key(groups):
    return {g.key: g for g in groups}


def test_a_place_is_shown_from_seven_answers_on(client, people):
    client.force_login(people.place_supervisor)
    # No answers at all: a text of its own, not "only 0 answers".
    page = client.get(reverse("feedback:results"))
    assert "Vastauksia ei ole vielä." in page.text
    assert "Vasta 0" not in page.text
    client.cookies["polku_language"] = "sv"
    assert "Inga svar ännu." in client.get(reverse("feedback:results")).text
    del client.cookies["polku_language"]
    load(people.place, 1, score=4)
    assert "Vasta 1 vastaus." in client.get(reverse("feedback:results")).text
    load(people.place, 5, score=4)
    page = client.get(reverse("feedback:results"))
    assert "Vasta 6 vastausta." in page.text
    assert "Keskiarvo" not in page.text
    load(people.place, 1, score=2)
    page = client.get(reverse("feedback:results"))
    assert "7 vastausta" in page.text
    assert "Vasta " not in page.text
    assert "Keskiarvo (1–4)" in page.text
    result = selectors.satisfaction(place_ids=[people.place.pk], year=clock.today().year)
    [place] = result.places
    assert place.shown
    planning = next(s for s in place.statements if s.statement == Statement.PLANNING)
    assert (planning.count, planning.counts, round(planning.mean or 0, 2)) == (
        7,
        {1: 0, 2: 1, 3: 0, 4: 6},
        round(26 / 7, 2),
    )


def test_a_statement_answered_by_fewer_than_seven_is_hidden(people):
    services.survey_answers_load(
        actor=system_actor(),
        place=people.place,
        month=clock.today(),
        responses=[{"place": (3, "")}] * 4 + [{"place": (4, ""), "tasks": (3, "")}] * 4,
    )
    [place] = selectors.satisfaction(place_ids=[people.place.pk], year=clock.today().year).places
    shown = {s.statement.value: s.shown for s in place.statements}
    assert shown["place"] is True
    assert shown["tasks"] is False  # 4 answers


def test_a_producer_type_never_gives_away_a_hidden_place(people):
    """Place A (7, shown) and place B (3, hidden) are both associations: the associations'
    10 answers minus A's 7 would be B's 3, so the producer type is not shown either; with B
    at 0 or at 7 it is."""
    other = PlaceFactory.create(name="Toinen yhdistys", parent=people.organiser)
    load(people.place, 7, score=4)
    load(other, 3, score=1)
    ids = [people.place.pk, other.pk]
    year = clock.today().year
    result = selectors.satisfaction(place_ids=ids, year=year)
    places = by_key(result.places)
    assert places[str(people.place.pk)].shown
    assert not places[str(other.pk)].shown
    association = by_key(result.producer_types)["association"]
    assert association.responses == 10
    assert not association.shown
    assert not any(s.shown for s in association.statements)
    load(other, 4, score=1)
    result = selectors.satisfaction(place_ids=ids, year=year)
    assert by_key(result.producer_types)["association"].shown


def test_the_supervisor_sees_their_place_and_the_manager_the_producer_types(client, people):
    load(people.place, 7, score=3, comment="Mukava ohjaaja")
    load(people.company_place, 8, score=2, comment="Liian kiireistä")
    client.force_login(people.place_supervisor)
    page = client.get(reverse("feedback:results")).text
    assert people.place.name in page
    assert people.company_place.name not in page
    assert "Tuottajatyypeittäin" not in page
    assert "Mukava ohjaaja" in page
    assert "Liian kiireistä" not in page
    client.force_login(people.manager)
    page = client.get(reverse("feedback:results")).text
    assert people.company_place.name in page
    assert "Tuottajatyypeittäin" in page
    assert "Yritys" in page
    for who in ("worker", "client", "decision_maker"):
        client.force_login(getattr(people, who))
        assert client.get(reverse("feedback:results")).status_code == 403


def test_reports_are_anonymous(client, people):
    """A client's real answer appears in the results only among the others: no name, no
    identity code, no date, the words in the order of the statements and the words."""
    period = ended_for_client(people)
    services.survey_answer(
        actor=people.client,
        client=people.client_record,
        period=period,
        answers=all_answers(4, "Zeta: paras jakso"),
    )
    load(people.place, 6, score=3, comment="Alfa: ihan hyvä")
    client.force_login(people.manager)
    page = client.get(reverse("feedback:results"), {"year": period.ends_on.year}).text
    assert "Zeta: paras jakso" in page
    assert people.client_record.last_name not in page
    assert people.client_record.masked_identity_code not in page
    assert page.index("Alfa: ihan hyvä") < page.index("Zeta: paras jakso")
    # The metrics' selector gives figures only.
    result = selectors.satisfaction(place_ids=[people.place.pk], year=period.ends_on.year)
    [place] = result.places
    assert place.responses == 7
    assert place.key == str(people.place.pk)


def test_years_are_disjoint(people):
    load(people.place, 7, score=4, month=last_year())
    load(people.place, 2, score=1)
    this_year = selectors.satisfaction(place_ids=[people.place.pk], year=clock.today().year)
    before = selectors.satisfaction(place_ids=[people.place.pk], year=last_year().year)
    assert (this_year.places[0].responses, this_year.places[0].shown) == (2, False)
    assert (before.places[0].responses, before.places[0].shown) == (7, True)
    assert selectors.result_years([people.place.pk]) == [clock.today().year, last_year().year]
