"""Satisfaction by place and producer type on the dashboard (SPEC §6 manager), from the
anonymous end-of-period survey of the feedback app (``polku.feedback.selectors.satisfaction``).

The survey's rule holds here as on its own results page (docs/decisions/0016): a place, a
producer type or a statement is shown only from ``MIN_ANSWERS`` (7) answers, a producer type
only when the places shown on their own leave none or again at least seven, and only whole
calendar years are counted, so no two windows can be subtracted. This module adds nothing the
results page does not show: each shown group's answers, the average of its shown statements
and the share answering "fairly well" or "very well" to them. A statement hidden for too few
answers is left out of the group's average too (else the group's figure less the shown
statements would give it).

Which filters apply: an answer carries only its place, the place's producer type and the month
the period ended (no client, no unit, no age, no gender), so

- the period chooses the calendar year it ends in;
- the place and producer type filters choose the rows shown (the groups are always computed
  over all the manager's places, so a filter never makes a new, smaller group);
- municipality, unit, age band and gender cannot apply, and the table says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.utils.translation import gettext as _

from polku.accounts.models import ProducerType, User
from polku.feedback import access as feedback_access
from polku.feedback import rules as feedback_rules
from polku.feedback.selectors import GroupResult, satisfaction
from polku.metrics.dashboard import Cell, Row, Table
from polku.metrics.figures import Filters

MIN_ANSWERS = feedback_rules.MIN_ANSWERS
GOOD_SCORES = (3, 4)  # "fairly well", "very well"


def _cells(group: GroupResult) -> list[Cell]:
    hidden = not group.shown and group.responses > 0
    # A producer type of seven or more hidden by the remainder rule reads "x", not "<7".
    second = hidden and group.responses >= MIN_ANSWERS
    answers = Cell(group.responses, suppressed=hidden, floor=MIN_ANSWERS, secondary=second)
    shown = [s for s in group.statements if s.shown] if group.shown else []
    n = sum(s.count for s in shown)
    if not n:
        empty = Cell(None, "mean", suppressed=hidden, floor=MIN_ANSWERS, secondary=second)
        return [answers, empty, replace(empty, kind="percent")]
    total = sum(score * k for s in shown for score, k in s.counts.items())
    good = sum(k for s in shown for score, k in s.counts.items() if score in GOOD_SCORES)
    return [
        answers,
        Cell(total / n, "mean", floor=MIN_ANSWERS),
        Cell(good / n, "percent", floor=MIN_ANSWERS),
    ]


def unapplied(filters: Filters) -> list[str]:
    """The chosen filters the anonymous answers cannot follow, in words."""
    names = []
    if filters.municipality:
        names.append(_("municipality"))
    if filters.unit:
        names.append(_("unit"))
    if filters.age_band:
        names.append(_("age"))
    if filters.gender:
        names.append(_("gender"))
    return names


def table(*, viewer: User, filters: Filters) -> Table:
    """The survey's results for the year the period ends in, per place and producer type."""
    places = list(feedback_access.result_places(viewer)[0])
    year = filters.ends_on.year
    result = satisfaction(place_ids=[p.pk for p in places], year=year)
    type_of = {str(p.pk): p.producer_type for p in places}
    rows: list[Row] = []
    for group in result.places:
        if filters.place is not None and group.key != str(filters.place.pk):
            continue
        if filters.producer_type and type_of.get(group.key) != filters.producer_type:
            continue
        if not group.responses and filters.place is None:
            continue  # a place without answers is a row of nothing (3,000 at national scale)
        rows.append(Row(group.name, _cells(group)))
    if filters.place is None:
        rows.extend(
            Row(_("Producer type: %(type)s") % {"type": group.name}, _cells(group))
            for group in _types(result.producer_types, filters.producer_type)
        )
    note = _(
        "The survey is anonymous: an answer carries only the place, its producer type and the "
        "month the period ended. Shown for the calendar year %(year)s (the year the chosen "
        "period ends); a place, a producer type or a statement from %(min)s answers on. The "
        "average and the share are of the statements shown."
    ) % {"year": year, "min": MIN_ANSWERS}
    if filters.place is None:
        note += " " + _("Places without answers in the year are not listed.")
    if any(c.secondary for r in rows for c in r.cells):
        note += " " + _(
            "x: a producer type whose places shown on their own would give away a place with "
            "fewer than %(min)s answers."
        ) % {"min": MIN_ANSWERS}
    skipped = unapplied(filters)
    if skipped:
        note += " " + _("Not applied to the survey: %(filters)s.") % {"filters": ", ".join(skipped)}
    return Table(
        "satisfaction",
        _("Satisfaction by place and producer type"),
        [
            _("Answers"),
            _("Average (1–4)"),
            _("Fairly or very well"),
        ],
        rows,
        note=note,
    )


def _types(groups: Iterable[GroupResult], chosen: str) -> list[GroupResult]:
    valid = set(ProducerType.values)
    return [g for g in groups if g.key in valid and (not chosen or g.key == chosen)]
