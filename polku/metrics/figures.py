"""The manager's figures (SPEC §6 manager), each computed in the database with aggregate
queries: no client row is loaded into Python, and the number of queries does not grow with the
rows (``tests``: flat from 10 to many clients).

A :class:`Selection` is a set of client relationships: the manager's units narrowed by the
filters, or the organiser as a whole (the same period and the same age band and gender, without
the organisational filters). Each figure function takes one and returns plain numbers; the
dashboard (:mod:`polku.metrics.dashboard`) puts the two side by side and suppresses small cells.

Medians and 90th percentiles are nearest-rank values read with ``ORDER BY … LIMIT 1 OFFSET k``
after one ``COUNT``: portable between SQLite and PostgreSQL and never loading the list
(docs/decisions/0017-metrics.md). The GAS T-score is computed per evaluation in SQL from the
levels stored in the evaluation's goals section (JSON), with one vendor-specific expression for
the JSON path.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr, TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit
from polku.attendance.models import AttendanceDay, DayStatus, Interruption, Notice
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
    FollowUpCall,
    FollowUpPlan,
    RelationshipEnd,
)
from polku.evaluation.models import (
    Evaluation,
    EvaluationKind,
    EvaluationSection,
    EvaluationStatus,
    Goal,
    SectionPart,
)
from polku.pathways.models import ActivationPlan, PlanStatus
from polku.placements.models import (
    IntroductoryVisit,
    Period,
    PeriodKind,
    PeriodStatus,
    StewardNotice,
    VisitStatus,
)

# --- Filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: Any
    low: int  # age at the end of the period, inclusive
    high: int | None  # exclusive


AGE_BANDS = (
    AgeBand("u25", _("Under 25"), 0, 25),
    AgeBand("25-29", _("25–29"), 25, 30),
    AgeBand("30-49", _("30–49"), 30, 50),
    AgeBand("50-54", _("50–54"), 50, 55),
    AgeBand("55+", _("55 and over"), 55, None),
)
AGE_BAND = {b.key: b for b in AGE_BANDS}

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
GENDERS = (
    (FEMALE, pgettext_lazy("gender", "Women")),
    (MALE, pgettext_lazy("gender", "Men")),
    (UNKNOWN, pgettext_lazy("gender", "Not known")),
)
EVEN_DIGITS = ("0", "2", "4", "6", "8")
ODD_DIGITS = ("1", "3", "5", "7", "9")


@dataclass(frozen=True)
class Filters:
    starts_on: dt.date
    ends_on: dt.date
    municipality: Unit | None = None
    unit: Unit | None = None
    place: Unit | None = None
    producer_type: str = ""
    age_band: str = ""
    gender: str = ""

    @property
    def organisational(self) -> bool:
        return bool(self.municipality or self.unit or self.place or self.producer_type)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_q(band: AgeBand, on: dt.date, prefix: str = "client__") -> Q:
    """Age ``low ≤ age < high`` on ``on`` as a birth-date range (indexable, portable)."""
    q = Q(**{f"{prefix}birth_date__lte": years_before(on, band.low)})
    if band.high is not None:
        q &= Q(**{f"{prefix}birth_date__gt": years_before(on, band.high)})
    return q


def gender_digit(path: str = "client__identity_code") -> Any:
    """The identity code's gender digit (the 10th character: odd men, even women); a missing
    or temporary code has none (docs/decisions/0017-metrics.md)."""
    return Case(
        When(
            **{f"{path}__regex": r"^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]$"}, then=Substr(path, 10, 1)
        ),
        default=Value(""),
    )


def gender_q(gender: str) -> Q:
    if gender == FEMALE:
        return Q(gender_digit__in=EVEN_DIGITS)
    if gender == MALE:
        return Q(gender_digit__in=ODD_DIGITS)
    return ~Q(gender_digit__in=EVEN_DIGITS + ODD_DIGITS)


# --- Selections --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Client relationships of ``unit_ids`` and the filters; ``organisational`` False leaves out
    municipality, unit, place and producer type (the organiser as a whole)."""

    unit_ids: frozenset[int]
    filters: Filters
    today: dt.date
    organisational: bool = True

    @property
    def start(self) -> dt.date:
        return self.filters.starts_on

    @property
    def end(self) -> dt.date:
        return self.filters.ends_on

    @property
    def last_day(self) -> dt.date:
        """The period's last day that has already come."""
        return min(self.end, self.today)

    def _period_filters(self) -> Q:
        f = self.filters
        q = Q()
        if self.organisational and f.place is not None:
            q &= Q(place=f.place)
        if self.organisational and f.producer_type:
            q &= Q(place__producer_type=f.producer_type)
        return q

    def relationships(self) -> QuerySet[ClientRelationship]:
        """Every relationship of the selection, of any time (the figures add their dates)."""
        f = self.filters
        qs = ClientRelationship.objects.filter(unit_id__in=self.unit_ids)
        if self.organisational:
            if f.municipality is not None:
                qs = qs.filter(unit__municipality=f.municipality)
            if f.unit is not None:
                qs = qs.filter(unit=f.unit)
            period_q = self._period_filters()
            if period_q:
                qs = qs.filter(
                    Exists(
                        Period.objects.filter(period_q, relationship=OuterRef("pk")).exclude(
                            status=PeriodStatus.CANCELLED
                        )
                    )
                )
        if f.age_band in AGE_BAND:
            qs = qs.filter(age_q(AGE_BAND[f.age_band], f.ends_on))
        if f.gender:
            qs = qs.annotate(gender_digit=gender_digit()).filter(gender_q(f.gender))
        return qs

    def active(self) -> QuerySet[ClientRelationship]:
        """Relationships open at some time in the period."""
        return (
            self.relationships()
            .filter(started_on__lte=self.end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=self.start))
        )

    def periods(self) -> QuerySet[Period]:
        """The relationships' work-activity periods (not cancelled), at the place and producer
        type chosen."""
        return Period.objects.filter(
            self._period_filters(), relationship__in=self.relationships().values("pk")
        ).exclude(status=PeriodStatus.CANCELLED)


