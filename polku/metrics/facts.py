"""The pathway's facts the dashboard reads for its lead times, shares and persons per month
(docs/decisions/0017-metrics.md).

The lead times and the shares of plans, first meetings, plan reviews and periods look at every
relationship of the period through correlated subqueries over plans, options, meetings,
informing topics, assignments, periods, visits, notices, evaluations, certificates and
follow-up plans; at national scale that is too much for every page load. :func:`refresh`
counts them every night, in full, into four narrow tables (the persons per month read the
relationships' and periods' dates from the first and third):

- :class:`~polku.metrics.models.RelationshipFact`: one row per relationship, with the
  selection's dimensions (unit, municipality, birth date, gender digit, dates) and the date of
  each step of the pathway (:func:`relationship_rows`);
- :class:`~polku.metrics.models.StepFact`: one row per signed activation plan and per first
  meeting not cancelled, with its date and whether it was done (:func:`step_rows`);
- :class:`~polku.metrics.models.PeriodFact`: one row per work-activity period not cancelled,
  with its place, producer type, kind, dates and five yes/no facts (:func:`period_rows`);
- :class:`~polku.metrics.models.ReviewFact`: one row per signed plan whose review fell due while
  its relationship was open, with the due date and the next signed plan's date
  (:func:`review_rows`).

Each table is filled by one ``INSERT … SELECT`` of the ORM's own query, the one the tests
compare the table with, and each value in it is the expression the figures computed from the
records use (``figures.pathway.step_subqueries``, ``period_flags``, ``with_two_options``,
``with_checklist_done``, ``reviews_due``, ``selection.gender_digit``). A figure read from the
facts is the one counted from the records when the facts were counted
(``polku/metrics/tests/test_facts.py`` on both databases); a change made since shows from the
next count, and the page says when that was. The job ``polku.jobs.tasks.attendance_summary``
counts them after the attendance summary.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connections, router, transaction
from django.db.models import (
    DateField,
    Exists,
    F,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import TruncDate

from polku.clients.models import ClientRelationship, Meeting, MeetingStatus
from polku.core import clock
from polku.metrics.figures.pathway import (
    period_flags,
    reviews_due,
    step_subqueries,
    with_checklist_done,
    with_two_options,
)
from polku.metrics.figures.selection import gender_digit
from polku.metrics.models import (
    PeriodFact,
    RelationshipFact,
    ReviewFact,
    StepFact,
    StepKind,
    SummaryState,
)
from polku.metrics.summary import PATHWAY
from polku.pathways.models import ActivationPlan, PlanStatus
from polku.placements.models import Period, PeriodStatus

#: Each table's columns and the query's names for them, in order.
RELATIONSHIP_COLUMNS = {
    "relationship_id": "f_relationship",
    "client_id": "f_client",
    "unit_id": "f_unit",
    "municipality_id": "f_municipality",
    "birth_date": "f_birth_date",
    "gender_digit": "f_gender_digit",
    "started_on": "f_started_on",
    "ended_on": "f_ended_on",
    "first_worker_on": "f_worker",
    "first_meeting_on": "f_meeting",
    "first_plan_on": "f_plan",
    "first_period_on": "f_start",
}
STEP_COLUMNS = {
    "relationship_id": "f_relationship",
    "kind": "f_kind",
    "on": "f_on",
    "done": "f_done",
}
PERIOD_COLUMNS = {
    "period_id": "f_period",
    "relationship_id": "f_relationship",
    "client_id": "f_client",
    "place_id": "f_place",
    "producer_type": "f_producer_type",
    "kind": "f_kind",
    "starts_on": "f_starts_on",
    "ends_on": "f_ends_on",
    "has_visit": "f_visit",
    "has_notice": "f_notice",
    "has_evaluated": "f_evaluated",
    "has_certificate": "f_certificate",
    "has_follow_up": "f_follow_up",
}
REVIEW_COLUMNS = {
    "plan_id": "f_plan",
    "relationship_id": "f_relationship",
    "client_id": "f_client",
    "review_due": "f_review_due",
    "reviewed_on": "f_reviewed_on",
}


def relationship_rows() -> QuerySet[Any]:
    """Every relationship's row (:data:`RELATIONSHIP_COLUMNS`): the first period's start
    whatever its date (a figure reads it once it has come)."""
    steps = step_subqueries(until=None)
    return (
        ClientRelationship.objects.annotate(
            f_relationship=F("pk"),
            f_client=F("client_id"),
            f_unit=F("unit_id"),
            f_municipality=F("unit__municipality_id"),
            f_birth_date=F("client__birth_date"),
            f_gender_digit=gender_digit(),
            f_started_on=F("started_on"),
            f_ended_on=F("ended_on"),
            f_worker=steps["worker"],
            f_meeting=steps["meeting"],
            f_plan=steps["plan"],
            f_start=steps["start"],
        )
        .values(*RELATIONSHIP_COLUMNS.values())
        .order_by()
    )


def step_rows() -> dict[str, QuerySet[Any]]:
    """The dated steps (:data:`STEP_COLUMNS`): every signed plan with a date (done: two options
    or more) and every first meeting not cancelled, on its local date (done: held with the
    checklist done)."""
    plans = ActivationPlan.objects.filter(status=PlanStatus.SIGNED, signed_on__isnull=False)
    meetings = Meeting.objects.filter(is_first=True).exclude(status=MeetingStatus.CANCELLED)
    one_plan = ActivationPlan.objects.filter(pk=OuterRef("pk"))
    one_meeting = Meeting.objects.filter(pk=OuterRef("pk"))
    return {
        "plans": plans.annotate(
            f_relationship=F("relationship_id"),
            f_kind=Value(StepKind.PLAN.value),
            f_on=F("signed_on"),
            f_done=Exists(with_two_options(one_plan)),
        )
        .values(*STEP_COLUMNS.values())
        .order_by(),
        "meetings": meetings.annotate(
            f_relationship=F("relationship_id"),
            f_kind=Value(StepKind.MEETING.value),
            f_on=TruncDate("starts_at"),
            f_done=Exists(with_checklist_done(one_meeting)),
        )
        .values(*STEP_COLUMNS.values())
        .order_by(),
    }


def period_rows() -> QuerySet[Any]:
    """Every work-activity period not cancelled (:data:`PERIOD_COLUMNS`)."""
    flags = period_flags()
    return (
        Period.objects.exclude(status=PeriodStatus.CANCELLED)
        .annotate(
            f_period=F("pk"),
            f_relationship=F("relationship_id"),
            f_client=F("relationship__client_id"),
            f_place=F("place_id"),
            f_producer_type=F("place__producer_type"),
            f_kind=F("kind"),
            f_starts_on=F("starts_on"),
            f_ends_on=F("ends_on"),
            f_visit=flags["has_visit"],
            f_notice=flags["has_notice"],
            f_evaluated=flags["has_evaluated"],
            f_certificate=flags["has_certificate"],
            f_follow_up=flags["has_follow_up"],
        )
        .values(*PERIOD_COLUMNS.values())
        .order_by()
    )


def review_rows() -> QuerySet[Any]:
    """Every signed plan's review that fell due while the relationship was open
    (:data:`REVIEW_COLUMNS`, :func:`~polku.metrics.figures.pathway.reviews_due`), whatever the
    date, with the date the relationship's next plan was signed, whatever its date (on time:
    by the due date, as the records' ``EXISTS`` of a later plan signed by then asks)."""
    next_signed = (
        ActivationPlan.objects.filter(
            relationship=OuterRef("relationship"),
            status=PlanStatus.SIGNED,
            signed_on__gt=OuterRef("signed_on"),
        )
        .order_by("signed_on")
        .values("signed_on")[:1]
    )
    return (
        reviews_due(ActivationPlan.objects.all())
        .annotate(
            f_plan=F("pk"),
            f_relationship=F("relationship_id"),
            f_client=F("relationship__client_id"),
            f_review_due=F("review_due"),
            f_reviewed_on=Subquery(next_signed, output_field=DateField()),
        )
        .values(*REVIEW_COLUMNS.values())
        .order_by()
    )


