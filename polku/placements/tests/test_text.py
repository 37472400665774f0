"""Word analysis: Finnish words meet across inflections and compounds (Voikko), Swedish words
across inflections (Snowball); words that share only a general head do not meet."""

from __future__ import annotations

import pytest

from polku.placements import text
from polku.placements.text import (
    AnalyserUnavailable,
    Match,
    analyse,
    analyse_word,
    first_match,
    match,
    matches,
    shared_word,
)

# (what the worker types, a place's task, whether they meet)
FINNISH = [
    # inflections of one word
    ("puutyö", "puutöitä", True),
    ("puutöitä", "Puutyö", True),
    ("puutyö", "puutöissä", True),
    ("kierrätys", "kierrätyksen", True),
    ("siivous", "siivouksessa", True),
    ("ruoanlaitto", "ruoanlaittoa", True),
    ("keittiö", "keittiössä", True),
    # compounds: the parts' base forms meet, the general head työ/tehtävä may be left out
    ("puutyöt", "Puusepän- ja metallityöt", True),
    ("kierrätys", "kierrätyskeskuksessa", True),
    ("kierrätys", "Kierrätyskeskuksen lajittelu", True),
    ("siivous", "Siivoustyöt", True),
    ("siivoustyöt", "Siivous ja kiinteistönhoito", True),
    ("keittiötyöt", "Työskentely keittiössä", True),
    ("keittiö", "Kahvila- ja keittiötyöt", True),
    ("kahvila", "Kahvila- ja keittiötyöt", True),
    ("asiakaspalvelu", "Kahvilan asiakaspalvelutehtävät", True),
    ("ompelu", "Ompelimo: ompelutyöt", True),
    # spelling variants that Voikko gives one base form
    ("ruoanlaitto", "Ruuanlaitto ja leivonta", True),
    ("ruoan laitto", "ruoanlaitto", True),
    # a verb meets a noun derived from it
    ("kuljettaminen", "Kuljetus", True),
    ("ommella", "ompelu", True),
    ("huonekalujen kunnostaminen", "Huonekalujen kunnostus", True),
    # sharing only "työ" is no match
    ("puutyö", "Siivoustyöt", False),
    ("siivoustyöt", "Puutyöt", False),
    ("keittiötyöt", "Varastotyöt", False),
    # every word of the interest must be found
    ("kahvilan asiakaspalvelu", "Asiakaspalvelu", False),
    ("kahvilan asiakaspalvelu", "Asiakaspalvelu kahvilassa", True),
    # what morphology cannot know: a synonym, a verb against a differently derived noun
    ("ruoanlaitto", "Keittiötyöt", False),
    ("siivoaminen", "Siivous", False),
]

SWEDISH = [
    ("träarbete", "Träarbeten", True),
    ("träarbeten", "träarbete", True),
    ("städning", "Städning och fastighetsskötsel", True),
    ("återvinning", "Återvinningen", True),
    ("träarbete", "Städning", False),
]


@pytest.mark.parametrize(("interest", "task", "expected"), FINNISH + SWEDISH)
def test_words_meet_across_inflections_and_compounds(interest, task, expected):
    assert matches(interest, task) is expected


# The words: puutyö, puutöitä and puusepäntyöt meet one another; puutarhatyöt is about
# gardens, not wood. (interest, task, how they meet)
WOOD = [
    ("puutyö", "Puutöitä", Match.FULL),
    ("puutöitä", "Puutyö", Match.FULL),
    ("puutyö", "Puusepäntyöt", Match.PARTIAL),
    ("puutöitä", "Puusepäntyöt", Match.PARTIAL),
    ("puusepäntyöt", "Puutöitä", Match.PARTIAL),
    ("puusepäntyöt", "Puutyö", Match.PARTIAL),
    ("puusepäntyöt", "Puusepän työt", Match.FULL),
    ("puusepäntyöt", "Puusepän- ja metallityöt", Match.FULL),
    ("puutyö", "Puutarhatyöt", None),
    ("puutöitä", "Puutarhatyöt", None),
    ("puusepäntyöt", "Puutarhatyöt", None),
    ("puutarhatyöt", "Puutyöt", None),
    ("puu", "Puutarhassa", None),
    ("puutarhatyöt", "Puutarhan hoito", Match.FULL),
    ("puutarha", "Kotipuutarhassa", Match.FULL),
    ("asiakaspalvelu", "Kahvilan asiakaspalvelutehtävät", Match.FULL),
]


