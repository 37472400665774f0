"""Word analysis for the place catalogue and matching: Finnish through Voikko, Swedish through
Snowball (decision 0009).

A text becomes `Terms`: its content words, each with the whole base words it offers, what must
be found for the word itself to count as found, and the parts of its compound at any depth.
Finnish words are analysed by Voikko (Debian's `libvoikko1` and `voikko-fi`, through the
`libvoikko` binding), which gives each reading's base form and the base forms of a compound's
parts (WORDBASES). A compound is its modifier and its head, each one whole base word:
*puutöitä* is puu + työ, *puusepäntyöt* puuseppä + työ, *puutarhatyöt* puutarha + työ.

- A word is found **fully** when its base form, or its modifier and head, are among the other
  text's whole base words; a general head such as *työ* (work) or *tehtävä* (task) may be left
  out. *puutyö* meets *puutöitä* and *Puutyöt*; *keittiötyöt* meets *keittiössä*.
- A word is found **partially** when it shares a part other than a general head at any depth:
  *puutyö* and *puusepäntyöt* share *puu*, the modifier of one and a part of the other's
  modifier *puuseppä*. A partial match counts less and is shown with the shared word.
- Sharing only a general head is no match (*puutyö*, *siivoustyöt*), and a part is never
  matched as a prefix of a longer base word: *puu* is not found in *puutarha*.
  Voikko splits *puutarha* into puu + tarha just as it splits *puuseppä*, so the few compounds
  whose parts do not carry their meaning are listed in `LEXICALISED` and kept whole.

Words Voikko does not know are taken as Swedish and reduced to their Snowball stem
(*träarbete* and *träarbeten* → *träarbet*). Snowball does not split Swedish compounds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
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

# Compounds that Voikko splits like any other but that are one word in meaning, so their parts
# are never matched on their own: *puutarha* (garden) is not about *puu* (wood), while
# *puuseppä* (carpenter) is. Voikko marks such words itself when its dictionary has them
# (*isoäiti*: `+isoäiti(iso=äiti)`); voikko-fi 2.5 does not have these. Base forms.
LEXICALISED = frozenset(
    {
        "puutarha",
        "puutarhuri",
        "huonekalu",
        "tietokone",
        "kasvihuone",
        "rautatie",
    }
)

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


class Match(IntEnum):
    """How far one text meets another: `FULL` when every content word is found as a whole base
    word, `PARTIAL` when some word is found only through a part of a compound (decision 0009)."""

    PARTIAL = 1
    FULL = 2


@dataclass(frozen=True, slots=True)
class Word:
    """One content word of a text.

    `keys`: the whole base words the word offers when it is looked for: its base form, and for a
    compound its modifier and head (*puusepäntyöt*: puusepäntyö, puuseppä, työ), with
    derivation roots.
    `readings`: one set per reading of the word, of what must be found for the word to count
    as found; any one reading is enough.
    `parts`: every base word at any depth of the compound, the modifier's own parts too
    (*puusepäntyöt*: also puu, seppä); sharing one of these that is not a general head makes
    a partial match.
    """

    surface: str
    keys: frozenset[str]
    readings: tuple[frozenset[str], ...]
    parts: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Terms:
    """The content words of one text."""

    text: str
    words: tuple[Word, ...]
    keys: frozenset[str]
    parts: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.words)

    def found(self, word: Word) -> Match | None:
        """How one word is found among this text's words, or None."""
        if any(reading <= self.keys for reading in word.readings):
            return Match.FULL
        if (word.parts & self.parts) - GENERAL_HEADS:
            return Match.PARTIAL
        return None

    def meets(self, other: Terms) -> Match | None:
        """How every content word of `other` is found among this text's words: FULL when each
        is found whole, PARTIAL when each is found at least through a shared part, else None.

        A text without content words is found nowhere, so an empty interest matches nothing.
        """
        if not other.words:
            return None
        weakest = Match.FULL
        for word in other.words:
            found = self.found(word)
            if found is None:
                return None
            weakest = min(weakest, found)
        return weakest

    def contains(self, other: Terms) -> bool:
        """Whether every content word of `other` is found whole among this text's words."""
        return self.meets(other) is Match.FULL

    def shared(self, other: Terms) -> list[str]:
        """The base words, other than general heads, that `other` shares with this text, in
        the order of `other`'s words: what a partial match rests on."""
        shown: list[str] = []
        for word in other.words:
            for part in sorted(word.parts & self.parts - GENERAL_HEADS, key=lambda w: (-len(w), w)):
                if part not in shown:
                    shown.append(part)
        return shown


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
    lemma: str = ""
    """The part as a word of its own: the base form of a derived part (siivous for siivo+us)."""


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
    for part in parts:
        if part.derived:
            part.lemma = next(iter(_base_forms(part.surface)), part.surface.casefold())
        else:
            part.lemma = part.base
    return parts


def _joined(parts: list[_Part]) -> str:
    """The base form of consecutive parts as one word: the earlier parts as they stand in the
    compound, the last one's base form (puu + sepän → puuseppä)."""
    return "".join(part.surface.casefold() for part in parts[:-1]) + parts[-1].lemma


