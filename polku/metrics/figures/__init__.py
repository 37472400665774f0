"""The manager's figures (SPEC §6 manager), each computed in the database with aggregate
queries: no client row is loaded into Python, and the number of queries does not grow with the
rows (``tests``: flat from 10 to many clients).

A :class:`Selection` is a set of client relationships: the manager's units narrowed by the
filters, or the organiser as a whole (the same period and the same age band and gender, without
the organisational filters). Each figure function takes one and returns plain numbers; the
dashboard (:mod:`polku.metrics.dashboard`) puts the two side by side and suppresses small cells.

Medians and 90th percentiles are nearest-rank values, every lead time's count, median and 90th
percentile in one query: ``percentile_disc`` on PostgreSQL, numbered rows (a window function) on
SQLite, the same value on both and never loading the list (docs/decisions/0017-metrics.md). The GAS T-score is computed per evaluation in SQL from the
levels stored in the evaluation's goals section (JSON), with one vendor-specific expression for
the JSON path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import QuerySet

from polku.metrics import summary
from polku.metrics.figures.outcomes import (
    T_BINS,
    AbsenceCell,
    Attendance,
    Traced,
    absences,
    attendance,
    attendance_and_absences,
    call_rows,
    call_share,
    calls,
    destination_rows,
    destinations,
    interruption_rows,
    interruptions,
    one_month_before,
    t_scores,
    traced,
    traced_names,
    traced_rows,
)
from polku.metrics.figures.pathway import (
    INTERVALS,
    MONTH_FIGURES,
    STEPS,
    LeadTime,
    as_months,
    by_stage,
    lead_times,
    lead_times_from_facts,
    month_rows,
    month_rows_from_facts,
    months_between,
    nearest_rank,
    per_month,
    per_month_from_facts,
    period_shares,
    period_shares_from_facts,
    plan_reviews,
    plan_reviews_from_facts,
    relationship_figures,
    relationship_figures_from_facts,
    stage_rows,
)
from polku.metrics.figures.selection import (
    AGE_BAND,
    AGE_BANDS,
    EVEN_DIGITS,
    FEMALE,
    GENDERS,
    MALE,
    ODD_DIGITS,
    UNKNOWN,
    AgeBand,
    Filters,
    Selection,
    Share,
    age_q,
    counts,
    gender_digit,
    gender_q,
    persons,
    years_before,
)

# --- Everything for one selection --------------------------------------------------------------


@dataclass
class Figures:
    selection: Selection
    clients: int = 0
    stages: dict[str, int] = field(default_factory=dict)
    months: dict[str, dict[dt.date, int]] = field(default_factory=dict)
    lead: list[LeadTime] = field(default_factory=list)
    shares: dict[str, Share] = field(default_factory=dict)
    attendance: Attendance = field(default_factory=lambda: Attendance(0, 0, 0))
    absences: dict[tuple[str, bool], AbsenceCell] = field(default_factory=dict)
    interruptions: dict[str, int] = field(default_factory=dict)
    destinations: dict[str, int] = field(default_factory=dict)
    call_outcomes: dict[str, int] = field(default_factory=dict)
    traced: Traced = field(default_factory=lambda: Traced({}, {}))
    t_scores: Sequence[int] = ()
    #: The attendance summary's reach when the figures were counted (whole months before
    #: ``covered_until`` as the records were at ``refreshed_at``; the rest from the records).
    attendance_coverage: summary.Coverage = field(default_factory=summary.Coverage)
    #: When the pathway's facts were counted, when the lead times, the persons per month, the
    #: shares of plans, first meetings, plan reviews and periods and the persons of the period
    #: were read from them (None: from the records, the facts never having been counted).
    facts_counted_at: dt.datetime | None = None


def compute(sel: Selection) -> Figures:
    """Every figure of one selection (a fixed number of queries)."""
    return compute_each([sel])[0]


def _text_rows(sel: Selection) -> dict[str, QuerySet[Any]]:
    return {
        "stages": stage_rows(sel),
        "destinations": destination_rows(sel),
        "interruptions": interruption_rows(sel),
        "calls": call_rows(sel),
    }


def compute_each(sels: Sequence[Selection]) -> list[Figures]:
    """Every figure of each selection, in a fixed number of queries: the counts of persons per
    key of every selection read together, one union per kind of key (text: stages,
    destinations, interruptions, call outcomes; months; partner and place ids), the other
    figures one query each per selection. Selections with the same :attr:`Selection.basis`
    (a manager of the whole organiser beside the organiser) are counted once."""
    distinct: list[Selection] = []
    which = []
    for sel in sels:
        same = next((i for i, d in enumerate(distinct) if d.basis == sel.basis), None)
        if same is None:
            distinct.append(sel)
            same = len(distinct) - 1
        which.append(same)
    counted = _compute_each(distinct)
    return [replace(counted[i], selection=sel) for sel, i in zip(sels, which, strict=True)]


def _compute_each(sels: Sequence[Selection]) -> list[Figures]:

    def parts(rows: Callable[[Selection], dict[str, QuerySet[Any]]]) -> dict[str, QuerySet[Any]]:
        return {f"{name}@{i}": qs for i, sel in enumerate(sels) for name, qs in rows(sel).items()}

    states = summary.states()
    covered = states.get(summary.ATTENDANCE, summary.Coverage())
    facts_at = states.get(summary.PATHWAY, summary.Coverage()).refreshed_at
    text = counts(**parts(_text_rows))
    months = counts(**parts(month_rows if facts_at is None else month_rows_from_facts))
    ids = counts(**parts(traced_rows))
    result = []
    for i, sel in enumerate(sels):
        figures = Figures(selection=sel)
        figures.stages = text[f"stages@{i}"]
        figures.months = {name: as_months(months[f"{name}@{i}"]) for name in MONTH_FIGURES}
        if facts_at is None:
            figures.lead = lead_times(sel)
            figures.clients, figures.shares = relationship_figures(sel)
            figures.shares |= period_shares(sel)
            figures.shares["reviews"] = plan_reviews(sel)
        else:
            figures.lead = lead_times_from_facts(sel)
            figures.clients, figures.shares = relationship_figures_from_facts(sel)
            figures.shares |= period_shares_from_facts(sel)
            figures.shares["reviews"] = plan_reviews_from_facts(sel)
            figures.facts_counted_at = facts_at
        figures.shares["calls"] = call_share(sel)
        figures.call_outcomes = text[f"calls@{i}"]
        figures.attendance, figures.absences = attendance_and_absences(sel, covered)
        figures.attendance_coverage = covered
        figures.interruptions = text[f"interruptions@{i}"]
        figures.destinations = text[f"destinations@{i}"]
        figures.traced = Traced(partners=ids[f"partners@{i}"], places=ids[f"places@{i}"])
        figures.t_scores = t_scores(sel)
        result.append(figures)
    return result


__all__ = [
    "AGE_BAND",
    "AGE_BANDS",
    "EVEN_DIGITS",
    "FEMALE",
    "GENDERS",
    "INTERVALS",
    "MALE",
    "MONTH_FIGURES",
    "ODD_DIGITS",
    "STEPS",
    "T_BINS",
    "UNKNOWN",
    "AbsenceCell",
    "AgeBand",
    "Attendance",
    "Figures",
    "Filters",
    "LeadTime",
    "Selection",
    "Share",
    "Traced",
    "absences",
    "age_q",
    "as_months",
    "attendance",
    "attendance_and_absences",
    "by_stage",
    "call_rows",
    "call_share",
    "calls",
    "compute",
    "compute_each",
    "counts",
    "destination_rows",
    "destinations",
    "gender_digit",
    "gender_q",
    "interruption_rows",
    "interruptions",
    "lead_times",
    "lead_times_from_facts",
    "month_rows",
    "month_rows_from_facts",
    "months_between",
    "nearest_rank",
    "one_month_before",
    "per_month",
    "per_month_from_facts",
    "period_shares",
    "period_shares_from_facts",
    "persons",
    "plan_reviews",
    "plan_reviews_from_facts",
    "relationship_figures",
    "relationship_figures_from_facts",
    "stage_rows",
    "t_scores",
    "traced",
    "traced_names",
    "traced_rows",
    "years_before",
]