# --- Counting helpers --------------------------------------------------------------------------


def persons(path: str = "client", **filters: Any) -> Count:
    """Distinct persons (clients), optionally of rows matching ``filters`` (a Q)."""
    return Count(path, distinct=True, **filters)


@dataclass(frozen=True)
class Share:
    done: int
    of: int
    persons: int  # persons in the denominator

    @property
    def ratio(self) -> float | None:
        return self.done / self.of if self.of else None


# --- 1. Clients by stage -----------------------------------------------------------------------


def by_stage(sel: Selection) -> dict[str, int]:
    """Open relationships today by their stage: persons per stage."""
    rows = (
        sel.relationships()
        .filter(ended_on__isnull=True)
        .values("stage")
        .annotate(n=persons())
        .order_by()
    )
    return {row["stage"]: row["n"] for row in rows}


# --- 2. Starts and ends per month --------------------------------------------------------------


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _per_month(qs: QuerySet[Any], date_field: str, path: str) -> dict[dt.date, int]:
    rows = (
        qs.annotate(month=TruncMonth(date_field, output_field=DateField()))
        .values("month")
        .annotate(n=Count(path, distinct=True))
        .order_by()
    )
    result: dict[dt.date, int] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        result[month] = row["n"]
    return result


def per_month(sel: Selection) -> dict[str, dict[dt.date, int]]:
    """Persons per month: relationships begun (first contact), work-activity periods begun,
    relationships ended."""
    rel = sel.relationships()
    return {
        "contacts": _per_month(
            rel.filter(started_on__range=(sel.start, sel.end)), "started_on", "client"
        ),
        "starts": _per_month(
            sel.periods().filter(starts_on__range=(sel.start, sel.last_day)),
            "starts_on",
            "relationship__client",
        ),
        "ends": _per_month(rel.filter(ended_on__range=(sel.start, sel.end)), "ended_on", "client"),
    }


# --- 3. Lead times -----------------------------------------------------------------------------

STEPS = ("contact", "worker", "meeting", "plan", "start")
INTERVALS = (
    ("contact", "worker"),
    ("worker", "meeting"),
    ("meeting", "plan"),
    ("plan", "start"),
    ("contact", "start"),
)