def _whole_words(parts: list[_Part]) -> list[_Part]:
    """The parts with every run that makes a lexicalised compound (`LEXICALISED`) joined into one
    part: koti + puu + tarha → koti + puutarha."""
    merged: list[_Part] = []
    index = 0
    while index < len(parts):
        end = next(
            (
                stop
                for stop in range(len(parts), index + 1, -1)
                if _joined(parts[index:stop]) in LEXICALISED
            ),
            index + 1,
        )
        run = parts[index:end]
        if len(run) == 1:
            merged.append(run[0])
        else:
            lemma = _joined(run)
            merged.append(_Part("".join(p.surface for p in run), lemma, lemma=lemma))
        index = end
    return merged


@dataclass(frozen=True, slots=True)
class _Reading:
    keys: frozenset[str]
    required: tuple[frozenset[str], ...]
    parts: frozenset[str]


def _reading(analysis: dict[str, str]) -> _Reading | None:
    """The keys, the required base words and the parts of one Voikko reading, or None for a
    word without content.

    A compound is its modifier and its head, each a whole base word: *puusepäntyöt* is
    puuseppä + työ and *puutarhatyöt* puutarha + työ. What must be found is the modifier and
    the head, less a general head (*puutyö* needs puu), or the compound's own base form where
    it is the modifier of a longer one (*asiakaspalvelu* in *asiakaspalvelutehtävät*). The modifier's own parts (puu, seppä)
    are only `parts`: they make a partial match, never a full one. A word ending in a hyphen
    (*puusepän-* in "puusepän- ja metallityöt") stands for a modifier, so it is one base word.
    """
    if analysis.get("CLASS") in STOP_CLASSES:
        return None
    base = analysis.get("BASEFORM", "").casefold().strip("-")
    if not base:
        return None
    raw = _parts(analysis.get("WORDBASES") or "")
    keys = {base}
    for part in raw:
        if part.derived:
            # A derived part (siivo+us, kierrät+ys): its root as a key too, so that kuljetus
            # offers kuljettaa and ompelu offers ommella.
            keys.add(part.base)
    parts = _whole_words(raw)
    if analysis.get("CLASS") == "etuliite" and len(parts) > 1:
        whole = _joined(parts)
        return _Reading(
            frozenset(keys | {whole}),
            (frozenset({whole}),),
            frozenset({whole, *(part.lemma for part in parts)}),
        )
    lemmas = {part.lemma for part in parts}
    if len(parts) <= 1:
        keys |= lemmas
        return _Reading(frozenset(keys), (frozenset({base}),), frozenset({base} | lemmas))
    modifier, head = _joined(parts[:-1]), parts[-1].lemma
    keys |= {modifier, head}
    required = {modifier} if head in GENERAL_HEADS else {modifier, head}
    return _Reading(
        frozenset(keys),
        (frozenset({base}), frozenset(required)),
        frozenset({base, modifier} | lemmas),
    )


@lru_cache(maxsize=65536)
def analyse_word(surface: str) -> Word | None:
    """One word's keys, readings and parts, or None for a function word."""
    readings: list[frozenset[str]] = []
    keys: set[str] = set()
    parts: set[str] = set()
    analyses = voikko().analyze(surface)
    for analysis in analyses:
        reading = _reading(analysis)
        if reading is None:
            continue
        keys |= reading.keys
        parts |= reading.parts
        for required in reading.required:
            if required not in readings:
                readings.append(required)
    if analyses:
        if not readings:
            return None
        return Word(surface, frozenset(keys), tuple(readings), frozenset(parts))
    word = surface.casefold().strip("-")
    if len(word) < 2 or word in SWEDISH_STOP_WORDS:
        return None
    key = SWEDISH + _swedish_stemmer().stemWord(word)
    return Word(surface, frozenset({key}), (frozenset({key}),), frozenset({key}))


def words(text: str) -> Iterator[str]:
    """The words of a text, hyphenated compounds whole (ATK-tuki, puusepän-)."""
    return (match.group() for match in _WORD.finditer(text))


@lru_cache(maxsize=8192)
def analyse(text: str) -> Terms:
    """The content words of a text, each with its keys, readings and parts."""
    found = tuple(word for surface in words(text) if (word := analyse_word(surface)) is not None)
    keys: frozenset[str] = frozenset().union(*(word.keys for word in found))
    parts: frozenset[str] = frozenset().union(*(word.parts for word in found))
    return Terms(text, found, keys, parts)


def match(query: str, text: str) -> Match | None:
    """How every content word of `query` is found in `text` (FULL, PARTIAL), or None."""
    return analyse(text).meets(analyse(query))


def matches(query: str, text: str) -> bool:
    """Whether every content word of `query` is found in `text`, whole or through a part."""
    return match(query, text) is not None


def shared_word(query: str, text: str) -> str:
    """The first base word `query` shares with `text` beyond a general head ("" when none):
    what a partial match is shown as resting on."""
    return next(iter(analyse(text).shared(analyse(query))), "")


def first_match(query: str, texts: Iterable[str]) -> tuple[str, Match] | None:
    """The first of `texts` that `query` meets fully, else the first it meets partially, with
    how it meets it; None when it meets none."""
    wanted = analyse(query)
    if not wanted:
        return None
    partial: str | None = None
    for text in texts:
        found = analyse(text).meets(wanted)
        if found is Match.FULL:
            return text, found
        if found is Match.PARTIAL and partial is None:
            partial = text
    return (partial, Match.PARTIAL) if partial is not None else None
