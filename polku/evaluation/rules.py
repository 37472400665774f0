"""Pure rules of goals and evaluations (STYLE.md §8): the GAS levels, the T-score, the place's
window for its section, the joint meeting's date and the template's shape."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from polku.core import clock
from polku.core.errors import CommonError, field_error
from polku.core.rules import day_label, not_in_future
from polku.evaluation.errors import EvaluationError
from polku.evaluation.models import GAS_LEVELS

# ρ, the assumed correlation between the goals' scores (Kiresuk & Sherman): 0.3 by convention.
RHO = 0.3
# The place supervisor fills in their section during the period and up to 30 days after it.
PLACE_WINDOW_DAYS = 30
# The client's own words: a proposal to the goals, and each life area of the self-evaluation
# (a page of handwriting; the form's text areas take no more either).
MAX_PROPOSAL = 2000
MAX_SELF_ANSWER = 2000


def too_long(texts: Mapping[str, str], limit: int) -> ValidationError | None:
    """The refusal of each text longer than ``limit`` characters, on its own field (all at
    once), in plain words; None when every text fits."""
    errors = {
        name: ValidationError(
            pgettext("client portal", "Write at most %(count)s characters.") % {"count": limit},
            code=EvaluationError.TOO_LONG,
        )
        for name, text in texts.items()
        if len(text) > limit
    }
    return ValidationError(errors) if errors else None


def gas_level(field: str, value: Any) -> int:
    """A GAS level is one of −2, −1, 0, +1, +2; anything else is refused."""
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = None
    if (
        level is None
        or level not in GAS_LEVELS
        or str(value).strip()
        not in {
            str(level),
            f"+{level}",
        }
    ):
        raise field_error(
            field,
            _("A GAS level is −2, −1, 0, +1 or +2."),
            EvaluationError.LEVEL_OUT_OF_RANGE,
        )
    return level


def t_score(scores: Iterable[tuple[int, float]]) -> float | None:
    """The GAS T-score of (level, weight) pairs:
    T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3. 50 means the goals were met as
    expected. ``None`` without goals."""
    pairs = list(scores)
    if not pairs:
        return None
    for level, weight in pairs:
        if level not in GAS_LEVELS:
            raise ValueError(f"GAS level {level} is outside −2…+2")
        if weight <= 0:
            raise ValueError("A weight is positive")
    weighted = sum(w * x for x, w in pairs)
    squares = sum(w * w for _x, w in pairs)
    total = sum(w for _x, w in pairs)
    return 50 + 10 * weighted / math.sqrt((1 - RHO) * squares + RHO * total * total)


def place_window(starts_on: dt.date, ends_on: dt.date) -> tuple[dt.date, dt.date]:
    return starts_on, ends_on + dt.timedelta(days=PLACE_WINDOW_DAYS)


def in_place_window(starts_on: dt.date, ends_on: dt.date, *, today: dt.date | None = None) -> bool:
    first, last = place_window(starts_on, ends_on)
    return first <= (today or clock.today()) <= last


def check_place_window(starts_on: dt.date, ends_on: dt.date) -> None:
    if not in_place_window(starts_on, ends_on):
        first, last = place_window(starts_on, ends_on)
        raise ValidationError(
            _(
                "The place fills in its section during the period and up to 30 days after it "
                "(%(first)s–%(last)s)."
            )
            % {"first": day_label(first), "last": day_label(last)},
            code=EvaluationError.OUTSIDE_WINDOW,
        )


def meeting_date(met_on: dt.date | None, *, period_starts_on: dt.date) -> dt.date:
    """The joint meeting is dated, not before the period started and not in the future."""
    if met_on is None:
        raise field_error("met_on", _("Give the date of the joint meeting."), CommonError.REQUIRED)
    if met_on < period_starts_on:
        raise field_error(
            "met_on",
            _("The date cannot be before %(date)s, when the period started.")
            % {"date": day_label(period_starts_on)},
            EvaluationError.BEFORE_PERIOD,
        )
    not_in_future("met_on", met_on)
    return met_on


def _texts_ok(texts: Any) -> bool:
    return isinstance(texts, dict) and all(
        isinstance(texts.get(lang), str) and texts.get(lang, "").strip()
        for lang in ("fi", "sv", "en")
    )


def template_problems(items: Any, scales: Any) -> list[str]:
    """What is wrong with a template's items and scales (empty when it is well formed): each
    item has a key, fi/sv/en texts and a scale that exists; each scale has at least two levels,
    each with an integer value and fi/sv/en texts."""
    problems: list[str] = []
    if not isinstance(scales, Mapping) or not scales:
        return [_("Give at least one scale.")]
    for name, levels in scales.items():
        if not isinstance(levels, list) or len(levels) < 2:
            problems.append(_("The scale “%(name)s” needs at least two levels.") % {"name": name})
            continue
        for level in levels:
            if not isinstance(level, dict) or not isinstance(level.get("value"), int):
                problems.append(
                    _("Each level of “%(name)s” needs a whole number.") % {"name": name}
                )
            elif not _texts_ok(level.get("text")):
                problems.append(
                    _("Each level of “%(name)s” needs its text in fi, sv and en.") % {"name": name}
                )
    if not isinstance(items, list) or not items:
        return [*problems, _("Give at least one item.")]
    keys: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or not item["key"]:
            problems.append(_("Each item needs a key."))
            continue
        if item["key"] in keys:
            problems.append(_("The item key “%(key)s” is used twice.") % {"key": item["key"]})
        keys.add(item["key"])
        if not _texts_ok(item.get("text")):
            problems.append(_("The item “%(key)s” needs its text in fi, sv and en.") % item)
        if item.get("scale") not in scales:
            problems.append(_("The item “%(key)s” names a scale that does not exist.") % item)
    return problems
