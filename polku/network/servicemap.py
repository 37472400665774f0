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

    @property
    def help_labels(self) -> list[str]:
        labels = dict(HelpKind.choices)
        return [str(labels.get(key, key)) for key in self.help]

    def words(self) -> str:
        parts = [self.name, self.field, self.summary, self.other_summary, self.municipality]
        parts += [o.title for o in self.opportunities]
        parts += [o.other_title for o in self.opportunities]
        return " ".join(parts).casefold()


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
    """The entries matching every filter given: words anywhere, the field and the
    municipality by name (case aside: the field is typed freely, "Kierrätys" or "kierrätys"),
    the kind of help by key."""
    words = text.casefold().split()
    wanted_field = field.casefold().strip()
    wanted_municipality = municipality.casefold().strip()
    result = []
    for entry in entries:
        haystack = entry.words()
        if any(word not in haystack for word in words):
            continue
        if wanted_field and entry.field.casefold().strip() != wanted_field:
            continue
        if wanted_municipality and entry.municipality.casefold() != wanted_municipality:
            continue
        if help_kind and help_kind not in entry.help:
            continue
        result.append(entry)
    return result


def field_choices(entries: Sequence[MapEntry]) -> list[str]:
    """The fields on the map, once each whatever their case ("kierrätys" and "Kierrätys" are
    one), capitalised, in alphabetical order: the field filter's choices."""
    found: dict[str, str] = {}
    for entry in entries:
        name = entry.field.strip()
        if name:
            found.setdefault(name.casefold(), name[0].upper() + name[1:])
    return sorted(found.values(), key=str.casefold)


def place_entries(today: dt.date) -> list[MapEntry]:
    """The place catalogue's places (one query, ``placements.selectors.place_facts``)."""
    from polku.placements.selectors import place_facts

    label = pgettext("service map", "Work-activity place")
    return [
        MapEntry(
            source="place",
            source_label=label,
            name=place.name,
            field=place.field,
            municipality=place.municipality or "",
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
                municipality=partner.municipality.name if partner.municipality else "",
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
