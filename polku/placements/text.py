"""Word analysis for the place catalogue and matching: Finnish through Voikko, Swedish through
Snowball (decision 0009).

A text becomes `Terms`: for each content word, the keys it offers to a match and what must be
found for the word itself to count as found. Finnish words are analysed by Voikko (Debian's
`libvoikko1` and `voikko-fi`, through the `libvoikko` binding), which gives each reading's base
form and the base forms of a compound's parts: *puusepäntyöt* offers {puusepäntyö, puu, seppä,
työ}, *puutöitä* {puutyö, puu, työ}, *kierrätyskeskuksessa* {kierrätyskeskus, kierrätys,
keskus, kierrättää}. A compound is found when its parts are, except a general head such as
*työ* (work) or *tehtävä* (task): *puutyö* is found in *puusepäntyöt* and *keittiötyöt* in
*keittiössä*, while *puutyö* and *siivoustyöt* share only *työ* and do not meet.

Words Voikko does not know are taken as Swedish and reduced to their Snowball stem
(*träarbete* and *träarbeten* → *träarbet*). Snowball does not split Swedish compounds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import libvoikko
import snowballstemmer
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

DEBIAN_PACKAGES = ("libvoikko1", "voikko-fi")

# Voikko's word classes that carry no content for matching: conjunctions, the negation verb,
# pronouns, interjections and adpositions.
STOP_CLASSES = frozenset({"sidesana", "kieltosana", "asemosana", "huudahdussana", "suhdesana"})

# Heads of a compound that say only "work" or "task": dropped from what must be found when the
# compound has another part, so that an interest in *puutyö* meets *puusepäntyöt* and
# *keittiötyöt* meets *keittiössä*.
GENERAL_HEADS = frozenset({"työ", "tehtävä", "toiminta", "homma", "askare"})

# Swedish function words (Snowball has no stop list of its own).
SWEDISH_STOP_WORDS = frozenset(
    {
        "och",
        "eller",
        "samt",
        "i",
        "på",
        "med",
        "till",
        "av",
        "för",
        "som",
        "en",
        "ett",
        "är",
        "att",
        "det",
        "den",
        "de",
        "om",
        "vid",
        "från",
        "inom",
    }
)

SWEDISH = "sv:"
"""Prefix of the keys that come from the Swedish stemmer, so they never meet a Finnish base form."""

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-?")
_WORD_BASES = re.compile(r"\+([^+()]*)(?:\(([^)]*)\))?")


class AnalyserUnavailable(ImproperlyConfigured):
    """Voikko or its Finnish dictionary is not installed."""


class _Voikko:
    """One Voikko handle for the process; libvoikko handles are not thread-safe, so a lock."""

    def __init__(self) -> None:
        try:
            self._handle: Any = libvoikko.Voikko("fi")
        except (OSError, libvoikko.VoikkoException) as error:
            raise AnalyserUnavailable(
                "Finnish word analysis needs Voikko and its Finnish dictionary: install the "
                f"Debian packages {' and '.join(DEBIAN_PACKAGES)} ({error})."
            ) from error
        self._lock = threading.Lock()

    def analyze(self, word: str) -> list[dict[str, str]]:
        with self._lock:
            return list(self._handle.analyze(word))


@cache
def voikko() -> _Voikko:
    """The process's Voikko, made on first use."""
    return _Voikko()


def analyser_check(**kwargs: Any) -> list[checks.CheckMessage]:
    """A Django system check (for `checks.register` in the app's `ready()`): warns at start-up
    when Voikko is missing, instead of at the first match."""
    try:
        voikko()
    except AnalyserUnavailable as error:
        return [checks.Warning(str(error), id="placements.W001")]
    return []


@cache
def _swedish_stemmer() -> Any:
    return snowballstemmer.stemmer("swedish")


@dataclass(frozen=True, slots=True)
class Word:
    """One content word of a text.

    `keys`: what the word offers when it is looked for (base forms, compound parts, roots).
    `readings`: one set per reading of the word, of what must be found for the word to count
    as found; any one reading is enough.
    """

    surface: str
    keys: frozenset[str]
    readings: tuple[frozenset[str], ...]