@pytest.mark.parametrize(("interest", "task", "expected"), WOOD)
def test_puutyo_puutoita_and_puusepantyot_meet_and_puutarhatyot_does_not(interest, task, expected):
    assert match(interest, task) is expected
    assert matches(interest, task) is (expected is not None)


def test_a_compound_is_its_modifier_and_head_as_whole_base_words():
    word = analyse_word("puusepäntyöt")
    assert word is not None
    assert word.keys == {"puusepäntyö", "puuseppä", "työ"}
    assert frozenset({"puuseppä"}) in word.readings
    # The modifier's own parts only make a partial match.
    assert {"puu", "seppä"} <= word.parts
    assert not {"puu", "seppä"} & word.keys


def test_a_lexicalised_compound_is_one_base_word():
    word = analyse_word("puutarhatyöt")
    assert word is not None
    assert word.keys == {"puutarhatyö", "puutarha", "työ"}
    assert "puu" not in word.parts
    garden = analyse_word("kotipuutarhassa")
    assert garden is not None
    assert {"koti", "puutarha"} <= garden.keys
    assert "puu" not in garden.parts


def test_a_partial_match_names_the_shared_word():
    assert shared_word("puutyö", "Puusepäntyöt") == "puu"
    assert shared_word("puusepäntyöt", "Puutöitä") == "puu"
    assert shared_word("puutyö", "Siivoustyöt") == ""


def test_inflected_forms_give_the_same_base_form():
    assert analyse("puutöitä").keys == analyse("puutyö").keys
    assert "kierrätyskeskus" in analyse("kierrätyskeskuksessa").keys


def test_swedish_words_become_their_stems_apart_from_finnish_keys():
    assert analyse("träarbeten").keys == frozenset({f"{text.SWEDISH}träarbet"})


def test_function_words_carry_nothing():
    assert not analyse("ja tai sekä och eller")
    assert [word.surface for word in analyse("Puutyöt ja siivous").words] == ["Puutyöt", "siivous"]


def test_an_interest_without_content_matches_nothing():
    assert not matches("", "Puutyöt")
    assert not matches("ja", "ja")
    assert first_match("  ", ["Puutyöt"]) is None


def test_first_match_prefers_a_full_match_then_the_first_in_order():
    tasks = ["Myymälätyöt", "Puusepäntyöt", "Puutöiden viimeistely"]
    assert first_match("puutyö", tasks) == ("Puutöiden viimeistely", Match.FULL)
    assert first_match("puutyö", tasks[:2]) == ("Puusepäntyöt", Match.PARTIAL)
    assert first_match("ompelu", tasks) is None


def test_a_missing_voikko_says_which_debian_packages_to_install(monkeypatch):
    import libvoikko

    def no_library(language):
        raise OSError("libvoikko.so.1: cannot open shared object file")

    def no_dictionary(language):
        raise libvoikko.VoikkoException("Initialization of Voikko failed: No valid dictionaries")

    try:
        for failure in (no_library, no_dictionary):
            monkeypatch.setattr(libvoikko, "Voikko", failure)
            text.voikko.cache_clear()
            with pytest.raises(AnalyserUnavailable, match="libvoikko1 and voikko-fi"):
                text.voikko()
            (warning,) = text.analyser_check()
            assert warning.id == "placements.W001"
            assert "libvoikko1 and voikko-fi" in warning.msg
    finally:
        monkeypatch.undo()
        text.voikko.cache_clear()
    assert text.voikko().analyze("puutöitä")[0]["BASEFORM"] == "puutyö"
    assert text.analyser_check() == []
