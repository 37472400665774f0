"""Each figure against hand-built pathways with known answers (the clock frozen at 1.7.2026,
the period 1.1.–30.6.2026), and the small-cell suppression."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from polku.closure.models import CallNeed, CallOutcome
from polku.core import clock
from polku.metrics import dashboard, facts
from polku.metrics.access import access_metrics
from polku.metrics.figures import (
    Filters,
    Selection,
    absences,
    attendance,
    by_stage,
    calls,
    compute,
    destinations,
    interruptions,
    lead_times,
    lead_times_from_facts,
    nearest_rank,
    per_month,
    per_month_from_facts,
    period_shares,
    period_shares_from_facts,
    plan_reviews,
    plan_reviews_from_facts,
    relationship_figures,
    relationship_figures_from_facts,
    t_scores,
)
from polku.metrics.tests import builders as b
from polku.pathways.models import ActivationPlan, PlanStatus, PlanType
from polku.placements.models import Period, PeriodKind, PeriodStatus
from tests.people import People

D = dt.date
TODAY = D(2026, 7, 1)
PERIOD = Filters(D(2026, 1, 1), D(2026, 6, 30))


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


@pytest.fixture
def people(people: People) -> People:
    """The fixture's deployment, its two relationships moved out of the period (to 2020), so
    each test counts only its own."""
    from polku.clients.models import ClientRelationship, WorkerAssignment

    ClientRelationship.objects.update(started_on=D(2020, 1, 1))
    WorkerAssignment.objects.update(assigned_at=b.at(D(2020, 1, 2)))
    return people


def sel(people: People, filters: Filters = PERIOD) -> Selection:
    return Selection(frozenset({people.unit.pk, people.other_unit.pk}), filters, TODAY)


def only_built(people: People) -> Selection:
    return sel(people)


@dataclass(frozen=True)
class Reader:
    """The lead times, the shares and the persons per month read from the records, or from the
    pathway's facts counted just before (polku/metrics/facts.py): each test of them runs both
    ways."""

    lead_times: Callable[[Selection], Any]
    relationship_figures: Callable[[Selection], Any]
    period_shares: Callable[[Selection], Any]
    plan_reviews: Callable[[Selection], Any]
    per_month: Callable[[Selection], Any]


def _counted(figure: Callable[[Selection], Any]) -> Callable[[Selection], Any]:
    def read(selection: Selection) -> Any:
        facts.refresh()
        return figure(selection)

    return read


@pytest.fixture(params=["records", "facts"])
def read(request: pytest.FixtureRequest) -> Reader:
    if request.param == "records":
        return Reader(lead_times, relationship_figures, period_shares, plan_reviews, per_month)
    return Reader(
        _counted(lead_times_from_facts),
        _counted(relationship_figures_from_facts),
        _counted(period_shares_from_facts),
        _counted(plan_reviews_from_facts),
        _counted(per_month_from_facts),
    )


def test_nearest_rank() -> None:
    assert nearest_rank(1, 0.5) == 0
    assert nearest_rank(10, 0.5) == 4
    assert nearest_rank(10, 0.9) == 8
    assert nearest_rank(11, 0.9) == 9


def test_lead_times_median_and_90th_percentile(people: People, read: Reader) -> None:
    # contact → responsible worker: 1, 2, ..., 10 days
    for n in range(1, 11):
        contact = D(2026, 2, 1)
        b.pathway(
            unit=people.unit,
            worker=people.worker,
            contact=contact,
            assigned=contact + dt.timedelta(days=n),
            met=contact + dt.timedelta(days=n + 7) if n <= 6 else None,
        )
    result = {(r.first, r.last): r for r in read.lead_times(sel(people))}
    worker = result[("contact", "worker")]
    assert (worker.n, worker.median, worker.p90) == (10, 5, 9)
    meeting = result[("worker", "meeting")]
    assert (meeting.n, meeting.median, meeting.p90) == (6, 7, 7)
    assert result[("plan", "start")].n == 0
    assert result[("plan", "start")].median is None


def test_lead_times_nearest_rank_with_ties_and_odd_counts(people: People, read: Reader) -> None:
    # Unordered spans with ties, counts whose p·n is not whole (7 and 3), a step missing: the
    # same values on SQLite (numbered rows) and PostgreSQL (percentile_disc).
    to_worker = [3, 0, 14, 3, 7, 30, 1]
    to_meeting = [5, 2, 5]
    contact = D(2026, 3, 2)
    for i, days in enumerate(to_worker):
        assigned = contact + dt.timedelta(days=days)
        met = assigned + dt.timedelta(days=to_meeting[i]) if i < len(to_meeting) else None
        b.pathway(
            unit=people.unit, worker=people.worker, contact=contact, assigned=assigned, met=met
        )
    b.pathway(unit=people.unit, worker=people.worker, contact=contact)  # no worker yet
    result = {(r.first, r.last): r for r in read.lead_times(sel(people))}
    for key, spans in ((("contact", "worker"), to_worker), (("worker", "meeting"), to_meeting)):
        ordered = sorted(spans)
        expected = (
            len(spans),
            ordered[nearest_rank(len(spans), 0.5)],
            ordered[nearest_rank(len(spans), 0.9)],
        )
        assert (result[key].n, result[key].median, result[key].p90) == expected
    assert (result[("contact", "worker")].median, result[("contact", "worker")].p90) == (3, 30)
    assert (result[("worker", "meeting")].median, result[("worker", "meeting")].p90) == (5, 5)


def test_stages_months_and_destinations(people: People, read: Reader) -> None:
    w, u = people.worker, people.unit
    for month in (1, 1, 3):
        b.pathway(unit=u, worker=w, contact=D(2026, month, 10), stage="s4")
    ended = b.pathway(unit=u, worker=w, contact=D(2025, 11, 1))
    b.close(ended["relationship"], w, on=D(2026, 3, 15), destination="studies")
    b.close(
        b.pathway(unit=u, worker=w, contact=D(2025, 3, 1))["relationship"], w, on=D(2025, 12, 31)
    )
    # Periods begun: two in February (one person twice), one in May, one cancelled, one after
    # today, one before the period.
    place = people.place
    twice = b.pathway(
        unit=u,
        worker=w,
        contact=D(2025, 12, 1),
        place=place,
        start=D(2026, 2, 2),
        end=D(2026, 2, 20),
    )
    b.pathway(unit=u, worker=w, contact=D(2026, 1, 12), place=place, start=D(2026, 2, 16))
    b.pathway(unit=u, worker=w, contact=D(2026, 4, 1), place=place, start=D(2026, 5, 4))
    cancelled = b.pathway(unit=u, worker=w, contact=D(2026, 4, 1), place=place, start=D(2026, 5, 5))
    Period.objects.filter(pk=cancelled["period"].pk).update(status=PeriodStatus.CANCELLED)
    b.pathway(unit=u, worker=w, contact=D(2025, 5, 1), place=place, start=D(2025, 6, 2))
    later = b.pathway(unit=u, worker=w, contact=D(2026, 6, 1), place=place, start=D(2026, 6, 29))
    Period.objects.filter(pk=later["period"].pk).update(starts_on=D(2026, 7, 6))
    Period.objects.create(
        relationship=twice["relationship"],
        place=place,
        kind=PeriodKind.FULL,
        status=PeriodStatus.ENDED,
        starts_on=D(2026, 2, 23),
        ends_on=D(2026, 3, 20),
        weekdays="12345",
        hours_per_day=Decimal(4),
        author=w,
    )
    stages = by_stage(sel(people))
    assert stages["s4"] == 3
    months = read.per_month(sel(people))
    assert months["contacts"] == {
        D(2026, 1, 1): 3,
        D(2026, 3, 1): 1,
        D(2026, 4, 1): 2,
        D(2026, 6, 1): 1,
    }
    assert months["starts"] == {D(2026, 2, 1): 2, D(2026, 5, 1): 1}
    assert months["ends"] == {D(2026, 3, 1): 1}
    assert destinations(sel(people)) == {"studies": 1}
    # The period reaching past today: the starts only until today.
    months = read.per_month(sel(people, Filters(D(2026, 1, 1), D(2026, 12, 31))))
    assert months["starts"] == {D(2026, 2, 1): 2, D(2026, 5, 1): 1}


def test_plan_options_informing_and_reviews(people: People, read: Reader) -> None:
    w, u = people.worker, people.unit
    b.pathway(unit=u, worker=w, contact=D(2026, 1, 5), signed=D(2026, 2, 1), options=2)
    b.pathway(unit=u, worker=w, contact=D(2026, 1, 5), signed=D(2026, 2, 1), options=3)
    b.pathway(unit=u, worker=w, contact=D(2026, 1, 5), signed=D(2026, 2, 1), options=1)
    b.pathway(unit=u, worker=w, contact=D(2025, 1, 5), signed=D(2025, 2, 1), options=3)  # before
    b.pathway(unit=u, worker=w, contact=D(2026, 1, 5), met=D(2026, 1, 20), informed=True)
    b.pathway(unit=u, worker=w, contact=D(2026, 1, 5), met=D(2026, 1, 21), informed=False)
    _clients, shares = read.relationship_figures(sel(people))
    assert (shares["two_options"].done, shares["two_options"].of) == (2, 3)
    assert (shares["informing"].done, shares["informing"].of) == (1, 2)


def _next_plan(made: dict[str, Any], signed: dt.date, **fields: Any) -> None:
    ActivationPlan.objects.create(
        relationship=made["relationship"],
        plan_type=PlanType.ACTIVATION,
        status=fields.pop("status", PlanStatus.SIGNED),
        author=made["plan"].author,
        number=ActivationPlan.objects.filter(relationship=made["relationship"]).count() + 1,
        signed_on=signed,
        **fields,
    )


def test_plan_reviews_on_time_late_and_left_out(people: People, read: Reader) -> None:
    w, u = people.worker, people.unit

    def reviewed(due: dt.date, contact: dt.date | None = None) -> dict[str, Any]:
        return b.pathway(
            unit=u,
            worker=w,
            contact=contact or D(2025, 9, 1),
            signed=D(2025, 10, 1),
            review_due=due,
        )

    # On time: the next plan signed before the due date, and on it (that plan's own review
    # falls due after the period).
    _next_plan(reviewed(D(2026, 3, 1)), D(2026, 2, 20), review_due=D(2026, 8, 20))
    _next_plan(reviewed(D(2026, 4, 1)), D(2026, 4, 1))
    # Late: the next plan signed the day after; not reviewed at all; only a draft since.
    _next_plan(reviewed(D(2026, 5, 1)), D(2026, 5, 2))
    reviewed(D(2026, 6, 1))
    _next_plan(reviewed(D(2026, 2, 1)), D(2026, 1, 15), status=PlanStatus.DRAFT)
    # Left out: the relationship ended before the due date; due after today (30.6. is the
    # period's last day, 1.7. today); due before the period.
    ended = reviewed(D(2026, 3, 1))
    b.close(ended["relationship"], w, on=D(2026, 2, 28))
    reviewed(D(2026, 7, 1))
    _next_plan(reviewed(D(2025, 12, 31)), D(2025, 12, 1))
    # Counted: the relationship ended on the due date, reviewed on time by then.
    on_due = reviewed(D(2026, 3, 10))
    _next_plan(on_due, D(2026, 3, 9))
    b.close(on_due["relationship"], w, on=D(2026, 3, 10))
    reviews = read.plan_reviews(sel(people))
    assert (reviews.done, reviews.of, reviews.persons) == (3, 6, 6)
    # The period reaching past today: the review due today has come.
    reviews = read.plan_reviews(sel(people, Filters(D(2026, 1, 1), D(2026, 12, 31))))
    assert (reviews.done, reviews.of) == (3, 7)
    # One person's two plans both due in the period: two reviews, one person.
    twice = reviewed(D(2026, 1, 20), contact=D(2025, 8, 1))
    _next_plan(twice, D(2026, 1, 10), review_due=D(2026, 2, 10))
    reviews = read.plan_reviews(sel(people))
    assert (reviews.done, reviews.of, reviews.persons) == (4, 8, 7)


def test_period_shares_attendance_absences_interruptions(people: People, read: Reader) -> None:
    w, u, place = people.worker, people.unit, people.place
    periods = []
    for i in range(4):
        made = b.pathway(
            unit=u,
            worker=w,
            contact=D(2025, 12, 1),
            place=place,
            start=D(2026, 2, 2),
            end=D(2026, 5, 29),
            visit=i < 3,
            notice=i < 1,
        )
        periods.append(made["period"])
    b.finish_period(periods[0], w, evaluated=True, certificate=True, follow_up=True, levels=(0, 0))
    b.finish_period(periods[1], w, certificate=True)
    b.days(periods[0], w, present=8, absent=2)
    b.days(periods[1], w, present=5, absent=1, reason="other", notice="in_advance")
    b.interruption(periods[2], w, on=D(2026, 3, 2))
    b.interruption(periods[3], w, on=D(2026, 3, 3), reason="employment")
    s = read.period_shares(sel(people))
    assert (s["visit"].done, s["visit"].of) == (3, 4)
    assert (s["notice"].done, s["notice"].of) == (1, 4)
    assert (s["evaluated"].done, s["evaluated"].of) == (1, 4)
    assert (s["certificate"].done, s["certificate"].of) == (2, 4)
    assert (s["follow_up"].done, s["follow_up"].of) == (1, 4)
    a = attendance(sel(people))
    assert (a.present, a.absent, a.persons) == (13, 3, 2)
    assert a.rate == pytest.approx(13 / 16)
    ab = absences(sel(people))
    assert ab[("own_illness", False)].days == 2
    assert ab[("other", True)].days == 1
    assert interruptions(sel(people)) == {"health": 1, "employment": 1}
    months = per_month(sel(people))  # the three counts come from one query (a union)
    assert months["starts"] == {D(2026, 2, 1): 4}
    assert months["contacts"] == {}  # the contacts were in December 2025
    # The place filter: another place has none of these.
    other = Filters(PERIOD.starts_on, PERIOD.ends_on, place=people.company_place)
    assert attendance(sel(people, other)).present == 0
    assert read.period_shares(sel(people, other))["visit"].of == 0


def test_t_score_distribution(people: People) -> None:
    w, u, place = people.worker, people.unit, people.place
    for levels in ((0, 0), (1, 1), (-2, -2), (2, 2, 2)):
        made = b.pathway(
            unit=u,
            worker=w,
            contact=D(2025, 12, 1),
            place=place,
            start=D(2026, 1, 5),
            end=D(2026, 4, 30),
        )
        b.finish_period(made["period"], w, evaluated=True, levels=levels)
    # T: 50; 50+10·2/√(1.4+1.2)=62.4; 50−10·4/√2.6=25.2; 50+10·6/√(2.1+2.7)=77.4
    assert t_scores(sel(people)) == [1, 0, 0, 1, 1, 1]


def test_calls_a_month_after_the_end(people: People) -> None:
    w, u = people.worker, people.unit
    for call, need in (
        (CallOutcome.REACHED, CallNeed.NO_NEED),
        (CallOutcome.NOT_REACHED, ""),
        (None, ""),
    ):
        made = b.pathway(unit=u, worker=w, contact=D(2025, 6, 1))
        b.close(made["relationship"], w, on=D(2026, 3, 1), call=call, need=need)
    recent = b.pathway(unit=u, worker=w, contact=D(2025, 6, 1))
    b.close(recent["relationship"], w, on=D(2026, 6, 20))  # the call is not yet due
    share, outcomes = calls(sel(people))
    assert (share.done, share.of) == (2, 3)
    assert outcomes == {"no_need": 1, "not_reached": 1}


def test_age_band_and_gender_filters(people: People) -> None:
    w, u = people.worker, people.unit
    b.pathway(unit=u, worker=w, contact=D(2026, 2, 1), born=D(2003, 1, 1), female=True)  # 23
    b.pathway(unit=u, worker=w, contact=D(2026, 2, 1), born=D(2001, 6, 30), female=False)  # 25
    b.pathway(unit=u, worker=w, contact=D(2026, 2, 1), born=D(1970, 1, 1), female=False)  # 56

    def contacts(**kw: str) -> int:
        f = Filters(PERIOD.starts_on, PERIOD.ends_on, **kw)  # type: ignore[arg-type]
        return sum(per_month(sel(people, f))["contacts"].values())

    assert contacts() == 3
    assert contacts(age_band="u25") == 1
    assert contacts(age_band="25-29") == 1
    assert contacts(age_band="55+") == 1
    assert contacts(gender="female") == 1
    assert contacts(gender="male") == 2
    assert contacts(gender="male", age_band="55+") == 1


def test_unit_filter_and_the_organiser_comparison(people: People) -> None:
    for _i in range(6):
        b.pathway(unit=people.unit, worker=people.worker, contact=D(2026, 2, 1), stage="s5")
    for _i in range(2):
        b.pathway(unit=people.other_unit, worker=people.worker, contact=D(2026, 2, 1), stage="s5")
    scope = access_metrics(people.manager)
    filters = Filters(PERIOD.starts_on, PERIOD.ends_on, unit=people.unit)
    board = dashboard.build(scope=scope, filters=filters, today=TODAY)
    stages = board.table("stages")
    s5 = next(r for r in stages.rows if r.label.startswith("5."))
    assert [c.text() for c in s5.cells] == ["6", "8"]
    # The other unit alone: two persons, suppressed everywhere (the organiser is not).
    other = Filters(PERIOD.starts_on, PERIOD.ends_on, unit=people.other_unit)
    board = dashboard.build(scope=scope, filters=other, today=TODAY)
    s5 = next(r for r in board.table("stages").rows if r.label.startswith("5."))
    assert [c.text() for c in s5.cells] == ["<5", "8"]
    assert s5.cells[0].export() == "<5"


def test_suppression_rules() -> None:
    from polku.metrics.dashboard import Cell, based, count, share
    from polku.metrics.figures import Share

    assert count(0).text() == "0"
    assert count(4).text() == "<5"
    assert count(5).text() == "5"
    # a share or days of fewer than five persons say "persons": "<5" in a column of
    # percentages would read as "under five per cent"
    assert share(Share(3, 10, 10)).text() == "<5 hlö"  # a numerator of three persons
    assert share(Share(3, 10, 10)).export() == "<5"
    assert share(Share(6, 8, 4)).suppressed  # a base of four persons
    assert share(Share(6, 8, 8)).text() == "75 %"
    assert share(Share(0, 8, 8)).text() == "0 %"
    assert share(Share(0, 0, 0)).text() == "–"
    assert based(12, 4, "days").text() == "<5 hlö"
    with translation.override("sv"):
        assert based(12, 4, "percent").text() == "<5 pers."
    assert Cell(None, suppressed=True).export() == "<5"


def test_the_page_and_the_exports_round_halves_up_alike() -> None:
    """3.16 is 3,2 on the page as in the file (not cut to 3,1); the file's percent has one
    decimal more than the page's; the CSV writes the language's decimal comma."""
    from django.utils import translation

    from polku.metrics.dashboard import Cell
    from polku.metrics.exports import csv_safe

    with translation.override("fi"):
        assert Cell(3.16, "mean").text() == "3,2"
        assert Cell(3.16, "mean").export() == 3.2
        assert Cell(2.25, "mean").text() == "2,3"
        assert Cell(0.7916, "percent").text() == "79 %"
        assert Cell(0.7951, "percent").text() == "80 %"
        assert Cell(0.7916, "percent").export() == 79.2
        assert Cell(12.5, "days").text() == "13"
        assert Cell(-0.2, "days").text() == "0"
        assert Cell(1234, "days").text() == "1234"
        assert Cell(0.5, "mean").text() == "0,5"
        assert csv_safe(79.2) == "79,2"
        assert csv_safe(5) == 5
        assert csv_safe("-1") == "'-1"
    with translation.override("en"):
        assert Cell(3.16, "mean").text() == "3.2"
        assert csv_safe(79.2) == "79.2"


def test_compute_runs_every_figure(people: People) -> None:
    figures = compute(only_built(people))
    assert figures.clients == 2  # the fixture's two relationships, open since 2020
    assert len(figures.lead) == 5


def test_selections_of_the_same_relationships_are_counted_once(people: People) -> None:
    """A manager of every unit beside the organiser as a whole: the same relationships, so one
    set of queries and the same figures; a unit chosen (an organisational filter that the
    organiser's column leaves out) makes them two."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from polku.metrics.figures import compute_each

    b.pathway(
        unit=people.unit,
        worker=people.worker,
        contact=D(2026, 1, 5),
        place=people.place,
        start=D(2026, 2, 2),
        end=D(2026, 5, 29),
    )
    units = frozenset({people.unit.pk, people.other_unit.pk})
    mine = Selection(units, PERIOD, TODAY)
    organiser = Selection(units, PERIOD, TODAY, organisational=False)
    with CaptureQueriesContext(connection) as one:
        (alone,) = compute_each([mine])
    with CaptureQueriesContext(connection) as both:
        first, second = compute_each([mine, organiser])
    assert len(both) == len(one)
    assert first.selection is mine
    assert second.selection is organiser
    assert first.clients == second.clients == alone.clients == 3  # with the fixture's two
    assert first.shares == second.shares == alone.shares
    narrowed = Selection(units, replace(PERIOD, unit=people.other_unit), TODAY)
    assert narrowed.basis != organiser.basis
    assert replace(organiser, filters=narrowed.filters).basis == organiser.basis
    with CaptureQueriesContext(connection) as two:
        unit_only, whole = compute_each([narrowed, organiser])
    assert len(two) > len(one)
    assert whole.clients == 3
    assert unit_only.clients < whole.clients  # the new pathway is not in the unit chosen
