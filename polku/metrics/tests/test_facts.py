"""The pathway's facts (polku/metrics/facts.py): the tables hold exactly the rows of the
queries that fill them, and the lead times, shares (plan reviews among them) and persons per
month read from them are the ones computed from the records, for every filter and both
selections, until the records change (then from the next count). Runs on SQLite and PostgreSQL (``bash /work/tools/pgtest.sh``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import F, Model, QuerySet

from polku.accounts.models import Unit, UnitKind
from polku.clients.models import ClientRelationship, Meeting, MeetingStatus
from polku.core import clock
from polku.jobs import tasks
from polku.metrics import facts
from polku.metrics.figures import (
    Filters,
    Selection,
    compute,
    lead_times,
    lead_times_from_facts,
    per_month,
    per_month_from_facts,
    period_shares,
    period_shares_from_facts,
    plan_reviews,
    plan_reviews_from_facts,
    relationship_figures,
    relationship_figures_from_facts,
)
from polku.metrics.models import PeriodFact, RelationshipFact, ReviewFact, StepFact
from polku.metrics.tests import builders as b
from polku.pathways.models import ActivationPlan, PlanOption, PlanStatus, PlanType
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
    relationships, full and introductory periods with and without their steps done; plan
    reviews due in and out of the period, reviewed on time, late and not at all, of
    relationships open at the due date and ended before it."""
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
            review_due=contact + dt.timedelta(days=110 + 35 * (i % 4)),
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
        if "plan" in made and i % 3 != 2:  # the next plan: on time (i % 3 == 0) or late
            due = made["plan"].review_due
            ActivationPlan.objects.create(
                relationship=made["relationship"],
                plan_type=PlanType.ACTIVATION,
                status=PlanStatus.DRAFT if i == 4 else PlanStatus.SIGNED,
                author=w,
                number=2,
                signed_on=due - dt.timedelta(days=10) if i % 3 == 0 else due + dt.timedelta(days=3),
                review_due=due + dt.timedelta(days=120),
            )
        if i == 13:  # signed without a date: its review falls due, never reviewed
            ActivationPlan.objects.filter(relationship=made["relationship"]).update(signed_on=None)
        if i == 10:  # the period cancelled: no place, no start
            Period.objects.filter(pk=made["period"].pk).update(status=PeriodStatus.CANCELLED)
        if i == 22:  # the first period begins after today: no start yet
            Period.objects.filter(pk=made["period"].pk).update(
                starts_on=D(2026, 8, 3), ends_on=D(2026, 11, 27), status=PeriodStatus.PLANNED
            )
    return municipality


def pathway_figures(sel: Selection) -> tuple[Any, ...]:
    return (
        lead_times(sel),
        relationship_figures(sel),
        period_shares(sel),
        plan_reviews(sel),
        per_month(sel),
    )


def pathway_figures_from_facts(sel: Selection) -> tuple[Any, ...]:
    return (
        lead_times_from_facts(sel),
        relationship_figures_from_facts(sel),
        period_shares_from_facts(sel),
        plan_reviews_from_facts(sel),
        per_month_from_facts(sel),
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
        "reviews": ReviewFact.objects.count(),
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
    assert table_rows(ReviewFact, facts.REVIEW_COLUMNS) == query_rows(
        facts.review_rows(), facts.REVIEW_COLUMNS
    )
    # Every relationship; every signed plan and first meeting not cancelled; every period not
    # cancelled (the fixture's own two relationships included).
    assert counted["relationships"] == 26
    assert counted["periods"] == Period.objects.exclude(status=PeriodStatus.CANCELLED).count()
    assert StepFact.objects.filter(kind="plan", done=True).exists()
    assert StepFact.objects.filter(kind="meeting", done=False).exists()
    # Every signed plan with a review due but those of a relationship ended before it (i = 7,
    # and the next plans of ended relationships), reviewed on time, late and not at all.
    due = ActivationPlan.objects.filter(status=PlanStatus.SIGNED, review_due__isnull=False)
    left_out = due.filter(relationship__ended_on__lt=F("review_due"))
    assert left_out.filter(number=1).exists()
    assert counted["reviews"] == due.count() - left_out.count()
    assert not ReviewFact.objects.filter(plan__in=left_out).exists()
    reviewed = ReviewFact.objects.filter(reviewed_on__isnull=False)
    assert reviewed.filter(reviewed_on__lte=F("review_due")).exists()
    assert reviewed.filter(reviewed_on__gt=F("review_due")).exists()
    assert ReviewFact.objects.filter(reviewed_on__isnull=True).exists()
    # Counting again replaces the rows, never adds to them.
    assert facts.refresh() == counted


def test_the_figures_from_the_facts_are_the_records_figures(people: People) -> None:
    municipality = build(people)
    facts.refresh()
    checked = reviews = months = 0
    for sel in selections(people, municipality):
        expected = pathway_figures(sel)
        assert pathway_figures_from_facts(sel) == expected, sel.filters
        checked += bool(expected[1][0])
        reviews += 0 < expected[3].done < expected[3].of
        months += all(expected[4].values())
    # Most selections have persons, reviews both on time and not, and persons in each kind of
    # month: the comparison means something.
    assert checked > 20
    assert reviews > 15
    assert months > 20


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
    assert (from_facts.lead, from_facts.clients, from_facts.shares, from_facts.months) == (
        from_records.lead,
        from_records.clients,
        from_records.shares,
        from_records.months,
    )


def test_a_change_after_the_count_shows_from_the_next_count(people: People) -> None:
    """The facts are the records as they were when counted: a plan signed, a review done, a
    period cancelled and a relationship begun and one ended after it change the records'
    figures, not the facts', until the facts are counted again; then they are the same again."""
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
    due = ReviewFact.objects.filter(
        review_due__range=(D(2026, 2, 1), D(2026, 6, 30)), reviewed_on__isnull=True
    ).first()
    assert due is not None
    ActivationPlan.objects.create(
        relationship_id=due.relationship_id,
        plan_type=PlanType.ACTIVATION,
        status=PlanStatus.SIGNED,
        author=people.worker,
        number=9,
        signed_on=due.review_due,
    )
    open_one = RelationshipFact.objects.filter(ended_on__isnull=True, unit=people.unit).first()
    assert open_one is not None
    ClientRelationship.objects.filter(pk=open_one.relationship_id).update(ended_on=D(2026, 6, 1))
    changed = [pathway_figures(sel) for sel in sels]
    assert changed != before
    for now, then in zip(changed, before, strict=True):
        assert now[3].done == then[3].done + 1  # the review
        assert now[4]["ends"] != then[4]["ends"]
    assert [pathway_figures_from_facts(sel) for sel in sels] == before
    facts.refresh()
    assert [pathway_figures_from_facts(sel) for sel in sels] == changed
