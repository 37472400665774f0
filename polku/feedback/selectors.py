"""Reads of the feedback app: what the client is offered and has sent, the handlers' lists,
and the survey's results, aggregated and suppressed below ``rules.MIN_ANSWERS`` answers.

``satisfaction`` is the selector the manager metrics read (SPEC §6 "satisfaction by place and
producer type"): figures only, never a row, never a client.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from polku.accounts.models import ProducerType, Unit, User, unit_name_in
from polku.audit import services as audit
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.feedback import access, rules
from polku.feedback.events import FeedbackRead
from polku.feedback.models import (
    Complaint,
    ComplaintState,
    FeedbackMessage,
    MessageState,
    Statement,
    SurveyAnswer,
    SurveyReceipt,
    SurveyResponse,
)
from polku.placements.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    Period,
    PeriodKind,
    PeriodStatus,
)

# --- The client's side ----------------------------------------------------------------------


def offered_periods(client: Client) -> list[Period]:
    """The client's periods whose survey is open and not answered (``rules.survey_open``):
    computed here, since the period's end has no hook (closure's ``period_end`` is the
    worker's, and a period whose planned end passes ends without one)."""
    today = clock.today()
    earliest = today - dt.timedelta(days=rules.SURVEY_DAYS)
    answered = SurveyReceipt.objects.filter(period=OuterRef("pk"))
    rows = (
        Period.objects.filter(
            relationship__client=client,
            kind=PeriodKind.FULL,
            ends_on__gte=earliest,
            ends_on__lte=today,
        )
        .filter(
            Q(status=PeriodStatus.ENDED)
            | Q(status__in=rules.UNDER_WAY, ends_on__lt=today) & Exists(_decided())
        )
        .exclude(Exists(answered))
        .select_related("place")
        .order_by("-ends_on", "-pk")
    )
    return [period for period in rows if rules.survey_open(period, today, decided=True)]


def _decided() -> QuerySet[Decision]:
    return Decision.objects.filter(
        period=OuterRef("pk"), status=DecisionStatus.DECIDED, kind=DecisionKind.KUTY
    )


def survey_open(period: Period) -> bool:
    """Whether ``period``'s survey is open now (``rules.survey_open`` with its decision)."""
    decided = Decision.objects.filter(
        period=period, status=DecisionStatus.DECIDED, kind=DecisionKind.KUTY
    ).exists()
    return rules.survey_open(period, clock.today(), decided=decided)


def offered_period(client: Client, period_id: int) -> Period | None:
    return next((p for p in offered_periods(client) if p.pk == period_id), None)


def survey_answered(client: Client, period_id: int) -> bool:
    """True when this period of the client's own has its survey answered: the page then says
    so (the back button, a second send) instead of "not found". Another's period: False."""
    return SurveyReceipt.objects.filter(
        period_id=period_id, period__relationship__client=client
    ).exists()


def routing_relationship(client: Client) -> ClientRelationship | None:
    """The relationship whose unit receives the client's messages and complaints: the open
    one, else the latest."""
    rows = ClientRelationship.objects.filter(client=client).select_related("unit")
    return (
        rows.filter(ended_on__isnull=True).order_by("-started_on", "-pk").first()
        or rows.order_by("-ended_on", "-started_on", "-pk").first()
    )


def client_places(client: Client) -> list[Unit]:
    """The places of the client's periods (not cancelled), for "which place is it about"."""
    ids = (
        Period.objects.filter(relationship__client=client)
        .exclude(status=PeriodStatus.CANCELLED)
        .values("place_id")
    )
    return list(Unit.objects.filter(pk__in=ids).by_name())


def feedback_home(*, client: Client) -> dict[str, Any]:
    """The client's feedback page: the surveys open to them, their messages and complaints."""
    relationship = routing_relationship(client)
    return {
        "person": client,
        "surveys": offered_periods(client),
        "unit": relationship.unit if relationship else None,
        "sent_messages": list(
            FeedbackMessage.objects.filter(client=client).select_related("place")[:10]
        ),
        "complaints": own_complaints(client),
    }


def own_complaints(client: Client) -> list[Complaint]:
    return list(Complaint.objects.filter(client=client).select_related("unit", "helped_by"))


