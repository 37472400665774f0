"""The pathway's facts (polku/metrics/facts.py): the tables hold exactly the rows of the
queries that fill them, and the lead times and shares read from them are the ones computed
from the records, for every filter and both selections, until the records change (then from
the next count). Runs on SQLite and PostgreSQL (``bash /work/tools/pgtest.sh``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Model, QuerySet

from polku.accounts.models import Unit, UnitKind
from polku.clients.models import Meeting, MeetingStatus
from polku.core import clock
from polku.jobs import tasks
from polku.metrics import facts
from polku.metrics.figures import (
    Filters,
    Selection,
    compute,
    lead_times,
    lead_times_from_facts,
    period_shares,
    period_shares_from_facts,
    relationship_figures,
    relationship_figures_from_facts,
)
from polku.metrics.models import PeriodFact, RelationshipFact, StepFact
from polku.metrics.tests import builders as b
from polku.pathways.models import ActivationPlan, PlanOption
from polku.placements.models import Period, PeriodKind, PeriodStatus
from tests.factories import UnitFactory
from tests.people import People

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 7, 1)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def build(people: People) -> Unit:
    """Pathways that differ in every dimension and step the facts keep: two units (one in a
    municipality), two places of different producer types, women and men of several ages,
    steps in and out of the period, a plan with two options and one without, a checklist done
    and not, a cancelled first meeting, a cancelled period, a period still to begin, ended
    relationships, full and introductory periods with and without their steps done."""
    municipality = UnitFactory.create(name="Testikunta", kind=UnitKind.MUNICIPALITY)
    Unit.objects.filter(pk=people.unit.pk).update(municipality=municipality)
    w = people.worker
    places = (people.place, people.company_place)
    units = (people.unit, people.other_unit)
    for i in range(24):
        contact = D(2025, 10, 1) + dt.timedelta(days=11 * i)
        made = b.pathway(
            unit=units[i % 2],
            worker=w,
            contact=contact,
            born=D(1970 + 2 * i, 1 + i % 12, 3),
            female=i % 3 != 0,
            assigned=contact + dt.timedelta(days=i % 5) if i % 7 else None,
            met=contact + dt.timedelta(days=5 + i % 4) if i % 6 else None,
            informed=i % 4 != 0,
            signed=contact + dt.timedelta(days=20 + i) if i % 5 else None,
            options=1 + i % 3,
            place=places[i % 2] if i % 4 != 3 else None,
            start=contact + dt.timedelta(days=40 + 3 * i) if i % 4 != 3 else None,
            end=contact + dt.timedelta(days=100 + 4 * i) if i % 4 != 3 else None,
            kind=PeriodKind.INTRODUCTORY if i % 8 == 1 else PeriodKind.FULL,
            visit=i % 3 == 0,
            notice=i % 2 == 0,
        )
        if i % 5 == 2:
            b.close(
                made["relationship"], w, on=contact + dt.timedelta(days=200), destination="studies"
            )
        if "period" in made and i % 6 == 4:
            b.finish_period(
                made["period"], w, evaluated=True, certificate=i % 4 == 0, follow_up=True
            )
        if i == 7:  # a cancelled first meeting in the period, beside the held one
            Meeting.objects.create(
                relationship=made["relationship"],
                is_first=True,
                worker=w,
                starts_at=b.at(contact + dt.timedelta(days=2)),
                channel="in_person",
                status=MeetingStatus.CANCELLED,
            )
        if i == 10:  # the period cancelled: no place, no start
            Period.objects.filter(pk=made["period"].pk).update(status=PeriodStatus.CANCELLED)
        if i == 22:  # the first period begins after today: no start yet
            Period.objects.filter(pk=made["period"].pk).update(
                starts_on=D(2026, 8, 3), ends_on=D(2026, 11, 27), status=PeriodStatus.PLANNED
            )
    return municipality


def pathway_figures(sel: Selection) -> tuple[Any, ...]:
    return (lead_times(sel), relationship_figures(sel), period_shares(sel))


def pathway_figures_from_facts(sel: Selection) -> tuple[Any, ...]:
    return (
        lead_times_from_facts(sel),
        relationship_figures_from_facts(sel),
        period_shares_from_facts(sel),
    )


def selections(people: People, municipality: Unit) -> list[Selection]:
    units = frozenset({people.unit.pk, people.other_unit.pk})
    periods = [
        (D(2026, 1, 1), D(2026, 6, 30)),
        (D(2025, 10, 1), D(2026, 12, 31)),  # reaches past today
        (D(2026, 3, 15), D(2026, 4, 14)),
    ]
    filters: list[dict[str, Any]] = [
        {},
        {"municipality": municipality},
        {"unit": people.other_unit},
        {"place": people.place},
        {"producer_type": people.company_place.producer_type},
        {"age_band": "30-49"},
        {"age_band": "u25"},
        {"gender": "female"},
        {"gender": "male"},
        {"place": people.company_place, "gender": "female", "age_band": "30-49"},
    ]
    return [
        Selection(units, Filters(start, end, **chosen), TODAY, organisational)
        for start, end in periods
        for chosen in filters
        for organisational in (True, False)
    ]


def table_rows(model: type[Model], columns: dict[str, str]) -> list[tuple[Any, ...]]:
    return sorted((tuple(row) for row in model._default_manager.values_list(*columns)), key=repr)


def query_rows(rows: QuerySet[Any], columns: dict[str, str]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            tuple(
                bool(v) if k.startswith(("has_", "done")) else v
                for k, v in zip(columns, r, strict=True)
            )
            for r in rows.values_list(*columns.values())
        ),
        key=repr,
    )


def test_the_tables_hold_the_rows_of_the_queries_that_fill_them(people: People) -> None:
    build(people)
    counted = facts.refresh()
    assert counted == {
        "relationships": RelationshipFact.objects.count(),
        "steps": StepFact.objects.count(),
        "periods": PeriodFact.objects.count(),
    }
    assert table_rows(RelationshipFact, facts.RELATIONSHIP_COLUMNS) == query_rows(
        facts.relationship_rows(), facts.RELATIONSHIP_COLUMNS
    )
    steps = facts.step_rows()
    assert table_rows(StepFact, facts.STEP_COLUMNS) == sorted(
        query_rows(steps["plans"], facts.STEP_COLUMNS)
        + query_rows(steps["meetings"], facts.STEP_COLUMNS),
        key=repr,
    )
    assert table_rows(PeriodFact, facts.PERIOD_COLUMNS) == query_rows(
        facts.period_rows(), facts.PERIOD_COLUMNS
    )
    # Every relationship; every signed plan and first meeting not cancelled; every period not
    # cancelled (the fixture's own two relationships included).
    assert counted["relationships"] == 26
    assert counted["periods"] == Period.objects.exclude(status=PeriodStatus.CANCELLED).count()
    assert StepFact.objects.filter(kind="plan", done=True).exists()
    assert StepFact.objects.filter(kind="meeting", done=False).exists()
    # Counting again replaces the rows, never adds to them.
    assert facts.refresh() == counted


def test_the_figures_from_the_facts_are_the_records_figures(people: People) -> None:
    municipality = build(people)
    facts.refresh()
    checked = 0
    for sel in selections(people, municipality):
        expected = pathway_figures(sel)
        assert pathway_figures_from_facts(sel) == expected, sel.filters
        checked += bool(expected[1][0])
    assert checked > 20  # most selections have persons in them: the comparison means something


def test_the_dashboard_reads_the_facts_once_counted_and_says_when(people: People) -> None:
    build(people)
    sel = Selection(
        frozenset({people.unit.pk, people.other_unit.pk}),
        Filters(D(2026, 1, 1), D(2026, 6, 30)),
        TODAY,
    )
    from_records = compute(sel)
    assert from_records.facts_counted_at is None
    with clock.frozen(b.at(TODAY, 2)):
        result = tasks.attendance_summary()
    assert result["relationships"] == 26
    from_facts = compute(sel)
    assert from_facts.facts_counted_at == b.at(TODAY, 2)
    assert (from_facts.lead, from_facts.clients, from_facts.shares) == (
        from_records.lead,
        from_records.clients,
        from_records.shares,
    )


def test_a_change_after_the_count_shows_from_the_next_count(people: People) -> None:
    """The facts are the records as they were when counted: a plan signed, a period cancelled
    and a relationship begun after it change the records' figures, not the facts', until the
    facts are counted again; then they are the same again."""
    municipality = build(people)
    facts.refresh()
    sels = selections(people, municipality)[:2]
    before = [pathway_figures(sel) for sel in sels]
    made = b.pathway(
        unit=people.unit,
        worker=people.worker,
        contact=D(2026, 2, 2),
        assigned=D(2026, 2, 3),
        signed=D(2026, 3, 2),
        options=2,
    )
    PlanOption.objects.filter(plan__relationship=made["relationship"]).delete()
    ActivationPlan.objects.filter(relationship=made["relationship"]).update(signed_on=D(2026, 3, 3))
    Period.objects.filter(status=PeriodStatus.ENDED).update(status=PeriodStatus.CANCELLED)
    changed = [pathway_figures(sel) for sel in sels]
    assert changed != before
    assert [pathway_figures_from_facts(sel) for sel in sels] == before
    facts.refresh()
    assert [pathway_figures_from_facts(sel) for sel in sels] == changed
