"""The service map (*palvelukartta*, seed 002): the places, partners (and later groups) on one
page, searchable by field, municipality and the kind of help.

**Extension point.** Each kind of entry comes from a *source*: a function ``(today) ->
Iterable[MapEntry]`` registered with :func:`register_source` from an ``AppConfig.ready()``
(a later app plugs into an earlier one; nothing here imports it). A source makes a fixed number
of queries whatever its row count (the map's query-count test holds it to that). The groups app
adds its groups so::

    # polku/groups/apps.py
    servicemap.register_source(groups.selectors.map_entries)  # source="group", help GROUP_ACTIVITY

and a member ``GROUP_ACTIVITY`` in :class:`polku.network.models.HelpKind`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import pgettext

from polku.network.models import HelpKind, Opportunity, Partner
from polku.placements import text as words_of
from polku.placements.text import Word


@dataclass(frozen=True)
class MapOpportunity:
    title: str  # in the viewer's language (else the other)
    kind: str  # the kind's label in the viewer's language
    starts_on: dt.date
    ends_on: dt.date | None
    url: str
    other_title: str = ""  # in the other language, for the search only


@dataclass(frozen=True)
class MapEntry:
    """One thing on the map, already in the viewer's language: names, never ids."""

    source: str  # "place", "partner", later "group": a stable key
    source_label: str
    name: str
    field: str
    municipality: str
    help: tuple[str, ...]  # HelpKind keys
    summary: str = ""
    url: str = ""
    opportunities: tuple[MapOpportunity, ...] = ()
    other_summary: str = ""  # the summary in the other language, for the search only
    other_name: str = ""  # a unit's name in the other language, for the search only
    other_municipality: str = ""  # the municipality's name in the other language (filter, links)

    @property
    def help_labels(self) -> list[str]:
        labels = dict(HelpKind.choices)
        return [str(labels.get(key, key)) for key in self.help]

    def text(self) -> str:
        """Everything the word search looks in, as written (one part a line): the name (a
        place's in both languages), field, summary in both languages, municipality and the
        opportunities' titles in both."""
        parts = [self.name, self.other_name, self.field, self.summary, self.other_summary]
        parts.append(self.municipality)
        parts += [o.title for o in self.opportunities]
        parts += [o.other_title for o in self.opportunities]
        return "\n".join(part for part in parts if part)