def complaint_page(*, client: Client) -> dict[str, Any]:
    relationship = routing_relationship(client)
    return {
        "person": client,
        "unit": relationship.unit if relationship else None,
        "complaints": own_complaints(client),
    }


# --- The handlers' lists --------------------------------------------------------------------


def message_list(*, viewer: User, state: str = "") -> list[FeedbackMessage]:
    """The messages of the units the viewer handles (newest first, 200 at most); each client
    shown is logged."""
    rows = access.messages_for(viewer).select_related("client", "unit", "place")
    if state in MessageState.values:
        rows = rows.filter(state=state)
    result = list(rows[:200])
    audit.record_access_many(
        actor=viewer,
        client_ids=[m.client_id for m in result],
        what=FeedbackRead.MESSAGES,
        basis=access.HANDLER,
    )
    return result


def complaint_list(*, viewer: User, state: str = "") -> list[Complaint]:
    rows = access.complaints_for(viewer).select_related("client", "unit", "helped_by")
    if state in ComplaintState.values:
        rows = rows.filter(state=state)
    result = list(rows[:200])
    audit.record_access_many(
        actor=viewer,
        client_ids=[c.client_id for c in result],
        what=FeedbackRead.COMPLAINTS,
        basis=access.HANDLER,
    )
    return result


def assisted_complaints(*, worker: User, relationship: ClientRelationship) -> list[Complaint]:
    """The complaints this worker helped the client write (their own record of it)."""
    return list(
        Complaint.objects.filter(client_id=relationship.client_id, helped_by=worker).select_related(
            "unit"
        )
    )


# --- The survey's results --------------------------------------------------------------------


@dataclass
class StatementResult:
    statement: Statement
    count: int
    counts: dict[int, int]
    shown: bool

    @property
    def label(self) -> str:
        return str(self.statement.label)

    @property
    def mean(self) -> float | None:
        if not self.count:
            return None
        return sum(score * n for score, n in self.counts.items()) / self.count

    @property
    def bars(self) -> list[tuple[int, int, int]]:
        """(score, count, percent) for each score 1–4."""
        return [
            (score, self.counts.get(score, 0), round(100 * self.counts.get(score, 0) / self.count))
            for score in rules.SCORES
        ]


@dataclass
class GroupResult:
    """A place or a producer type: how many answered, and the figures when they may be shown."""

    key: str
    name: str
    responses: int
    shown: bool
    statements: list[StatementResult] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Satisfaction:
    year: int
    places: list[GroupResult]
    producer_types: list[GroupResult]
    min_answers: int = rules.MIN_ANSWERS


def _statements(
    scores: dict[tuple[str, int], int], remainders: dict[str, int] | None, group_shown: bool
) -> list[StatementResult]:
    result = []
    for statement in Statement:
        counts = {score: scores.get((statement.value, score), 0) for score in rules.SCORES}
        count = sum(counts.values())
        remainder = remainders.get(statement.value, 0) if remainders is not None else None
        result.append(
            StatementResult(
                statement=statement,
                count=count,
                counts=counts,
                shown=group_shown and rules.shown(count, remainder),
            )
        )
    return result


