"""Place catalogue search and matching: a ranked list of places for a client, each with the
reasons for its rank (SPEC §7, seed 003's "matchaus").

Pure functions on plain dataclasses: the selector builds `PlaceFacts` and `ClientNeeds` from the
models and renders each `Reason` with `Reason.label()` in the viewer's language. Words match
across inflections and compounds (`text.py`), distances come from postal-code coordinates
(`geo.py`); decision 0009 explains both.

The score is the sum of the reasons' points, so every point is explained. A place that is full
or beyond the commuting limit is still suggested, with that reason, after every place that is
neither. Within each group the order is score (highest first), then name, then id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.db import models
from django.utils import formats
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.placements import geo
from polku.placements.text import Match, first_match, matches, shared_word

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Current legal values, the defaults of `suggest` (the selector may pass the values in force):
COMMUTING_LIMIT_KM = 80.0  # 189/2001 §14 3 mom; 380/2023 §10: within 80 km of home
MIN_HOURS_PER_DAY = 4  # 189/2001 §13 b: at least 4 hours a day

# Points of each reason. Interests weigh most, then goals; a missing accessibility need costs
# more than any single fit earns.
INTEREST_POINTS = 3
GOAL_POINTS = 2
# A partial match (a word found only through a part of a compound: *puutyö* and
# *puusepäntyöt* share *puu*; decision 0009) earns one point less.
INTEREST_RELATED_POINTS = 2
GOAL_RELATED_POINTS = 1
NEAR_KM, NEAR_POINTS = 15.0, 2
CLOSE_KM, CLOSE_POINTS = 40.0, 1
FREE_PLACES_POINTS = 1
WEEKDAYS_FIT_POINTS, WEEKDAYS_MISS_POINTS = 1, -2
HOURS_FIT_POINTS, HOURS_MISS_POINTS = 1, -2
ACCESSIBILITY_MET_POINTS, ACCESSIBILITY_MISSING_POINTS = 1, -3


class AccessibilityFeature(models.TextChoices):
    """What a place offers and a client may need; the place model's choices can use these."""

    WHEELCHAIR = "wheelchair", pgettext_lazy("accessibility", "Accessible by wheelchair")
    ACCESSIBLE_TOILET = "accessible_toilet", pgettext_lazy("accessibility", "Accessible toilet")
    HEARING_LOOP = "hearing_loop", pgettext_lazy("accessibility", "Hearing loop")
    QUIET_SPACE = "quiet_space", pgettext_lazy("accessibility", "Quiet space for breaks")
    PUBLIC_TRANSPORT = (
        "public_transport",
        pgettext_lazy("accessibility", "Reachable by public transport"),
    )
    LIGHT_TASKS = "light_tasks", pgettext_lazy("accessibility", "Light tasks available")


@dataclass(frozen=True)
class PlaceFacts:
    """What matching knows of a work-activity place (työtoimintapaikka).

    `weekdays`: the days the place is open, 0 = Monday … 6 = Sunday. `accessibility`: codes of
    `AccessibilityFeature` (or others the model adds). `lat`, `lon`: the place's point, from
    `geo.coordinates_for(postal_code)` or stored with the address; None when unknown.
    """

    id: int
    name: str
    field: str = ""
    tasks: Sequence[str] = ()
    weekdays: Set[int] = frozenset()
    opens: dt.time | None = None
    closes: dt.time | None = None
    accessibility: Set[str] = frozenset()
    free_places: int = 0
    lat: float | None = None
    lon: float | None = None
    municipality: str = ""
    description: str = ""
    other_name: str = ""  # the name in the other language (``Unit.name_in``), for the search
    other_municipality: str = ""  # the municipality's name in the other language, for the filter

    @property
    def coordinates(self) -> geo.Coordinates | None:
        if self.lat is None or self.lon is None:
            return None
        return (self.lat, self.lon)


@dataclass(frozen=True)
class ClientNeeds:
    """What matching knows of a client: interests and goals as short texts, the weekdays they
    can attend (0 = Monday; empty: any), the daily window they can be there (`hours`: from,
    until), accessibility needs (codes) and the home's point (None when unknown)."""

    interests: Sequence[str] = ()
    goals: Sequence[str] = ()
    weekdays: Set[int] = frozenset()
    hours: tuple[dt.time, dt.time] | None = None
    accessibility_needs: Set[str] = frozenset()
    home: geo.Coordinates | None = None