def _step_dates(sel: Selection) -> QuerySet[ClientRelationship]:
    """Relationships begun in the period, with the date of each step of the pathway."""
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
    start = (
        Period.objects.filter(relationship=pk, starts_on__lte=sel.today)
        .exclude(status=PeriodStatus.CANCELLED)
        .order_by("starts_on")
        .values("starts_on")[:1]
    )
    return (
        sel.relationships()
        .filter(started_on__range=(sel.start, sel.end))
        .annotate(
            step_contact=F("started_on"),
            step_worker=Subquery(worker, output_field=DateField()),
            step_meeting=Subquery(meeting, output_field=DateField()),
            step_plan=Subquery(plan, output_field=DateField()),
            step_start=Subquery(start, output_field=DateField()),
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
    """The 0-based offset of the ``p`` percentile of ``n`` ordered values (nearest rank)."""
    return max(0, math.ceil(p * n) - 1)


def _days(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return value.days
    return int(value)


def lead_times(sel: Selection) -> list[LeadTime]:
    """Median and 90th percentile of the days between steps, over the relationships begun in
    the period that reached both steps: one COUNT of all intervals, then two offset reads each."""
    base = _step_dates(sel)
    counts = base.aggregate(
        **{
            f"n_{a}_{b}": Count(
                "pk", filter=Q(**{f"step_{a}__isnull": False, f"step_{b}__isnull": False})
            )
            for a, b in INTERVALS
        }
    )
    result = []
    for a, b in INTERVALS:
        n = counts[f"n_{a}_{b}"]
        median = p90 = None
        if n:
            ordered = (
                base.filter(**{f"step_{a}__isnull": False, f"step_{b}__isnull": False})
                .annotate(
                    span=ExpressionWrapper(
                        F(f"step_{b}") - F(f"step_{a}"), output_field=DurationField()
                    )
                )
                .order_by("span", "pk")
                .values_list("span", flat=True)
            )
            median = _days(ordered[nearest_rank(n, 0.5)])
            p90 = _days(ordered[nearest_rank(n, 0.9)])
        result.append(LeadTime(a, b, n, median, p90))
    return result


# --- 4. The pathway's quality: shares ---------------------------------------------------------


def relationship_shares(sel: Selection) -> dict[str, Share]:
    """Shares over relationships (one query): plans with at least two options; the informing
    checklist done at the first meeting."""
    pk = OuterRef("pk")
    signed = ActivationPlan.objects.filter(
        relationship=pk, status=PlanStatus.SIGNED, signed_on__range=(sel.start, sel.end)
    )
    two_options = signed.annotate(n_options=Count("options")).filter(n_options__gte=2)
    first_meetings = Meeting.objects.filter(
        relationship=pk,
        is_first=True,
        starts_at__date__range=(sel.start, sel.last_day),
    ).exclude(status=MeetingStatus.CANCELLED)
    checklist_done = (
        first_meetings.filter(status=MeetingStatus.HELD)
        .annotate(
            n_done=Count(
                "informing",
                filter=Q(informing__informed=True) | ~Q(informing__not_relevant_reason=""),
            )
        )
        .filter(n_done__gte=len(InformingTopic))
    )
    qs = sel.relationships().annotate(
        has_plan=Exists(signed),
        has_two=Exists(two_options),
        has_meeting=Exists(first_meetings),
        has_checklist=Exists(checklist_done),
    )
    row = qs.aggregate(
        plans=Count("pk", filter=Q(has_plan=True)),
        plans_p=persons(filter=Q(has_plan=True)),
        two=Count("pk", filter=Q(has_two=True)),
        meetings=Count("pk", filter=Q(has_meeting=True)),
        meetings_p=persons(filter=Q(has_meeting=True)),
        checklist=Count("pk", filter=Q(has_checklist=True)),
    )
    return {
        "two_options": Share(row["two"], row["plans"], row["plans_p"]),
        "informing": Share(row["checklist"], row["meetings"], row["meetings_p"]),
    }


def plan_reviews(sel: Selection) -> Share:
    """Signed plans whose review fell due in the period (and has come): reviewed on time when a
    later plan of the relationship was signed by the due date. A relationship that ended before
    the review was due is left out."""
    later = ActivationPlan.objects.filter(
        relationship=OuterRef("relationship"),
        status=PlanStatus.SIGNED,
        signed_on__gt=OuterRef("signed_on"),
        signed_on__lte=OuterRef("review_due"),
    )
    plans = (
        ActivationPlan.objects.filter(
            relationship__in=sel.relationships().values("pk"),
            status=PlanStatus.SIGNED,
            review_due__range=(sel.start, sel.last_day),
        )
        .filter(
            Q(relationship__ended_on__isnull=True) | Q(relationship__ended_on__gte=F("review_due"))
        )
        .annotate(on_time=Exists(later))
    )
    row = plans.aggregate(
        of=Count("pk"),
        done=Count("pk", filter=Q(on_time=True)),
        p=persons("relationship__client"),
    )
    return Share(row["done"], row["of"], row["p"])


def period_shares(sel: Selection) -> dict[str, Share]:
    """Shares over work-activity periods (one query): begun in the period — introductory visit
    recorded, notice to the chief shop steward sent by the start; full periods ended in the
    period — final evaluation finished, certificate given, follow-up plan made by the end."""
    period = OuterRef("pk")
    started = Q(starts_on__range=(sel.start, sel.last_day))
    ended = Q(kind=PeriodKind.FULL, ends_on__range=(sel.start, sel.last_day))
    qs = sel.periods().annotate(
        has_visit=Exists(
            IntroductoryVisit.objects.filter(
                relationship=OuterRef("relationship"),
                place=OuterRef("place"),
                status=VisitStatus.RECORDED,
            )
        ),
        has_notice=Exists(
            StewardNotice.objects.filter(period=period, sent_on__lte=OuterRef("starts_on"))
        ),
        has_evaluated=Exists(
            Evaluation.objects.filter(
                period=period, kind=EvaluationKind.FINAL, status=EvaluationStatus.FINISHED
            )
        ),
        has_certificate=Exists(
            Certificate.objects.filter(period=period, status=CertificateStatus.GIVEN)
        ),
        has_follow_up=Exists(
            FollowUpPlan.objects.filter(period=period, made_on__lte=OuterRef("ends_on"))
        ),
    )
    client = "relationship__client"
    row = qs.aggregate(
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


# --- 5. Ends: destinations and the call a month later -----------------------------------------


def one_month_before(day: dt.date) -> dt.date:
    month = day.month - 1 or 12
    year = day.year if day.month > 1 else day.year - 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _ends(sel: Selection) -> QuerySet[RelationshipEnd]:
    return RelationshipEnd.objects.filter(
        relationship__in=sel.relationships().values("pk"),
        reopened_on__isnull=True,
        ended_on__range=(sel.start, sel.last_day),
    )


def destinations(sel: Selection) -> dict[str, int]:
    """Persons per destination at the end, of the ends in the period."""
    rows = _ends(sel).values("destination").annotate(n=persons("relationship__client")).order_by()
    return {row["destination"]: row["n"] for row in rows}


def calls(sel: Selection) -> tuple[Share, dict[str, int]]:
    """Ends in the period whose call was due (a month has passed): how many were called; and
    the calls' outcome a month later (reached with the need found, or not reached)."""
    due = _ends(sel).filter(ended_on__lte=one_month_before(sel.today))
    row = due.annotate(called=Exists(FollowUpCall.objects.filter(end=OuterRef("pk")))).aggregate(
        of=Count("pk"),
        done=Count("pk", filter=Q(called=True)),
        p=persons("relationship__client"),
    )
    outcomes = (
        FollowUpCall.objects.filter(end__in=_ends(sel).values("pk"))
        .annotate(
            result=Case(
                When(need="", then=F("outcome")),
                default=F("need"),
            )
        )
        .values("result")
        .annotate(n=persons("end__relationship__client"))
        .order_by()
    )
    return Share(row["done"], row["of"], row["p"]), {r["result"]: r["n"] for r in outcomes}


# --- 6. Attendance, absences and interruptions ------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    present: int
    absent: int
    persons: int

    @property
    def rate(self) -> float | None:
        total = self.present + self.absent
        return self.present / total if total else None


def _days_in(sel: Selection) -> QuerySet[AttendanceDay]:
    return AttendanceDay.objects.filter(
        period__in=sel.periods().values("pk"), day__range=(sel.start, sel.last_day)
    )


def attendance(sel: Selection) -> Attendance:
    row = _days_in(sel).aggregate(
        present=Count("pk", filter=Q(status=DayStatus.PRESENT)),
        absent=Count("pk", filter=Q(status=DayStatus.ABSENT)),
        p=persons("relationship__client"),
    )
    return Attendance(row["present"], row["absent"], row["p"])


@dataclass(frozen=True)
class AbsenceCell:
    days: int
    persons: int


def absences(sel: Selection) -> dict[tuple[str, bool], AbsenceCell]:
    """Absence days per (reason, planned): planned is reported in advance."""
    rows = (
        _days_in(sel)
        .filter(status=DayStatus.ABSENT)
        .annotate(
            planned=Case(
                When(notice=Notice.IN_ADVANCE, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .values("reason", "planned")
        .annotate(days=Count("pk"), p=persons("relationship__client"))
        .order_by()
    )
    return {(r["reason"], bool(r["planned"])): AbsenceCell(r["days"], r["p"]) for r in rows}


def interruptions(sel: Selection) -> dict[str, int]:
    """Persons per reason of the interruptions begun in the period."""
    rows = (
        Interruption.objects.filter(
            period__in=sel.periods().values("pk"), starts_on__range=(sel.start, sel.last_day)
        )
        .values("reason")
        .annotate(n=persons("period__relationship__client"))
        .order_by()
    )
    return {r["reason"]: r["n"] for r in rows}


# --- 7. The GAS T-score distribution ----------------------------------------------------------

T_BINS = ((None, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, None))


def _level_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return "CAST((s.data -> CAST(g.id AS text)) ->> 'level' AS double precision)"
    return "CAST(json_extract(s.data, '$.\"' || g.id || '\".level') AS REAL)"


def t_scores(sel: Selection) -> list[int]:
    """Persons per T-score bin (:data:`T_BINS`) of the final evaluations finished in the
    period: T = 50 + 10·Σwx / √(0.7·Σw² + 0.3·(Σw)²) over the goals with a level."""
    evaluations = Evaluation.objects.filter(
        period__in=sel.periods().values("pk"),
        kind=EvaluationKind.FINAL,
        status=EvaluationStatus.FINISHED,
        met_on__range=(sel.start, sel.last_day),
    ).values("pk")
    alias = evaluations.db
    connection = connections[alias]
    inner_sql, inner_params = evaluations.query.get_compiler(alias).as_sql()
    level = _level_sql(connection.vendor)
    bins = " ".join(
        f"WHEN t < {high} THEN {i}" for i, (_low, high) in enumerate(T_BINS) if high is not None
    )
    # Only table names, constants and the ORM's own compiled subquery are formatted in; every
    # value is a parameter.
    sql = f"""
        SELECT bin, COUNT(DISTINCT client_id) FROM (
            SELECT CASE {bins} ELSE {len(T_BINS) - 1} END AS bin, client_id FROM (
                SELECT e.id, r.client_id AS client_id,
                    50 + 10 * SUM(w * x) / SQRT(0.7 * SUM(w * w) + 0.3 * SUM(w) * SUM(w)) AS t
                FROM (
                    SELECT e.id AS eid, COALESCE(g.weight, 1) AS w, {level} AS x
                    FROM {Evaluation._meta.db_table} e
                    JOIN {EvaluationSection._meta.db_table} s
                        ON s.evaluation_id = e.id AND s.part = %s
                    JOIN {Goal._meta.db_table} g ON g.relationship_id = e.relationship_id
                    WHERE e.id IN ({inner_sql})
                ) levels
                JOIN {Evaluation._meta.db_table} e ON e.id = levels.eid
                JOIN {ClientRelationship._meta.db_table} r ON r.id = e.relationship_id
                WHERE x IS NOT NULL
                GROUP BY e.id, r.client_id
            ) scores
        ) binned
        GROUP BY bin
    """  # noqa: S608
    counts = [0] * len(T_BINS)
    with connection.cursor() as cursor:
        cursor.execute(sql, [SectionPart.GOALS.value, *inner_params])
        for bin_index, n in cursor.fetchall():
            counts[int(bin_index)] = int(n)
    return counts


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
    t_scores: Sequence[int] = ()


def compute(sel: Selection) -> Figures:
    """Every figure of one selection (a fixed number of queries)."""
    figures = Figures(selection=sel)
    figures.clients = sel.active().aggregate(n=persons())["n"]
    figures.stages = by_stage(sel)
    figures.months = per_month(sel)
    figures.lead = lead_times(sel)
    figures.shares = relationship_shares(sel) | period_shares(sel)
    figures.shares["reviews"] = plan_reviews(sel)
    figures.shares["calls"], figures.call_outcomes = calls(sel)
    figures.attendance = attendance(sel)
    figures.absences = absences(sel)
    figures.interruptions = interruptions(sel)
    figures.destinations = destinations(sel)
    figures.t_scores = t_scores(sel)
    return figures