def _insert(model: type[Model], columns: dict[str, str], rows: QuerySet[Any]) -> int:
    alias = router.db_for_write(model)
    select_sql, params = rows.query.get_compiler(alias).as_sql()
    table = model._meta.db_table
    connection = connections[alias]
    quote = connection.ops.quote_name
    into = ", ".join(quote(column) for column in columns)
    picked = ", ".join(f"g.{quote(name)}" for name in columns.values())
    # Only the table's and columns' names and the ORM's own compiled query are formatted in;
    # every value is a parameter.
    sql = f"INSERT INTO {quote(table)} ({into}) SELECT {picked} FROM ({select_sql}) g"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


@transaction.atomic
def refresh() -> dict[str, int]:
    """Count every relationship's, step's, period's and review's facts again from the records as
    they are now, replacing the previous count (readers see it until this commits). Returns counts
    only: the job's result is stored and shown."""
    counted_at = clock.now()
    SummaryState.objects.select_for_update().filter(name=PATHWAY).first()  # one at a time
    for model in (StepFact, PeriodFact, ReviewFact, RelationshipFact):
        model.objects.all().delete()  # nothing refers to them: one DELETE each
    written = {
        "relationships": _insert(RelationshipFact, RELATIONSHIP_COLUMNS, relationship_rows()),
        "steps": sum(_insert(StepFact, STEP_COLUMNS, rows) for rows in step_rows().values()),
        "periods": _insert(PeriodFact, PERIOD_COLUMNS, period_rows()),
        "reviews": _insert(ReviewFact, REVIEW_COLUMNS, review_rows()),
    }
    SummaryState.objects.update_or_create(
        name=PATHWAY, defaults={"covered_until": clock.today(), "refreshed_at": counted_at}
    )
    return written


def counted_at() -> dt.datetime | None:
    """When the facts were last counted (None: never, and the figures read the records)."""
    return SummaryState.objects.filter(name=PATHWAY).values_list("refreshed_at", flat=True).first()
