"""Figures of the outcome: ends and their destinations, the call a month later, attendance,
absences, interruptions and the GAS T-score."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from polku.accounts.models import Unit
from polku.attendance.models import Interruption
from polku.clients.models import (
    ClientRelationship,
)
from polku.closure.models import (
    FollowUpCall,
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
from polku.metrics import summary
from polku.metrics.figures.selection import (
    Selection,
    Share,
    counts,
    grouped,
    persons,
)
from polku.metrics.models import ABSENCE_CELLS, DAY_KINDS
from polku.network.models import Partner
from polku.placements.models import Period, PeriodStatus

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


def destination_rows(sel: Selection) -> QuerySet[Any]:
    """Persons per destination at the end, of the ends in the period (:func:`grouped` rows)."""
    return grouped(_ends(sel), F("destination"), "relationship__client")


def destinations(sel: Selection) -> dict[str, int]:
    return counts(destinations=destination_rows(sel))["destinations"]


@dataclass(frozen=True)
class Traced:
    """Persons whose end in the period was traced back to the service network (closure's
    ``RelationshipEnd.opportunity`` or ``.partner``): per partner (the opportunity's partner
    when an opportunity is named), and per place of the relationship's latest work-activity
    period (``None``: no period). Keys are ids; :func:`traced_names` names them."""

    partners: dict[int, int]
    places: dict[int | None, int]


def traced_rows(sel: Selection) -> dict[str, QuerySet[Any]]:
    """Outcomes traced back, persons per partner and per place (:func:`grouped` rows)."""
    ends = _ends(sel).filter(Q(partner__isnull=False) | Q(opportunity__isnull=False))
    client = "relationship__client"
    last_place = Subquery(
        Period.objects.filter(relationship_id=OuterRef("relationship_id"))
        .exclude(status=PeriodStatus.CANCELLED)
        .order_by("-starts_on", "-pk")
        .values("place_id")[:1],
        output_field=IntegerField(),
    )
    return {
        "partners": grouped(ends, Coalesce("partner_id", "opportunity__partner_id"), client),
        "places": grouped(ends, last_place, client),
    }


def traced(sel: Selection) -> Traced:
    """Outcomes traced back, per partner and per place (one query: two GROUP BYs' union)."""
    rows = counts(**traced_rows(sel))
    return Traced(partners=rows["partners"], places=rows["places"])


def traced_names(*tables: Traced) -> tuple[dict[int, str], dict[int, str]]:
    """The names of the partners and places of ``tables`` (one query each, none when empty)."""
    partner_ids = {key for t in tables for key in t.partners}
    place_ids = {key for t in tables for key in t.places if key is not None}
    partners = dict(Partner.objects.filter(pk__in=partner_ids).values_list("pk", "name"))
    # A place in the viewer's language (``Unit.display_name``), as elsewhere on the page.
    places = {
        place.pk: place.display_name
        for place in Unit.objects.filter(pk__in=place_ids).only("pk", "name", "name_sv")
    }
    return partners, places


def call_share(sel: Selection) -> Share:
    """Ends in the period whose call was due (a month has passed): how many were called."""
    due = _ends(sel).filter(ended_on__lte=one_month_before(sel.today))
    row = due.annotate(called=Exists(FollowUpCall.objects.filter(end=OuterRef("pk")))).aggregate(
        of=Count("pk"),
        done=Count("pk", filter=Q(called=True)),
        p=persons("relationship__client"),
    )
    return Share(row["done"], row["of"], row["p"])


def call_rows(sel: Selection) -> QuerySet[Any]:
    """The calls' outcome a month later (reached with the need found, or not reached): persons
    per outcome (:func:`grouped` rows)."""
    result = Case(When(need="", then=F("outcome")), default=F("need"), output_field=CharField())
    calls = FollowUpCall.objects.filter(end__in=_ends(sel).values("pk"))
    return grouped(calls, result, "end__relationship__client")


def calls(sel: Selection) -> tuple[Share, dict[str, int]]:
    return call_share(sel), counts(calls=call_rows(sel))["calls"]


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


@dataclass(frozen=True)
class AbsenceCell:
    days: int
    persons: int


def attendance_and_absences(
    sel: Selection, covered: summary.Coverage | None = None
) -> tuple[Attendance, dict[tuple[str, bool], AbsenceCell]]:
    """The attendance rate's days and persons, and the absence days per (reason, planned:
    reported in advance), in one query over :func:`polku.metrics.summary.day_rows` (the days
    the summary counted, and the records' days since). ``covered``: the summary's reach, read
    when not given."""
    if covered is None:
        covered = summary.coverage()
    rows = summary.day_rows(
        sel.periods().values("pk"), sel.attendance_months(), sel.start, sel.last_day, covered
    )
    alias = rows.db
    connection = connections[alias]
    quote = connection.ops.quote_name
    rows_sql, params = rows.query.get_compiler(alias).as_sql()
    # Only the ORM's own compiled query and the columns' names are formatted in; every value is
    # a parameter. A client has many rows (months, and the days since the count): the persons
    # of a kind are the distinct clients with days of it (not needed of present and absent).
    figures = ", ".join(
        f"SUM({quote(f'k_{kind}')}), "
        + (
            "0"
            if kind in ("present", "absent")
            else f"COUNT(DISTINCT CASE WHEN {quote(f'k_{kind}')} > 0 THEN c END)"
        )
        for kind in DAY_KINDS
    )
    sql = f"SELECT {figures} FROM ({rows_sql}) u"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    counted = {
        kind: (int(row[2 * i] or 0), int(row[2 * i + 1] or 0)) for i, kind in enumerate(DAY_KINDS)
    }
    present, absent, persons_all = (
        counted["present"][0],
        counted["absent"][0],
        counted["recorded"][1],
    )
    cells = {
        cell: AbsenceCell(*counted[name])
        for name, cell in ABSENCE_CELLS.items()
        if counted[name][0]
    }
    return Attendance(present, absent, persons_all), cells


def attendance(sel: Selection) -> Attendance:
    return attendance_and_absences(sel)[0]


def absences(sel: Selection) -> dict[tuple[str, bool], AbsenceCell]:
    """Absence days per (reason, planned): planned is reported in advance."""
    return attendance_and_absences(sel)[1]


def interruption_rows(sel: Selection) -> QuerySet[Any]:
    """Persons per reason of the interruptions begun in the period (:func:`grouped` rows)."""
    begun = Interruption.objects.filter(
        period__in=sel.periods().values("pk"), starts_on__range=(sel.start, sel.last_day)
    )
    return grouped(begun, F("reason"), "period__relationship__client")


def interruptions(sel: Selection) -> dict[str, int]:
    return counts(interruptions=interruption_rows(sel))["interruptions"]


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