Source = Callable[[dt.date], Iterable[MapEntry]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    """Add a kind of entry to the map (idempotent, so a reloaded app registers once)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def sources() -> tuple[Source, ...]:
    return tuple(_SOURCES)


def gather(today: dt.date) -> list[MapEntry]:
    """Every registered source's entries, by name."""
    entries = [entry for source in _SOURCES for entry in source(today)]
    return sorted(entries, key=lambda e: (e.name.casefold(), e.source))


def search(
    entries: Sequence[MapEntry],
    *,
    text: str = "",
    field: str = "",
    municipality: str = "",
    help_kind: str = "",
) -> list[MapEntry]:
    """The entries matching every filter given (in Python, on the gathered entries: no query).

    - ``text``: every word is found in the entry (:func:`word_found`): as typed, case aside,
      anywhere; or, a Finnish word, by its base form or a part of a compound (*puuseppä* finds
      "Puusepäntyöt" and "Puusepän koulutus").
    - ``field``: the entry's field is the one chosen, case aside, or holds each of its words
      (:func:`field_matches`: "Kierrätys" finds "Kierrätys ja myymälä" and "kierrätys").
    - ``municipality`` by name in either language (case aside), ``help_kind`` by key.
    """
    words = text.split()
    wanted_municipality = municipality.casefold().strip()
    result = []
    for entry in entries:
        if words and not all(word_found(word, entry.text()) for word in words):
            continue
        if field and not field_matches(field, entry.field):
            continue
        if wanted_municipality and wanted_municipality not in {
            entry.municipality.casefold(),
            entry.other_municipality.casefold(),
        }:
            continue
        if help_kind and help_kind not in entry.help:
            continue
        result.append(entry)
    return result


def _finnish(word: str) -> Word | None:
    """The word as Voikko analyses it (decision 0009), or None when it is no Finnish content
    word: Voikko does not know it (Swedish, a name, a typo), or Voikko is not installed."""
    try:
        analysed = words_of.analyse_word(word)
    except words_of.AnalyserUnavailable:
        return None
    if analysed is None or any(key.startswith(words_of.SWEDISH) for key in analysed.keys):
        return None
    return analysed


def _function_word(word: str) -> bool:
    """Whether Voikko knows ``word`` as a word without content (*ja*, *tai*)."""
    try:
        return words_of.analyse_word(word) is None
    except words_of.AnalyserUnavailable:
        return False


def word_found(word: str, text: str) -> bool:
    """Whether one searched word is in ``text``: as typed, case aside, anywhere (*puu* in
    "Puusepäntyöt"; Swedish words, names and numbers are found only so); or, for a Finnish
    word, by base form and compound parts, fully or partially, as the place catalogue matches
    (``placements.text``: *puuseppä* finds "Puusepäntyöt" and "Puusepän koulutus")."""
    if word.casefold() in text.casefold():
        return True
    parts = list(words_of.words(word))  # "puuseppä," is the word puuseppä
    if not parts:
        return False
    for part in parts:
        finnish = _finnish(part)
        if finnish is None or words_of.analyse(text).found(finnish) is None:
            return False
    return True


def field_matches(wanted: str, field: str) -> bool:
    """Whether an entry's ``field`` is the ``wanted`` one: the same, case and spacing aside, or
    holding each of its content words, as a word (case aside) or, in Finnish, by base form and
    compound parts (``placements.text``): "Kierrätys" is in "Kierrätys ja myymälä" and in
    "kierrätys"; "Kiinteistöhuolto" meets "Kiinteistönhoito" through *kiinteistö*. Swedish words
    are compared as whole words, case aside."""
    if not field.strip():
        return False
    if _normal(wanted) == _normal(field):
        return True
    present = {word.casefold().strip("-") for word in words_of.words(field)}
    wanted_words = list(words_of.words(wanted))
    if not wanted_words:
        return False
    for word in wanted_words:
        if word.casefold().strip("-") in present or _function_word(word):
            continue
        finnish = _finnish(word)
        if finnish is None or words_of.analyse(field).found(finnish) is None:
            return False
    return True


def _normal(field: str) -> str:
    return " ".join(field.split()).casefold()


def field_label(field: str) -> str:
    """A field as the filter shows it: spacing tidied, the first letter capitalised."""
    tidy = " ".join(field.split())
    return tidy[:1].upper() + tidy[1:]


def field_choices(entries: Sequence[MapEntry]) -> list[str]:
    """The fields on the map, once each whatever their case and spacing ("kierrätys" and
    "Kierrätys " are one, shown "Kierrätys"), in alphabetical order: the field filter's
    choices. Different fields stay apart ("Kierrätys ja myymälä" is its own choice; choosing
    "Kierrätys" finds it too, :func:`field_matches`)."""
    found: dict[str, str] = {}
    for entry in entries:
        if entry.field.strip():
            found.setdefault(_normal(entry.field), field_label(entry.field))
    return sorted(found.values(), key=lambda label: (label.casefold(), label))


def place_entries(today: dt.date) -> list[MapEntry]:
    """The place catalogue's places (one query, ``placements.selectors.place_facts``)."""
    from polku.placements.selectors import place_facts

    label = pgettext("service map", "Work-activity place")
    return [
        MapEntry(
            source="place",
            source_label=label,
            name=place.name,
            other_name=place.other_name,
            field=place.field,
            municipality=place.municipality or "",
            other_municipality=place.other_municipality,
            help=(HelpKind.WORK_ACTIVITY.value,),
            summary=", ".join(place.tasks),
            url=reverse("placements:catalogue") + "?" + _query(text=place.name),
        )
        for place in place_facts()
    ]


def partner_entries(today: dt.date) -> list[MapEntry]:
    """Active partners with their opportunities open now, started and not ended (two
    queries)."""
    label = pgettext("service map", "Partner")
    current = Opportunity.objects.open_now(today).order_by("starts_on", "title", "pk")
    rows = (
        Partner.objects.active()
        .select_related("municipality")
        .prefetch_related(Prefetch("opportunities", queryset=current, to_attr="current"))
        .order_by("name", "pk")
    )
    entries = []
    for partner in rows:
        opportunities = tuple(
            MapOpportunity(
                title=o.title_in(),
                other_title=_other(o.title_in(), o.title, o.title_sv),
                kind=str(o.get_kind_display()),
                starts_on=o.starts_on,
                ends_on=o.ends_on,
                url=reverse("network:opportunity", args=[o.pk]),
            )
            for o in partner.current
        )
        kinds = set(partner.help_kinds or ()) | {o.kind for o in partner.current}
        entries.append(
            MapEntry(
                source="partner",
                source_label=label,
                name=partner.name,
                field=partner.field,
                municipality=partner.municipality.display_name if partner.municipality else "",
                other_municipality=partner.municipality.other_name if partner.municipality else "",
                help=tuple(k for k in HelpKind.values if k in kinds),
                summary=partner.offers_in(),
                other_summary=_other(partner.offers_in(), partner.offers, partner.offers_sv),
                url=reverse("network:partner", args=[partner.pk]),
                opportunities=opportunities,
            )
        )
    return entries


def _other(shown: str, finnish: str, swedish: str) -> str:
    """Of a text written in Finnish and Swedish, the one not shown (words to search by)."""
    return swedish if shown == finnish else finnish


def _query(**params: str) -> str:
    from urllib.parse import urlencode

    return urlencode(params)
