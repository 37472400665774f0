"""Matching: a ranked list of places for a client, each rank explained by its reasons; and the
catalogue filter."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from polku.placements import text
from polku.placements.geo import coordinates_for
from polku.placements.matching import (
    GOAL_POINTS,
    GOAL_RELATED_POINTS,
    INTEREST_POINTS,
    INTEREST_RELATED_POINTS,
    AccessibilityFeature,
    ClientNeeds,
    PlaceFacts,
    Reason,
    ReasonKind,
    Suggestion,
    assess,
    search,
    suggest,
)

HELSINKI = coordinates_for("00100")
ESPOO = coordinates_for("02100")  # Tapiola, about 7 km from Helsinki centre
VANTAA = coordinates_for("01300")  # Tikkurila, about 16 km
TAMPERE = coordinates_for("33100")  # about 160 km
assert HELSINKI
assert ESPOO
assert VANTAA
assert TAMPERE

WEEKDAYS = frozenset({0, 1, 2, 3, 4})


@pytest.fixture(autouse=True, scope="module")
def _voikko_loaded():
    """Load Voikko (about 0.3 s) before hypothesis times its first example."""
    text.voikko()


def place(id: int, name: str, point=HELSINKI, **facts) -> PlaceFacts:
    defaults = {
        "weekdays": WEEKDAYS,
        "opens": dt.time(8),
        "closes": dt.time(15),
        "free_places": 2,
        "lat": point[0],
        "lon": point[1],
        "municipality": "Helsinki",
    }
    return PlaceFacts(id=id, name=name, **(defaults | facts))


WORKSHOP = place(
    1,
    "Puuverstas",
    point=ESPOO,
    field="Puutyöt",
    tasks=["Puusepäntyöt", "Huonekalujen kunnostus"],
    accessibility={"wheelchair"},
    municipality="Espoo",
)
RECYCLING = place(
    2,
    "Kierrätyskeskus",
    point=VANTAA,
    field="Kierrätys",
    tasks=["Lajittelu", "Myymälätyöt"],
    municipality="Vantaa",
)
CAFE = place(3, "Kahvila Kulma", field="Kahvila", tasks=["Keittiötyöt", "Asiakaspalvelu"])
FULL_WORKSHOP = place(4, "Puutyöpaja", field="Puutyöt", tasks=["Puutyöt"], free_places=0)
FAR_WORKSHOP = place(5, "Tampereen puupaja", point=TAMPERE, tasks=["Puutyöt"])
PLACES = [CAFE, FAR_WORKSHOP, RECYCLING, FULL_WORKSHOP, WORKSHOP]

NEEDS = ClientNeeds(
    interests=["puutöitä", "kierrätys"],
    goals=["huonekalujen kunnostaminen"],
    weekdays={1, 3},
    hours=(dt.time(9), dt.time(14)),
    accessibility_needs={"wheelchair"},
    home=HELSINKI,
)


def by_name(suggestions: list[Suggestion]) -> dict[str, Suggestion]:
    return {suggestion.place.name: suggestion for suggestion in suggestions}


def test_places_are_ranked_with_their_reasons():
    ranked = suggest(NEEDS, PLACES)
    assert [s.place.name for s in ranked] == [
        "Puuverstas",
        "Kierrätyskeskus",
        "Kahvila Kulma",
        "Puutyöpaja",
        "Tampereen puupaja",
    ]
    workshop = ranked[0]
    kinds = [reason.kind for reason in workshop.reasons]
    assert kinds == [
        ReasonKind.TASK_MATCH,
        ReasonKind.GOAL_MATCH,
        ReasonKind.DISTANCE,
        ReasonKind.FREE_PLACES,
        ReasonKind.WEEKDAYS_FIT,
        ReasonKind.HOURS_FIT,
        ReasonKind.ACCESSIBILITY_MET,
    ]
    # The field "Puutyöt" meets "puutöitä" fully, so it is named before the partial
    # "Puusepäntyöt".
    assert workshop.reasons[0] == Reason(
        "task_match", points=INTEREST_POINTS, interest="puutöitä", task="Puutyöt"
    )
    assert workshop.reasons[1].params == {
        "goal": "huonekalujen kunnostaminen",
        "task": "Huonekalujen kunnostus",
    }
    assert workshop.reasons[2].params["km"] == pytest.approx(7, abs=2)
    assert workshop.reasons[4].params == {"days": (1, 3)}
    assert workshop.score == sum(reason.points for reason in workshop.reasons)


def test_the_cafe_meets_no_interest_and_lacks_the_wheelchair_access():
    cafe = by_name(suggest(NEEDS, PLACES))["Kahvila Kulma"]
    assert Reason("no_task_match") in cafe.reasons
    missing = [r for r in cafe.reasons if r.kind == ReasonKind.ACCESSIBILITY_MISSING]
    assert [r.params["need"] for r in missing] == ["wheelchair"]
    assert missing[0].points < 0
    assert cafe.available


def test_full_and_far_places_are_shown_after_the_others_with_the_reason():
    ranked = by_name(suggest(NEEDS, PLACES))
    full, far = ranked["Puutyöpaja"], ranked["Tampereen puupaja"]
    assert not full.available
    assert not far.available
    assert Reason("no_free_places") in full.reasons
    (beyond,) = [r for r in far.reasons if r.kind == ReasonKind.BEYOND_LIMIT]
    assert beyond.params["limit"] == 80
    assert beyond.params["km"] == round(far.km or 0, 1)
    assert 155 < (far.km or 0) < 165
    # Both meet the interest in woodwork, and still come after the café, which meets nothing.
    assert full.score > ranked["Kahvila Kulma"].score
    assert far.score > ranked["Kahvila Kulma"].score


def test_the_limit_and_the_daily_hours_can_be_given():
    far = assess(NEEDS, FAR_WORKSHOP, limit_km=200)
    assert far.available
    assert far.reasons[1].kind == ReasonKind.DISTANCE
    short_day = assess(NEEDS, WORKSHOP, min_hours_per_day=6)
    assert Reason("hours_no_fit", points=-2, opens=dt.time(8), closes=dt.time(15), hours=6) in (
        short_day.reasons
    )


def test_unknown_distance_and_unstated_needs_give_no_fit_or_miss():
    nowhere = dataclasses.replace(CAFE, lat=None, lon=None, opens=None)
    suggestion = assess(ClientNeeds(interests=["kahvila"]), nowhere)
    assert [r.kind for r in suggestion.reasons] == [
        ReasonKind.TASK_MATCH,
        ReasonKind.DISTANCE_UNKNOWN,
        ReasonKind.FREE_PLACES,
    ]
    assert suggestion.km is None
    assert suggestion.available


def test_weekdays_that_do_not_meet_cost_points():
    weekend = ClientNeeds(weekdays={5, 6})
    reasons = assess(weekend, CAFE).reasons
    assert Reason("weekdays_no_fit", points=-2, days=(0, 1, 2, 3, 4)) in reasons


def test_an_interest_counts_once_however_often_it_is_written():
    once = assess(ClientNeeds(interests=["puutyö"]), WORKSHOP)
    twice = assess(ClientNeeds(interests=["puutyö", " Puutyö ", "puutyö"]), WORKSHOP)
    assert once.score == twice.score
    assert once.reasons == twice.reasons


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Kiinnostuksen kohde ”puutöitä” vastaa paikan tehtävää ”Puusepäntyöt”."),
        ("sv", "Intresset ”puutöitä” motsvarar platsens uppgift ”Puusepäntyöt”."),
        ("en", "The interest “puutöitä” meets the place's task “Puusepäntyöt”."),
    ],
)
def test_a_reason_is_one_sentence_in_the_viewers_language(language, expected):
    reason = Reason("task_match", interest="puutöitä", task="Puusepäntyöt")
    with translation.override(language):
        assert reason.label() == expected


def test_parameters_are_written_the_languages_way():
    with translation.override("fi"):
        assert Reason("distance", km=12.3).label() == "12,3 km kotoa."
        assert Reason("weekdays_fit", days=(1, 3)).label() == "Auki asiakkaan päivinä: ti, to."
        assert (
            Reason("hours_fit", opens=dt.time(8), closes=dt.time(15, 30)).label()
            == "Aukioloaika 08.00–15.30 sopii asiakkaan aikoihin."
        )
        assert (
            Reason("accessibility_missing", need="wheelchair").label()
            == "Esteettömyystarve ei täyty: Esteetön pyörätuolilla."
        )
        assert Reason("accessibility_met", need="lift").label() == "Esteettömyys: lift."
    with translation.override("sv"):
        assert (
            Reason("beyond_limit", km=120.0, limit=80).label()
            == "120,0 km hemifrån: utanför pendlingsområdet på 80 km, endast med klientens samtycke."
        )
    with translation.override("en"):
        assert Reason("distance", km=12.3).label() == "12.3 km from home."


@pytest.mark.parametrize("kind", list(ReasonKind))
def test_every_reason_is_translated(kind):
    params: dict[str, Any] = {
        "interest": "puutyö",
        "goal": "päivärytmi",
        "task": "Puutyöt",
        "word": "puu",
        "km": 1.0,
        "limit": 80,
        "count": 2,
        "days": (0,),
        "opens": dt.time(8),
        "closes": dt.time(15),
        "hours": 4,
        "need": AccessibilityFeature.HEARING_LOOP.value,
    }
    reason = Reason(kind, **params)
    with translation.override("en"):
        english = reason.label()
    for language in ("fi", "sv"):
        with translation.override(language):
            assert reason.label() != english
    assert reason.tone in {"good", "bad", "info"}


def test_reasons_say_whether_they_help():
    assert Reason("task_match").tone == "good"
    assert Reason("no_free_places").tone == "bad"
    assert Reason("distance", km=3.0).tone == "info"


# --- the catalogue filter ---------------------------------------------------------------------


def test_a_partial_match_earns_less_and_names_the_shared_word():
    carpentry = place(6, "Verstas", tasks=["Puusepäntyöt"])
    woodwork = place(7, "Paja", tasks=["Puutöitä"])
    garden = place(8, "Puutarha", tasks=["Puutarhatyöt"])
    needs = ClientNeeds(interests=["puutyö"], goals=["puusepäntyöt"])
    (interest, goal) = assess(needs, carpentry).reasons[:2]
    assert interest == Reason(
        "task_related",
        points=INTEREST_RELATED_POINTS,
        interest="puutyö",
        task="Puusepäntyöt",
        word="puu",
    )
    assert goal == Reason(
        "goal_match", points=GOAL_POINTS, goal="puusepäntyöt", task="Puusepäntyöt"
    )
    (interest, goal) = assess(needs, woodwork).reasons[:2]
    assert interest.kind == ReasonKind.TASK_MATCH
    assert goal == Reason(
        "goal_related",
        points=GOAL_RELATED_POINTS,
        goal="puusepäntyöt",
        task="Puutöitä",
        word="puu",
    )
    assert assess(needs, garden).reasons[0] == Reason("no_task_match")
    assert INTEREST_RELATED_POINTS < INTEREST_POINTS
    assert GOAL_RELATED_POINTS < GOAL_POINTS
    ranked = [s.place.name for s in suggest(needs, [garden, carpentry, woodwork])]
    assert ranked == ["Paja", "Verstas", "Puutarha"]
    with translation.override("fi"):
        assert (
            assess(needs, carpentry).reasons[0].label()
            == "Kiinnostuksen kohde ”puutyö” vastaa osittain paikan tehtävää ”Puusepäntyöt”"
            " (yhteinen sana ”puu”)."
        )


def test_search_without_filters_lists_every_place_by_name():
    assert [p.name for p in search(PLACES)] == [
        "Kahvila Kulma",
        "Kierrätyskeskus",
        "Puutyöpaja",
        "Puuverstas",
        "Tampereen puupaja",
    ]


@pytest.mark.parametrize(
    ("filters", "names"),
    [
        ({"field": "puutyö"}, ["Puutyöpaja", "Puuverstas"]),
        ({"field": "Kierrätys"}, ["Kierrätyskeskus"]),
        # puuseppä meets Puusepäntyöt fully, and the other woodwork places through "puu".
        ({"text": "puusepän"}, ["Puutyöpaja", "Puuverstas", "Tampereen puupaja"]),
        ({"text": "puutarhatyöt"}, []),
        ({"text": "kierrätyskeskuksessa"}, ["Kierrätyskeskus"]),
        ({"text": "keittiössä"}, ["Kahvila Kulma"]),
        ({"municipality": " espoo "}, ["Puuverstas"]),
        ({"max_km": 12, "home": HELSINKI}, ["Kahvila Kulma", "Puutyöpaja", "Puuverstas"]),
        ({"accessibility": ["wheelchair"]}, ["Puuverstas"]),
        (
            {"free_only": True},
            ["Kahvila Kulma", "Kierrätyskeskus", "Puuverstas", "Tampereen puupaja"],
        ),
        ({"text": "puutöitä", "free_only": True, "max_km": 80, "home": HELSINKI}, ["Puuverstas"]),
    ],
)
def test_search_filters(filters, names):
    assert [p.name for p in search(PLACES, **filters)] == names


def test_search_by_distance_drops_places_without_coordinates():
    nowhere = dataclasses.replace(CAFE, lat=None, lon=None)
    assert search([nowhere], max_km=1000, home=HELSINKI) == []
    assert search([nowhere]) == [nowhere]


def test_search_by_distance_needs_a_home():
    with pytest.raises(ValueError, match="home"):
        search(PLACES, max_km=10)


# --- properties -------------------------------------------------------------------------------

VOCABULARY = [
    "puutyö",
    "puutöitä",
    "Puusepäntyöt",
    "kierrätys",
    "Kierrätyskeskuksen lajittelu",
    "siivous",
    "Siivoustyöt",
    "ruoanlaitto",
    "Keittiötyöt",
    "asiakaspalvelu",
    "ompelu",
    "träarbete",
    "Träarbeten",
    "päivärytmi",
]
NAMES = ["Aitta", "aitta", "Bod", "Paja", "Paja "]

places_strategy = st.builds(
    PlaceFacts,
    id=st.integers(1, 10_000),
    name=st.sampled_from(NAMES),
    field=st.sampled_from(["", *VOCABULARY]),
    tasks=st.lists(st.sampled_from(VOCABULARY), max_size=3),
    weekdays=st.frozensets(st.integers(0, 6)),
    opens=st.none() | st.sampled_from([dt.time(7), dt.time(9), dt.time(12)]),
    closes=st.none() | st.sampled_from([dt.time(13), dt.time(16)]),
    accessibility=st.frozensets(st.sampled_from(AccessibilityFeature.values)),
    free_places=st.integers(0, 3),
    lat=st.none() | st.floats(59.8, 61.0),
    lon=st.floats(22.0, 27.0),
)
needs_strategy = st.builds(
    ClientNeeds,
    interests=st.lists(st.sampled_from(VOCABULARY), max_size=3),
    goals=st.lists(st.sampled_from(VOCABULARY), max_size=2),
    weekdays=st.frozensets(st.integers(0, 6)),
    hours=st.none() | st.just((dt.time(8), dt.time(14))),
    accessibility_needs=st.frozensets(st.sampled_from(AccessibilityFeature.values), max_size=2),
    home=st.none() | st.tuples(st.floats(59.8, 61.0), st.floats(22.0, 27.0)),
)


@given(needs_strategy, places_strategy, st.sampled_from(VOCABULARY))
def test_adding_an_interest_never_lowers_a_score(needs, place, interest):
    before = assess(needs, place)
    after = assess(dataclasses.replace(needs, interests=[*needs.interests, interest]), place)
    assert after.score >= before.score
    assert after.available == before.available
    already = {" ".join(i.split()).casefold() for i in needs.interests}
    meets = any(
        r.kind == ReasonKind.TASK_MATCH and r.params["interest"] == interest for r in after.reasons
    )
    if meets and interest.casefold() not in already:
        assert after.score == before.score + INTEREST_POINTS


@given(
    needs_strategy, st.lists(places_strategy, max_size=8, unique_by=lambda p: p.id), st.randoms()
)
def test_the_order_is_total_and_does_not_depend_on_the_input_order(needs, places, rng):
    ranked = suggest(needs, places)
    shuffled = list(places)
    rng.shuffle(shuffled)
    assert [s.place.id for s in suggest(needs, shuffled)] == [s.place.id for s in ranked]
    keys = [s.sort_key() for s in ranked]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    # Every available place comes before every place that is full or too far.
    availability = [s.available for s in ranked]
    assert availability == sorted(availability, reverse=True)
    for suggestion in ranked:
        assert suggestion.score == sum(r.points for r in suggestion.reasons)


def test_equal_scores_are_ordered_by_name_then_id():
    twins = [place(9, "Paja"), place(7, "paja"), place(8, "Aitta"), place(6, "Paja")]
    ranked = suggest(ClientNeeds(), random.Random(4).sample(twins, len(twins)))
    assert [(s.place.name, s.place.id) for s in ranked] == [
        ("Aitta", 8),
        ("Paja", 6),
        ("Paja", 9),
        ("paja", 7),
    ]