class ReasonKind(StrEnum):
    TASK_MATCH = "task_match"
    TASK_RELATED = "task_related"
    NO_TASK_MATCH = "no_task_match"
    GOAL_MATCH = "goal_match"
    GOAL_RELATED = "goal_related"
    DISTANCE = "distance"
    BEYOND_LIMIT = "beyond_limit"
    DISTANCE_UNKNOWN = "distance_unknown"
    FREE_PLACES = "free_places"
    NO_FREE_PLACES = "no_free_places"
    WEEKDAYS_FIT = "weekdays_fit"
    WEEKDAYS_NO_FIT = "weekdays_no_fit"
    HOURS_FIT = "hours_fit"
    HOURS_NO_FIT = "hours_no_fit"
    ACCESSIBILITY_MET = "accessibility_met"
    ACCESSIBILITY_MISSING = "accessibility_missing"


# One whole sentence per kind, with named placeholders (STYLE.md §7).
_LABELS: Mapping[ReasonKind, StrPromise] = {
    ReasonKind.TASK_MATCH: _("The interest “%(interest)s” meets the place's task “%(task)s”."),
    ReasonKind.NO_TASK_MATCH: _("None of the client's interests meets the place's tasks."),
    ReasonKind.GOAL_MATCH: _("The goal “%(goal)s” meets the place's task “%(task)s”."),
    ReasonKind.TASK_RELATED: _(
        "The interest “%(interest)s” partly meets the place's task “%(task)s” (shared word: “%(word)s”)."
    ),
    ReasonKind.GOAL_RELATED: _(
        "The goal “%(goal)s” partly meets the place's task “%(task)s” (shared word: “%(word)s”)."
    ),
    ReasonKind.DISTANCE: _("%(km)s km from home."),
    ReasonKind.BEYOND_LIMIT: _(
        "%(km)s km from home: beyond the %(limit)s km commuting area, only with the client's consent."
    ),
    ReasonKind.DISTANCE_UNKNOWN: _("The distance is not known."),
    ReasonKind.FREE_PLACES: _("Free places: %(count)s."),
    ReasonKind.NO_FREE_PLACES: _("No free places."),
    ReasonKind.WEEKDAYS_FIT: _("Open on the client's days: %(days)s."),
    ReasonKind.WEEKDAYS_NO_FIT: _("Not open on the client's days (open: %(days)s)."),
    ReasonKind.HOURS_FIT: _("Opening hours %(opens)s–%(closes)s fit the client's hours."),
    ReasonKind.HOURS_NO_FIT: _(
        "Opening hours %(opens)s–%(closes)s leave under %(hours)s hours within the client's hours."
    ),
    ReasonKind.ACCESSIBILITY_MET: _("Accessibility: %(need)s."),
    ReasonKind.ACCESSIBILITY_MISSING: _("Accessibility need not met: %(need)s."),
}

_GOOD = frozenset(
    {
        ReasonKind.TASK_MATCH,
        ReasonKind.TASK_RELATED,
        ReasonKind.GOAL_MATCH,
        ReasonKind.GOAL_RELATED,
        ReasonKind.FREE_PLACES,
        ReasonKind.WEEKDAYS_FIT,
        ReasonKind.HOURS_FIT,
        ReasonKind.ACCESSIBILITY_MET,
    }
)
_BAD = frozenset(
    {
        ReasonKind.BEYOND_LIMIT,
        ReasonKind.NO_FREE_PLACES,
        ReasonKind.WEEKDAYS_NO_FIT,
        ReasonKind.HOURS_NO_FIT,
        ReasonKind.ACCESSIBILITY_MISSING,
    }
)


def _display(name: str, value: object) -> str:
    """One parameter as the viewer's language writes it."""
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=1)
    if isinstance(value, dt.time):
        return formats.time_format(value, "TIME_FORMAT")
    if name == "days" and isinstance(value, tuple):
        return ", ".join(str(WEEKDAYS_ABBR[day]) for day in value)
    if name == "need" and isinstance(value, str) and value in AccessibilityFeature.values:
        return str(AccessibilityFeature(value).label)
    return str(value)