@dataclass(frozen=True, slots=True)
class Terms:
    """The content words of one text."""

    text: str
    words: tuple[Word, ...]
    keys: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.words)

    def contains(self, other: Terms) -> bool:
        """Whether every content word of `other` is found among this text's words.

        A text without content words is found nowhere, so an empty interest matches nothing.
        """
        if not other.words:
            return False
        return all(any(reading <= self.keys for reading in word.readings) for word in other.words)


def _base_forms(surface: str) -> list[str]:
    return [
        analysis["BASEFORM"].casefold()
        for analysis in voikko().analyze(surface)
        if analysis.get("BASEFORM")
    ]


@dataclass
class _Part:
    surface: str
    base: str
    derived: bool = False


def _parts(word_bases: str) -> list[_Part]:
    """The parts of Voikko's WORDBASES, e.g. `+puu(puu)+sepän(seppä)+työ(työ)`.

    A derivational suffix (`+us(+us)`) or bare infix (`+täv`) joins the part before it; a bare
    hyphen separates parts.
    """
    parts: list[_Part] = []
    for surface, base in _WORD_BASES.findall(word_bases):
        if base and not base.startswith("+"):
            parts.append(_Part(surface, base.casefold()))
        elif surface == "-":
            continue
        elif parts:
            parts[-1].surface += surface
            parts[-1].derived = True
    return parts


def _reading(analysis: dict[str, str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """(keys, required) of one Voikko reading, or None for a word without content."""
    if analysis.get("CLASS") in STOP_CLASSES:
        return None
    base = analysis.get("BASEFORM", "").casefold().strip("-")
    if not base:
        return None
    keys = {base}
    lemmas: list[str] = []
    for part in _parts(analysis.get("WORDBASES") or ""):
        if part.derived:
            # A derived part (siivo+us, kierrät+ys): its own base form, and its root as a key,
            # so that kuljetus offers kuljettaa and ompelu offers ommella.
            keys.add(part.base)
            lemma = next(iter(_base_forms(part.surface)), part.surface.casefold())
        else:
            lemma = part.base
        keys.add(lemma)
        lemmas.append(lemma)
    if len(lemmas) <= 1:
        return frozenset(keys), frozenset({base})
    if lemmas[-1] in GENERAL_HEADS:
        lemmas.pop()
    return frozenset(keys), frozenset(lemmas)


@lru_cache(maxsize=65536)
def analyse_word(surface: str) -> Word | None:
    """One word's keys and readings, or None for a function word."""
    readings: list[frozenset[str]] = []
    keys: set[str] = set()
    analyses = voikko().analyze(surface)
    for analysis in analyses:
        reading = _reading(analysis)
        if reading is None:
            continue
        keys |= reading[0]
        if reading[1] not in readings:
            readings.append(reading[1])
    if analyses:
        if not readings:
            return None
        return Word(surface, frozenset(keys), tuple(readings))
    word = surface.casefold().strip("-")
    if len(word) < 2 or word in SWEDISH_STOP_WORDS:
        return None
    key = SWEDISH + _swedish_stemmer().stemWord(word)
    return Word(surface, frozenset({key}), (frozenset({key}),))


def words(text: str) -> Iterator[str]:
    """The words of a text, hyphenated compounds whole (ATK-tuki, puusepän-)."""
    return (match.group() for match in _WORD.finditer(text))


@lru_cache(maxsize=8192)
def analyse(text: str) -> Terms:
    """The content words of a text, each with its keys and readings."""
    found = tuple(word for surface in words(text) if (word := analyse_word(surface)) is not None)
    keys: frozenset[str] = frozenset().union(*(word.keys for word in found))
    return Terms(text, found, keys)


def matches(query: str, text: str) -> bool:
    """Whether every content word of `query` is found in `text`."""
    return analyse(text).contains(analyse(query))


def first_match(query: str, texts: Iterable[str]) -> str | None:
    """The first of `texts` in which every content word of `query` is found, or None."""
    wanted = analyse(query)
    if not wanted:
        return None
    return next((text for text in texts if analyse(text).contains(wanted)), None)
