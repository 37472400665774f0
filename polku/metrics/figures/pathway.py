"""Figures of the pathway: stages, starts and ends per month, lead times, and how each step is
followed (shares)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth

from polku.clients.models import (
    ClientRelationship,
    HandoverStatus,
    InformingTopic,
    Meeting,
    MeetingStatus,
    WorkerAssignment,
)
from polku.closure.models import (
    Certificate,
    CertificateStatus,
    FollowUpPlan,
)
from polku.evaluation.models import (
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
)
from polku.metrics.figures.selection import (
    Selection,
    Share,
    counts,
    grouped,
    persons,
)
from polku.metrics.models import RelationshipFact, ReviewFact, StepFact, StepKind
from polku.pathways.models import ActivationPlan, PlanStatus
from polku.placements.models import (
    IntroductoryVisit,
    Period,
    PeriodKind,
    PeriodStatus,
    StewardNotice,
    VisitStatus,
)

# --- 1. Clients by stage -----------------------------------------------------------------------


def stage_rows(sel: Selection) -> QuerySet[Any]:
    """Open relationships today by their stage: persons per stage (:func:`grouped` rows)."""
    return grouped(sel.relationships().filter(ended_on__isnull=True), F("stage"), "client")


def by_stage(sel: Selection) -> dict[str, int]:
    return counts(stages=stage_rows(sel))["stages"]


# --- 2. Starts and ends per month --------------------------------------------------------------


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


MONTH_FIGURES = ("contacts", "starts", "ends")


def _month(date_field: str) -> TruncMonth:
    return TruncMonth(date_field, output_field=DateField())


def month_rows(sel: Selection) -> dict[str, QuerySet[Any]]:
    """Persons per month (:func:`grouped` rows): relationships begun (first contact),
    work-activity periods begun, relationships ended."""
    rel = sel.relationships()
    return {
        "contacts": grouped(
            rel.filter(started_on__range=(sel.start, sel.end)), _month("started_on"), "client"
        ),
        "starts": grouped(
            sel.periods().filter(starts_on__range=(sel.start, sel.last_day)),
            _month("starts_on"),
            "relationship__client",
        ),
        "ends": grouped(
            rel.filter(ended_on__range=(sel.start, sel.end)), _month("ended_on"), "client"
        ),
    }


def month_rows_from_facts(sel: Selection) -> dict[str, QuerySet[Any]]:
    """:func:`month_rows` from the nightly facts: the relationships' start and end dates and the
    periods' starts (not cancelled), each through its date's index."""
    rel = sel.relationship_facts()
    return {
        "contacts": grouped(
            rel.filter(started_on__range=(sel.start, sel.end)), _month("started_on"), "client"
        ),
        "starts": grouped(
            sel.period_facts().filter(starts_on__range=(sel.start, sel.last_day)),
            _month("starts_on"),
            "client",
        ),
        "ends": grouped(
            rel.filter(ended_on__range=(sel.start, sel.end)), _month("ended_on"), "client"
        ),
    }


def as_months(rows: dict[Any, int]) -> dict[dt.date, int]:
    """Month keys as dates (a database may give the truncated month as a datetime)."""
    return {
        (month.date() if isinstance(month, dt.datetime) else month): n for month, n in rows.items()
    }


def per_month(sel: Selection) -> dict[str, dict[dt.date, int]]:
    """Persons per month (one query: the three counts' union)."""
    return {name: as_months(rows) for name, rows in counts(**month_rows(sel)).items()}


def per_month_from_facts(sel: Selection) -> dict[str, dict[dt.date, int]]:
    """:func:`per_month` from the nightly facts."""
    return {name: as_months(rows) for name, rows in counts(**month_rows_from_facts(sel)).items()}


# --- 3. Lead times -----------------------------------------------------------------------------

STEPS = ("contact", "worker", "meeting", "plan", "start")
INTERVALS = (
    ("contact", "worker"),
    ("worker", "meeting"),
    ("meeting", "plan"),
    ("plan", "start"),
    ("contact", "start"),
)


def step_subqueries(until: dt.date | None) -> dict[str, Subquery]:
    """The date each step after the contact was first reached, as subqueries of a
    relationship (``OuterRef("pk")``): the first accepted responsible worker, the first meeting
    held, the first signed activation plan and the first work-activity period begun (not
    cancelled; by ``until`` when given)."""
    pk = OuterRef("pk")
    worker = (
        WorkerAssignment.objects.filter(relationship=pk, status=HandoverStatus.ACCEPTED)
        .order_by("assigned_at")
        .values(d=TruncDate("assigned_at"))[:1]
    )
    meeting = (
        Meeting.objects.filter(relationship=pk, is_first=True, status=MeetingStatus.HELD)
        .order_by("starts_at")
        .values(d=TruncDate("starts_at"))[:1]
    )
    plan = (
        ActivationPlan.objects.filter(
            relationship=pk, status=PlanStatus.SIGNED, signed_on__isnull=False
        )
        .order_by("signed_on")
        .values("signed_on")[:1]
    )
    periods = Period.objects.filter(relationship=pk).exclude(status=PeriodStatus.CANCELLED)
    if until is not None:
        periods = periods.filter(starts_on__lte=until)
    start = periods.order_by("starts_on").values("starts_on")[:1]
    return {
        "worker": Subquery(worker, output_field=DateField()),
        "meeting": Subquery(meeting, output_field=DateField()),
        "plan": Subquery(plan, output_field=DateField()),
        "start": Subquery(start, output_field=DateField()),
    }


def _step_dates(sel: Selection) -> QuerySet[ClientRelationship]:
    """Relationships begun in the period, with the date of each step of the pathway."""
    return (
        sel.relationships()
        .filter(started_on__range=(sel.start, sel.end))
        .annotate(
            step_contact=F("started_on"),
            **{f"step_{step}": q for step, q in step_subqueries(sel.today).items()},
        )
    )


def _step_dates_from_facts(sel: Selection) -> QuerySet[RelationshipFact]:
    """:func:`_step_dates` from the nightly facts: the same dates, the first period's start
    only once it has come (the facts keep it whatever its date)."""
    return (
        sel.relationship_facts()
        .filter(started_on__range=(sel.start, sel.end))
        .annotate(
            step_contact=F("started_on"),
            step_worker=F("first_worker_on"),
            step_meeting=F("first_meeting_on"),
            step_plan=F("first_plan_on"),
            step_start=Case(
                When(first_period_on__lte=sel.today, then=F("first_period_on")),
                default=None,
                output_field=DateField(),
            ),
        )
    )


@dataclass(frozen=True)
class LeadTime:
    first: str
    last: str
    n: int
    median: int | None
    p90: int | None


def nearest_rank(n: int, p: float) -> int:
    """The 0-based offset of the ``p`` percentile of ``n`` ordered values (nearest rank): the
    value at 1-based position ⌈p·n⌉, as PostgreSQL's ``percentile_disc`` reads it."""
    return max(0, math.ceil(p * n) - 1)


PERCENTILES = (0.5, 0.9)


def _days(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return value.days
    return int(value)


def _span_sql(vendor: str, first: str, last: str) -> str:
    """Whole days from the step column ``first`` to ``last`` (both dates)."""
    if vendor == "postgresql":
        return f"({last} - {first})"
    return f"CAST(julianday({last}) - julianday({first}) AS INTEGER)"


def _lead_sql(vendor: str, steps_sql: str) -> str:
    """One query for every interval: its count, median and 90th percentile (nearest rank).

    PostgreSQL reads the percentiles with ``percentile_disc``, which takes the value at
    position ⌈p·n⌉ of the ordered non-null values. SQLite has no ordered-set aggregates: each
    interval's values are numbered in order with a window function and the row whose number
    ``r`` has ``r - 1 < p·n ≤ r`` (that is, ``r = ⌈p·n⌉``, the same floating-point product) is
    picked, so both databases give the same value (docs/decisions/0017-metrics.md)."""
    spans = ", ".join(
        f"{_span_sql(vendor, f'steps.step_{a}', f'steps.step_{b}')} AS s{i}"
        for i, (a, b) in enumerate(INTERVALS)
    )
    if vendor == "postgresql":
        # OFFSET 0 keeps PostgreSQL from pulling the step dates' subquery up into the spans:
        # each span would then repeat its two steps' correlated subqueries, evaluated again in
        # every aggregate that reads it (24 subplans a row instead of 4). SQLite reads the
        # subquery once as a co-routine.
        steps_sql = f"{steps_sql} OFFSET 0"
    spans_sql = f"SELECT {spans} FROM ({steps_sql}) steps"  # noqa: S608
    if vendor == "postgresql":
        columns = ", ".join(
            f"COUNT(s{i})"
            + "".join(f", percentile_disc(%s) WITHIN GROUP (ORDER BY s{i})" for _p in PERCENTILES)
            for i in range(len(INTERVALS))
        )
        return f"SELECT {columns} FROM ({spans_sql}) spans"  # noqa: S608
    ranks = ", ".join(
        f"s{i}, ROW_NUMBER() OVER (ORDER BY s{i} IS NULL, s{i}) AS r{i}, "
        f"COUNT(s{i}) OVER () AS n{i}"
        for i in range(len(INTERVALS))
    )
    columns = ", ".join(
        f"COUNT(s{i})"
        + "".join(
            f", MAX(CASE WHEN s{i} IS NOT NULL AND r{i} - 1 < %s * n{i} AND %s * n{i} <= r{i}"
            f" THEN s{i} END)"
            for _p in PERCENTILES
        )
        for i in range(len(INTERVALS))
    )
    return f"SELECT {columns} FROM (SELECT {ranks} FROM ({spans_sql}) spans) ranked"  # noqa: S608


def lead_times(sel: Selection) -> list[LeadTime]:
    """Median and 90th percentile of the days between steps, over the relationships begun in
    the period that reached both steps: every interval in one query (:func:`_lead_sql`), the
    step dates from the ORM's own compiled subquery, no row read into Python."""
    return _lead_times_of(_step_dates(sel))


def lead_times_from_facts(sel: Selection) -> list[LeadTime]:
    """:func:`lead_times` over the nightly facts' step dates (the same query around them)."""
    return _lead_times_of(_step_dates_from_facts(sel))


def _lead_times_of(step_dates: QuerySet[Any]) -> list[LeadTime]:
    steps = step_dates.order_by().values(*(f"step_{step}" for step in STEPS))
    alias = steps.db
    connection = connections[alias]
    steps_sql, steps_params = steps.query.get_compiler(alias).as_sql()
    if connection.vendor == "postgresql":
        percentile_params: list[float] = [*PERCENTILES] * len(INTERVALS)
    else:
        percentile_params = [p for p in PERCENTILES for _twice in (1, 2)] * len(INTERVALS)
    # Only the compiled subquery, column aliases and constants are formatted in; every value
    # is a parameter (the percentiles' come first: they are in the outer SELECT's columns).
    sql = _lead_sql(connection.vendor, steps_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*percentile_params, *steps_params])
        row = cursor.fetchone()
    result = []
    width = 1 + len(PERCENTILES)
    for i, (a, b) in enumerate(INTERVALS):
        n, median, p90 = row[i * width : (i + 1) * width]
        if not n:
            median = p90 = None
        result.append(LeadTime(a, b, int(n), _days(median), _days(p90)))
    return result


# --- 4. The pathway's quality: shares ---------------------------------------------------------


def with_two_options(plans: QuerySet[ActivationPlan]) -> QuerySet[ActivationPlan]:
    """The plans of ``plans`` with two options or more."""
    return plans.annotate(n_options=Count("options")).filter(n_options__gte=2)


def with_checklist_done(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings of ``meetings`` held with every informing topic informed or not relevant."""
    return (
        meetings.filter(status=MeetingStatus.HELD)
        .annotate(
            n_done=Count(
                "informing",
                filter=Q(informing__informed=True) | ~Q(informing__not_relevant_reason=""),
            )
        )
        .filter(n_done__gte=len(InformingTopic))
    )


def _relationship_row(qs: QuerySet[Any]) -> tuple[int, dict[str, Share]]:
    row = qs.aggregate(
        clients=persons(),
        plans=Count("pk", filter=Q(has_plan=True)),
        plans_p=persons(filter=Q(has_plan=True)),
        two=Count("pk", filter=Q(has_two=True)),
        meetings=Count("pk", filter=Q(has_meeting=True)),
        meetings_p=persons(filter=Q(has_meeting=True)),
        checklist=Count("pk", filter=Q(has_checklist=True)),
    )
    return row["clients"], {
        "two_options": Share(row["two"], row["plans"], row["plans_p"]),
        "informing": Share(row["checklist"], row["meetings"], row["meetings_p"]),
    }


def relationship_figures(sel: Selection) -> tuple[int, dict[str, Share]]:
    """Over the selection's relationships, in one query: the persons with a relationship open
    at some time in the period (:meth:`Selection.active_q`), and the shares: plans with at least
    two options, the informing checklist done at the first meeting."""
    pk = OuterRef("pk")
    signed = ActivationPlan.objects.filter(
        relationship=pk, status=PlanStatus.SIGNED, signed_on__range=(sel.start, sel.end)
    )
    first_meetings = Meeting.objects.filter(
        relationship=pk,
        is_first=True,
        starts_at__date__range=(sel.start, sel.last_day),
    ).exclude(status=MeetingStatus.CANCELLED)
    # Only the relationships open at some time in the period: a plan signed or a first meeting
    # in the period belongs to one of them, and the four subqueries then run over a year's
    # relationships rather than over every one ever opened.
    qs = (
        sel.relationships()
        .filter(sel.active_q())
        .annotate(
            has_plan=Exists(signed),
            has_two=Exists(with_two_options(signed)),
            has_meeting=Exists(first_meetings),
            has_checklist=Exists(with_checklist_done(first_meetings)),
        )
    )
    return _relationship_row(qs)


def relationship_figures_from_facts(sel: Selection) -> tuple[int, dict[str, Share]]:
    """:func:`relationship_figures` from the nightly facts, in one query: the selection's
    relationships open in the period, each joined to its dated steps in the period (a signed
    plan, and whether it had two options; a first meeting not cancelled, and whether its
    checklist was done). A relationship is counted once per share however many of its steps
    fall in the period (``COUNT(DISTINCT …)``), as the records' ``EXISTS`` counts it. One join
    rather than four ``EXISTS`` a relationship (county on SQLite, both selections: about 290 →
    160 ms)."""
    rels = sel.relationship_facts().filter(sel.active_q()).values("relationship_id", "client_id")
    alias = rels.db
    connection = connections[alias]
    quote = connection.ops.quote_name
    rels_sql, rels_params = rels.query.get_compiler(alias).as_sql()
    steps = quote(StepFact._meta.db_table)
    on = f"s.{quote('on')}"
    plan, meeting = "s.kind = %s", "s.kind = %s"
    # Only the ORM's own compiled query, the table's and columns' names and fixed SQL are
    # formatted in; every value is a parameter. The steps are joined on the relationship (its
    # index) with the period's dates in the join's condition, so a relationship without a step
    # in the period still counts among the persons.
    sql = f"""
        SELECT COUNT(DISTINCT r.client_id),
            COUNT(DISTINCT CASE WHEN {plan} THEN r.relationship_id END),
            COUNT(DISTINCT CASE WHEN {plan} THEN r.client_id END),
            COUNT(DISTINCT CASE WHEN {plan} AND s.done THEN r.relationship_id END),
            COUNT(DISTINCT CASE WHEN {meeting} THEN r.relationship_id END),
            COUNT(DISTINCT CASE WHEN {meeting} THEN r.client_id END),
            COUNT(DISTINCT CASE WHEN {meeting} AND s.done THEN r.relationship_id END)
        FROM ({rels_sql}) r LEFT JOIN {steps} s ON s.relationship_id = r.relationship_id
            AND ((s.kind = %s AND {on} BETWEEN %s AND %s)
                OR (s.kind = %s AND {on} BETWEEN %s AND %s))
    """  # noqa: S608
    kinds = [StepKind.PLAN.value] * 3 + [StepKind.MEETING.value] * 3
    ranges: list[Any] = [
        StepKind.PLAN.value,
        sel.start,
        sel.end,
        StepKind.MEETING.value,
        sel.start,
        sel.last_day,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*kinds, *rels_params, *ranges])
        clients, plans, plans_p, two, meetings, meetings_p, checklist = cursor.fetchone()
    return clients, {
        "two_options": Share(two, plans, plans_p),
        "informing": Share(checklist, meetings, meetings_p),
    }


def reviews_due(plans: QuerySet[ActivationPlan]) -> QuerySet[ActivationPlan]:
    """The signed plans of ``plans`` with a review due while their relationship was open: a
    relationship that ended before the due date is left out."""
    return plans.filter(status=PlanStatus.SIGNED, review_due__isnull=False).filter(
        Q(relationship__ended_on__isnull=True) | Q(relationship__ended_on__gte=F("review_due"))
    )


def plan_reviews(sel: Selection) -> Share:
    """Signed plans whose review fell due in the period (and has come): reviewed on time when a
    later plan of the relationship was signed by the due date. A relationship that ended before
    the review was due is left out (:func:`reviews_due`)."""
    later = ActivationPlan.objects.filter(
        relationship=OuterRef("relationship"),
        status=PlanStatus.SIGNED,
        signed_on__gt=OuterRef("signed_on"),
        signed_on__lte=OuterRef("review_due"),
    )
    plans = reviews_due(
        ActivationPlan.objects.filter(
            relationship__in=sel.relationships().values("pk"),
            review_due__range=(sel.start, sel.last_day),
        )
    ).annotate(on_time=Exists(later))
    row = plans.aggregate(
        of=Count("pk"),
        done=Count("pk", filter=Q(on_time=True)),
        p=persons("relationship__client"),
    )
    return Share(row["done"], row["of"], row["p"])


def plan_reviews_from_facts(sel: Selection) -> Share:
    """:func:`plan_reviews` from the nightly facts: the reviews due in the period (through the
    due date's index) of the selection's relationships, on time when the next plan was signed
    by the due date."""
    row = ReviewFact.objects.filter(
        review_due__range=(sel.start, sel.last_day),
        relationship__in=sel.relationship_facts().values("relationship"),
    ).aggregate(
        of=Count("pk"),
        done=Count("pk", filter=Q(reviewed_on__lte=F("review_due"))),
        p=persons("client"),
    )
    return Share(row["done"], row["of"], row["p"])


def period_flags() -> dict[str, Exists]:
    """Whether each step around a work-activity period (``OuterRef("pk")``) was done: an
    introductory visit recorded to its place, the notice to the chief shop steward sent by the
    start, the final evaluation finished, a certificate given, a follow-up plan made by the
    end."""
    period = OuterRef("pk")
    return {
        "has_visit": Exists(
            IntroductoryVisit.objects.filter(
                relationship=OuterRef("relationship"),
                place=OuterRef("place"),
                status=VisitStatus.RECORDED,
            )
        ),
        "has_notice": Exists(
            StewardNotice.objects.filter(period=period, sent_on__lte=OuterRef("starts_on"))
        ),
        "has_evaluated": Exists(
            Evaluation.objects.filter(
                period=period, kind=EvaluationKind.FINAL, status=EvaluationStatus.FINISHED
            )
        ),
        "has_certificate": Exists(
            Certificate.objects.filter(period=period, status=CertificateStatus.GIVEN)
        ),
        "has_follow_up": Exists(
            FollowUpPlan.objects.filter(period=period, made_on__lte=OuterRef("ends_on"))
        ),
    }


def period_shares(sel: Selection) -> dict[str, Share]:
    """Shares over work-activity periods (one query): begun in the period — introductory visit
    recorded, notice to the chief shop steward sent by the start; full periods ended in the
    period — final evaluation finished, certificate given, follow-up plan made by the end."""
    return _period_row(sel, sel.periods().annotate(**period_flags()), "relationship__client")


def period_shares_from_facts(sel: Selection) -> dict[str, Share]:
    """:func:`period_shares` from the nightly facts (the same flags, counted then)."""
    return _period_row(sel, sel.period_facts(), "client")


def _period_row(sel: Selection, qs: QuerySet[Any], client: str) -> dict[str, Share]:
    started = Q(starts_on__range=(sel.start, sel.last_day))
    ended = Q(kind=PeriodKind.FULL, ends_on__range=(sel.start, sel.last_day))
    # Only the periods that count in one of the shares (the others add nothing to any of them):
    # through the dates' indexes rather than every period ever made.
    row = qs.filter(started | ended).aggregate(
        started=Count("pk", filter=started),
        started_p=persons(client, filter=started),
        visit=Count("pk", filter=started & Q(has_visit=True)),
        notice=Count("pk", filter=started & Q(has_notice=True)),
        ended=Count("pk", filter=ended),
        ended_p=persons(client, filter=ended),
        evaluated=Count("pk", filter=ended & Q(has_evaluated=True)),
        certificate=Count("pk", filter=ended & Q(has_certificate=True)),
        follow_up=Count("pk", filter=ended & Q(has_follow_up=True)),
    )
    return {
        "visit": Share(row["visit"], row["started"], row["started_p"]),
        "notice": Share(row["notice"], row["started"], row["started_p"]),
        "evaluated": Share(row["evaluated"], row["ended"], row["ended_p"]),
        "certificate": Share(row["certificate"], row["ended"], row["ended_p"]),
        "follow_up": Share(row["follow_up"], row["ended"], row["ended_p"]),
    }