class Reason:
    """One reason for a place's rank: a kind and its parameters, e.g.
    `Reason("task_match", interest="puutyö", task="Puusepäntyöt")`.

    `points` is what the reason adds to the score (negative when it lowers it); `label()` is
    the reason as one sentence in the active language; `tone` is "good", "bad" or "info", for
    the template's styling.
    """

    __slots__ = ("kind", "params", "points")

    def __init__(self, kind: ReasonKind | str, /, *, points: int = 0, **params: object) -> None:
        self.kind = ReasonKind(kind)
        self.points = points
        self.params: Mapping[str, object] = MappingProxyType(dict(params))

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.points, tuple(sorted(self.params.items())))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        params = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Reason({self.kind.value!r}{params}, points={self.points})"

    @property
    def tone(self) -> str:
        if self.kind in _GOOD:
            return "good"
        if self.kind in _BAD:
            return "bad"
        return "info"

    def label(self) -> str:
        shown = {name: _display(name, value) for name, value in self.params.items()}
        return str(_LABELS[self.kind]) % shown


@dataclass(frozen=True)
class Suggestion:
    """A place with its score and the reasons for it.

    `available` is False when the place is full or beyond the commuting limit; such places come
    after every available one. `km` is the distance from home, None when unknown.
    """

    place: PlaceFacts
    score: int
    reasons: tuple[Reason, ...]
    available: bool
    km: float | None = None

    def sort_key(self) -> tuple[bool, int, str, str, int]:
        name = self.place.name
        return (not self.available, -self.score, name.casefold(), name, self.place.id)


def _place_texts(place: PlaceFacts) -> list[str]:
    """The texts an interest or goal is looked for in: the tasks, then the field."""
    return [task for task in place.tasks if task.strip()] + (
        [place.field] if place.field.strip() else []
    )