def satisfaction(*, place_ids: Collection[int], year: int) -> Satisfaction:
    """The survey's results for ``place_ids`` in the calendar ``year`` (by the month the period
    ended), per place and per producer type, with the counts of each score per statement.

    A group's figures are shown only from ``rules.MIN_ANSWERS`` responses on, a statement's
    only from as many answers to it; a producer type also only when its places shown on their
    own leave none or again at least that many (``rules.shown``). The words are given per
    shown place only, in the order of the statements and the words (never of answering).
    Disjoint calendar years only, so no two windows can be subtracted. Four queries.
    """
    names = {
        pk: unit_name_in(name, name_sv)  # in the viewer's language
        for pk, name, name_sv in Unit.objects.filter(pk__in=place_ids).values_list(
            "pk", "name", "name_sv"
        )
    }
    responses = (
        SurveyResponse.objects.filter(place_id__in=names, month__year=year)
        .values("place_id", "producer_type")
        .annotate(n=Count("id"))
    )
    by_pair: dict[tuple[int, str], int] = {
        (row["place_id"], row["producer_type"]): row["n"] for row in responses
    }
    scores = (
        SurveyAnswer.objects.filter(
            response__place_id__in=names, response__month__year=year, score__isnull=False
        )
        .values("response__place_id", "response__producer_type", "statement", "score")
        .annotate(n=Count("id"))
    )
    pair_scores: dict[tuple[int, str], dict[tuple[str, int], int]] = defaultdict(dict)
    for row in scores:
        pair = (row["response__place_id"], row["response__producer_type"])
        pair_scores[pair][(row["statement"], int(row["score"] or 0))] = row["n"]

    places: list[GroupResult] = []
    place_scores: dict[int, dict[tuple[str, int], int]] = {}
    for place_id, name in sorted(names.items(), key=lambda item: (item[1], item[0])):
        total = sum(n for (pid, _pt), n in by_pair.items() if pid == place_id)
        merged: dict[tuple[str, int], int] = defaultdict(int)
        for (pid, _pt), found in pair_scores.items():
            if pid == place_id:
                for key, n in found.items():
                    merged[key] += n
        place_scores[place_id] = merged
        group_shown = rules.shown(total)
        places.append(
            GroupResult(
                key=str(place_id),
                name=name,
                responses=total,
                shown=group_shown,
                statements=_statements(merged, None, group_shown),
            )
        )
    shown_places = {int(g.key) for g in places if g.shown}
    shown_statements = {
        (int(g.key), s.statement.value) for g in places for s in g.statements if s.shown
    }
    _add_comments(places, shown_places, year)

    producer_types: list[GroupResult] = []
    for producer_type in ProducerType:
        pairs = [pair for pair in by_pair if pair[1] == producer_type.value]
        if not pairs:
            continue
        total = sum(by_pair[pair] for pair in pairs)
        remainder = total - sum(by_pair[pair] for pair in pairs if pair[0] in shown_places)
        merged = defaultdict(int)
        remainders: dict[str, int] = defaultdict(int)
        for pair in pairs:
            for (statement, score), n in pair_scores.get(pair, {}).items():
                merged[(statement, score)] += n
                if (pair[0], statement) not in shown_statements:
                    remainders[statement] += n
        group_shown = rules.shown(total, remainder)
        producer_types.append(
            GroupResult(
                key=producer_type.value,
                name=str(producer_type.label),
                responses=total,
                shown=group_shown,
                statements=_statements(merged, remainders, group_shown),
            )
        )
    return Satisfaction(year=year, places=places, producer_types=producer_types)


def _add_comments(places: Iterable[GroupResult], shown_places: set[int], year: int) -> None:
    if not shown_places:
        return
    labels = {s.value: str(s.label) for s in Statement}
    order = {s.value: i for i, s in enumerate(Statement)}
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = (
        SurveyAnswer.objects.filter(response__place_id__in=shown_places, response__month__year=year)
        .exclude(comment="")
        .values_list("response__place_id", "statement", "comment")
    )
    for place_id, statement, comment in sorted(rows, key=lambda r: (order[r[1]], r[2])):
        found[place_id].append((labels[statement], comment))
    for group in places:
        if group.shown:
            group.comments = found.get(int(group.key), [])


def result_years(place_ids: Collection[int]) -> list[int]:
    """The years with responses at these places, newest first, and the current year."""
    years = {
        day.year
        for day in SurveyResponse.objects.filter(place_id__in=place_ids).dates("month", "year")
    }
    years.add(clock.today().year)
    return sorted(years, reverse=True)


def results_page(*, viewer: User, year: int | None) -> dict[str, Any]:
    """The results page: the viewer's places (a supervisor's own; a manager's in scope) for a
    year, the producer types for a manager. Aggregates only: no client is read."""
    places, as_manager = access.result_places(viewer)
    ids = list(places.values_list("pk", flat=True))
    years = result_years(ids)
    chosen = year if year in years else years[0]
    if year is None:
        with_answers = [
            y
            for y in years
            if SurveyResponse.objects.filter(place_id__in=ids, month__year=y).exists()
        ]
        chosen = with_answers[0] if with_answers else years[0]
    result = satisfaction(place_ids=ids, year=chosen)
    if not as_manager:
        result.producer_types = []
    return {"result": result, "years": years, "year": chosen, "as_manager": as_manager}
