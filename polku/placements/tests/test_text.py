"""Word analysis: Finnish words meet across inflections and compounds (Voikko), Swedish words
across inflections (Snowball); words that share only a general head do not meet."""

from __future__ import annotations

import pytest

from polku.placements import text
from polku.placements.text import AnalyserUnavailable, analyse, analyse_word, first_match, matches

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
    ("puutyö", "Puusepäntyöt", True),
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


def test_a_compound_offers_the_base_forms_of_its_parts():
    word = analyse_word("puusepäntyöt")
    assert word is not None
    assert {"puusepäntyö", "puu", "seppä", "työ"} <= word.keys
    assert frozenset({"puu", "seppä"}) in word.readings


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


def test_first_match_is_the_first_text_in_order():
    tasks = ["Myymälätyöt", "Puusepäntyöt", "Puutöiden viimeistely"]
    assert first_match("puutyö", tasks) == "Puusepäntyöt"
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