def _unique(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for item in texts:
        key = " ".join(item.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(item.strip())
    return kept


def _minutes(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def _word_reason(text: str, texts: Sequence[str], *, goal: bool) -> Reason | None:
    """The reason one interest or goal gives, from the first task it meets fully, else the first
    it meets partially (with the shared base word); None when it meets no task."""
    found = first_match(text, texts)
    if found is None:
        return None
    task, how = found
    name = "goal" if goal else "interest"
    if how is Match.FULL:
        kind, points = (
            (ReasonKind.GOAL_MATCH, GOAL_POINTS)
            if goal
            else (ReasonKind.TASK_MATCH, INTEREST_POINTS)
        )
        return Reason(kind, points=points, task=task, **{name: text})
    kind, points = (
        (ReasonKind.GOAL_RELATED, GOAL_RELATED_POINTS)
        if goal
        else (ReasonKind.TASK_RELATED, INTEREST_RELATED_POINTS)
    )
    word = shared_word(text, task)
    return Reason(kind, points=points, task=task, word=word, **{name: text})


def _word_reasons(needs: ClientNeeds, place: PlaceFacts) -> list[Reason]:
    reasons: list[Reason] = []
    texts = _place_texts(place)
    interests = _unique(needs.interests)
    for interest in interests:
        if (reason := _word_reason(interest, texts, goal=False)) is not None:
            reasons.append(reason)
    if interests and not reasons:
        reasons.append(Reason(ReasonKind.NO_TASK_MATCH))
    for goal in _unique(needs.goals):
        if (reason := _word_reason(goal, texts, goal=True)) is not None:
            reasons.append(reason)
    return reasons


def _distance_reason(km: float | None, limit_km: float) -> Reason:
    if km is None:
        return Reason(ReasonKind.DISTANCE_UNKNOWN)
    shown = round(km, 1)
    if km > limit_km:
        return Reason(ReasonKind.BEYOND_LIMIT, km=shown, limit=int(limit_km))
    if km <= NEAR_KM:
        return Reason(ReasonKind.DISTANCE, points=NEAR_POINTS, km=shown)
    if km <= CLOSE_KM:
        return Reason(ReasonKind.DISTANCE, points=CLOSE_POINTS, km=shown)
    return Reason(ReasonKind.DISTANCE, km=shown)


def _time_reasons(needs: ClientNeeds, place: PlaceFacts, min_hours: int) -> list[Reason]:
    reasons: list[Reason] = []
    if needs.weekdays and place.weekdays:
        common = tuple(sorted(set(needs.weekdays) & set(place.weekdays)))
        if common:
            reasons.append(Reason(ReasonKind.WEEKDAYS_FIT, points=WEEKDAYS_FIT_POINTS, days=common))
        else:
            reasons.append(
                Reason(
                    ReasonKind.WEEKDAYS_NO_FIT,
                    points=WEEKDAYS_MISS_POINTS,
                    days=tuple(sorted(place.weekdays)),
                )
            )
    if needs.hours is not None and place.opens is not None and place.closes is not None:
        start = max(_minutes(place.opens), _minutes(needs.hours[0]))
        end = min(_minutes(place.closes), _minutes(needs.hours[1]))
        if end - start >= min_hours * 60:
            reasons.append(
                Reason(
                    ReasonKind.HOURS_FIT,
                    points=HOURS_FIT_POINTS,
                    opens=place.opens,
                    closes=place.closes,
                )
            )
        else:
            reasons.append(
                Reason(
                    ReasonKind.HOURS_NO_FIT,
                    points=HOURS_MISS_POINTS,
                    opens=place.opens,
                    closes=place.closes,
                    hours=min_hours,
                )
            )
    return reasons


def _accessibility_reasons(needs: ClientNeeds, place: PlaceFacts) -> list[Reason]:
    reasons = []
    for need in sorted(needs.accessibility_needs):
        if need in place.accessibility:
            reasons.append(
                Reason(ReasonKind.ACCESSIBILITY_MET, points=ACCESSIBILITY_MET_POINTS, need=need)
            )
        else:
            reasons.append(
                Reason(
                    ReasonKind.ACCESSIBILITY_MISSING, points=ACCESSIBILITY_MISSING_POINTS, need=need
                )
            )
    return reasons


def assess(
    needs: ClientNeeds,
    place: PlaceFacts,
    *,
    limit_km: float = COMMUTING_LIMIT_KM,
    min_hours_per_day: int = MIN_HOURS_PER_DAY,
) -> Suggestion:
    """One place against one client's needs: its score and every reason for it."""
    reasons = _word_reasons(needs, place)
    place_point = place.coordinates
    km = (
        geo.distance_km(needs.home, place_point)
        if needs.home is not None and place_point is not None
        else None
    )
    reasons.append(_distance_reason(km, limit_km))
    if place.free_places > 0:
        reasons.append(
            Reason(ReasonKind.FREE_PLACES, points=FREE_PLACES_POINTS, count=place.free_places)
        )
    else:
        reasons.append(Reason(ReasonKind.NO_FREE_PLACES))
    reasons += _time_reasons(needs, place, min_hours_per_day)
    reasons += _accessibility_reasons(needs, place)
    available = place.free_places > 0 and (km is None or km <= limit_km)
    return Suggestion(
        place=place,
        score=sum(reason.points for reason in reasons),
        reasons=tuple(reasons),
        available=available,
        km=km,
    )


def suggest(
    needs: ClientNeeds,
    places: Iterable[PlaceFacts],
    *,
    limit_km: float = COMMUTING_LIMIT_KM,
    min_hours_per_day: int = MIN_HOURS_PER_DAY,
) -> list[Suggestion]:
    """Every place, ranked for the client: available places first, then by score, name, id."""
    suggestions = [
        assess(needs, place, limit_km=limit_km, min_hours_per_day=min_hours_per_day)
        for place in places
    ]
    return sorted(suggestions, key=Suggestion.sort_key)


def search(
    places: Iterable[PlaceFacts],
    *,
    field: str | None = None,
    text: str | None = None,
    municipality: str | None = None,
    max_km: float | None = None,
    home: geo.Coordinates | None = None,
    accessibility: Iterable[str] | None = None,
    free_only: bool = False,
) -> list[PlaceFacts]:
    """The catalogue filter: the places that pass every filter given, by name then id.

    `field` and `text` match words across inflections and compounds, fully or partially
    (`text.match`; `text` is looked for in the name, in either language, field, tasks and
    description); `municipality` is compared case-insensitively;
    `max_km` needs `home` and drops places whose distance is unknown; `accessibility` keeps
    places that offer every feature given.
    """
    if max_km is not None and home is None:
        raise ValueError("max_km needs home")
    wanted_features = set(accessibility or ())
    found = []
    for place in places:
        if field and not (
            place.field.casefold() == field.strip().casefold() or matches(field, place.field)
        ):
            continue
        if text and not matches(
            text,
            "\n".join([place.name, place.other_name, place.field, *place.tasks, place.description]),
        ):
            continue
        if municipality and municipality.strip().casefold() not in {
            place.municipality.casefold(),
            place.other_municipality.casefold(),
        }:
            continue
        if max_km is not None and home is not None:
            point = place.coordinates
            if point is None or geo.distance_km(home, point) > max_km:
                continue
        if not wanted_features <= set(place.accessibility):
            continue
        if free_only and place.free_places <= 0:
            continue
        found.append(place)
    return sorted(found, key=lambda place: (place.name.casefold(), place.name, place.id))
