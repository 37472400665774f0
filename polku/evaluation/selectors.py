"""Reads of goals and evaluations, and the facts of each page (one context builder a page).

The access helpers (``access.py``) resolve the record and log the read; the place
supervisor's list logs its rows here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, DayStatus
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.core.rules import day_label
from polku.evaluation import chart
from polku.evaluation.models import (
    SELF_EVALUATION_AREAS,
    Evaluation,
    EvaluationKind,
    EvaluationSection,
    EvaluationStatus,
    Goal,
    GoalProposal,
    ProposalStatus,
    SectionPart,
)
from polku.evaluation.rules import PLACE_WINDOW_DAYS, in_place_window, t_score
from polku.placements.models import Period, PeriodKind, PeriodStatus

# --- Records ---------------------------------------------------------------------------------


def current_period(relationship: ClientRelationship) -> Period | None:
    """The relationship's newest full work-activity period that is not cancelled."""
    return (
        relationship.periods.filter(kind=PeriodKind.FULL)
        .exclude(status=PeriodStatus.CANCELLED)
        .select_related("place")
        .order_by("-starts_on", "-pk")
        .first()
    )


def goals_of(relationship: ClientRelationship) -> list[Goal]:
    return list(Goal.objects.filter(relationship=relationship).order_by("created_at", "pk"))


def section_of(evaluation: Evaluation, part: str) -> EvaluationSection:
    return EvaluationSection.objects.get(evaluation=evaluation, part=part)


def evaluations_of(relationship: ClientRelationship) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(relationship=relationship)
        .select_related("period__place", "template")
        .prefetch_related("sections")
        .order_by(
            "period__starts_on",
            "period_id",
            # The mid-period evaluation before the final one (not the codes' alphabetical order).
            Case(
                When(kind=EvaluationKind.MID, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
    )


def sections_by_part(evaluation: Evaluation) -> dict[str, EvaluationSection]:
    return {section.part: section for section in evaluation.sections.all()}


# --- The T-score and the progress chart ------------------------------------------------------


def goal_levels(evaluation: Evaluation) -> dict[int, int]:
    """The level reached per goal id in the evaluation's goals section."""
    section = sections_by_part(evaluation).get(SectionPart.GOALS)
    data = section.data if section is not None else {}
    return {int(key): row["level"] for key, row in data.items() if "level" in row}


def evaluation_t_score(evaluation: Evaluation, goals: list[Goal]) -> float | None:
    levels = goal_levels(evaluation)
    return t_score((levels[g.pk], g.effective_weight) for g in goals if g.pk in levels)


def baseline_t_score(goals: list[Goal]) -> float | None:
    return t_score((g.baseline, g.effective_weight) for g in goals)


@dataclass(frozen=True)
class Scored:
    """How many of the evaluation's goals have a level: a T-score over fewer than all of them
    is partial, and the pages say so (how many of how many)."""

    scored: int
    total: int

    @property
    def partial(self) -> bool:
        return 0 < self.scored < self.total


def goals_scored(evaluation: Evaluation, goals: list[Goal]) -> Scored:
    """The goals with a level in the evaluation, of the goals it covers: all the relationship's
    goals, or for a finished evaluation those written by its joint meeting (a goal written
    later was never the evaluation's to score)."""
    levels = goal_levels(evaluation)
    if evaluation.met_on is not None:
        met_on = evaluation.met_on
        goals = [g for g in goals if timezone.localdate(g.created_at) <= met_on]
    return Scored(sum(1 for g in goals if g.pk in levels), len(goals))


@dataclass
class Progress:
    columns: list[str]
    goal_rows: list[tuple[int, Goal, list[int | None]]]
    t_row: list[float | None]
    # Beside each T-score of ``t_row``: how many goals it is over (None for the baseline).
    t_scored: list[Scored | None] = field(default_factory=list)
    goals_svg: str = ""
    t_svg: str = ""
    # The same charts drawn for a phone (360 wide); the page shows one pair by its width.
    goals_svg_phone: str = ""
    t_svg_phone: str = ""

    @property
    def t_cells(self) -> list[tuple[float | None, Scored | None]]:
        """The T-score row of the data table: each score with how many goals it is over."""
        return list(zip(self.t_row, self.t_scored, strict=True))


def _column(evaluation: Evaluation, *, short: bool = False) -> str:
    kind = str(EvaluationKind(evaluation.kind).label)
    if short:
        kind = (
            pgettext("progress chart", "Mid-period")
            if evaluation.kind == EvaluationKind.MID
            else pgettext("progress chart", "Final")
        )
    if evaluation.met_on is not None:
        return f"{kind} {day_label(evaluation.met_on)}"
    return pgettext("progress chart", "%(kind)s (in progress)") % {"kind": kind}


def progress(goals: list[Goal], evaluations: list[Evaluation]) -> Progress | None:
    """Each goal's level and the T-score at the baseline and at each evaluation with levels,
    as a chart (SVG) and as the table beside it. ``None`` without goals."""
    if not goals:
        return None
    rated = [e for e in evaluations if goal_levels(e)]
    columns = [pgettext("progress chart", "Baseline"), *(_column(e) for e in rated)]
    levels = [goal_levels(e) for e in rated]
    goal_rows = [
        (number, goal, [goal.baseline, *(lv.get(goal.pk) for lv in levels)])
        for number, goal in enumerate(goals, start=1)
    ]
    t_row = [baseline_t_score(goals), *(evaluation_t_score(e, goals) for e in rated)]
    result = Progress(columns, goal_rows, t_row, [None, *(goals_scored(e, goals) for e in rated)])
    chart_columns = [columns[0], *(_column(e, short=True) for e in rated)]
    goal_series = [
        chart.Series(f"{number}. {_short(goal.wording)}", str(number), list(values))
        for number, goal, values in goal_rows
    ]
    for phone in (False, True):
        suffix = "-phone" if phone else ""
        goals_svg = chart.render(
            chart_id=f"goals-chart{suffix}",
            title=_("GAS level of each goal over time"),
            columns=chart_columns,
            series=goal_series,
            value_range=(-2, 2),
            y_labels=[-2, -1, 0, 1, 2],
            phone=phone,
        )
        t_svg = chart.render(
            chart_id=f"t-chart{suffix}",
            title=_("GAS T-score over time (50 = goals met as expected)"),
            columns=chart_columns,
            series=[chart.Series(_("T-score"), "", t_row)],
            value_range=(10, 90),
            y_labels=[20, 30, 40, 50, 60, 70, 80],
            phone=phone,
        )
        if phone:
            result.goals_svg_phone, result.t_svg_phone = goals_svg, t_svg
        else:
            result.goals_svg, result.t_svg = goals_svg, t_svg
    return result


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- Background (section 1), composed when shown ---------------------------------------------


def participation_days(period: Period) -> int:
    """Days recorded present at the place during the period (attendance)."""
    return AttendanceDay.objects.filter(
        period=period, status=DayStatus.PRESENT, day__lte=clock.today()
    ).count()


def background(evaluation: Evaluation) -> dict[str, Any]:
    period = evaluation.period
    return {
        "period": period,
        "place": period.place.display_name,
        "kind": period.get_kind_display(),
        "participation_days": participation_days(period),
        "evaluate_by": period.evaluate_by,
    }


# --- Pages -----------------------------------------------------------------------------------


def _part_order(section: EvaluationSection) -> int:
    return list(SectionPart.values).index(section.part)


def overview_page(*, relationship: ClientRelationship, **forms: Any) -> dict[str, Any]:
    """The worker's goals and evaluations page of one relationship."""
    goals = goals_of(relationship)
    evaluations = evaluations_of(relationship)
    period = current_period(relationship)
    started = {(e.period_id, e.kind) for e in evaluations}
    can_start = [
        kind
        for kind in EvaluationKind
        if period is not None
        and period.starts_on <= clock.today()
        and (period.pk, kind.value) not in started
    ]
    proposals = list(
        GoalProposal.objects.filter(relationship=relationship)
        .select_related("goal", "handled_by")
        .order_by("-created_at", "-pk")
    )
    return {
        "relationship": relationship,
        "period": period,
        "goals": goals,
        "proposals": proposals,
        "open_proposals": [p for p in proposals if p.status == ProposalStatus.OPEN],
        "evaluations": [
            {
                "evaluation": e,
                "complete": [
                    section.get_part_display()
                    for section in sorted(e.sections.all(), key=_part_order)
                    if section.complete
                ],
                "t_score": evaluation_t_score(e, goals),
                "scored": goals_scored(e, goals),
            }
            for e in evaluations
        ],
        "can_start": can_start,
        "progress": progress(goals, evaluations),
        **forms,
    }


@dataclass
class GoalRating:
    number: int
    goal: Goal
    level: int | None
    actions: str
    helped: str
    next: str


@dataclass
class PlaceRating:
    key: str
    text: str
    levels: list[tuple[int, str]]
    value: int | None
    value_label: str
    comment: str


@dataclass
class EvaluationView:
    evaluation: Evaluation
    background: dict[str, Any]
    sections: dict[str, EvaluationSection]
    goal_ratings: list[GoalRating]
    place_ratings: list[PlaceRating]
    self_answers: list[tuple[str, str, str]] = field(default_factory=list)
    t_score: float | None = None
    missing: list[str] = field(default_factory=list)
    scored: Scored = Scored(0, 0)


def evaluation_view(evaluation: Evaluation) -> EvaluationView:
    """Every section of one evaluation, in the viewer's language; who may see which part is
    decided by the page that shows it."""
    from polku.evaluation.services import missing_sections

    goals = goals_of(evaluation.relationship)
    sections = sections_by_part(evaluation)
    goals_data = sections[SectionPart.GOALS].data
    place_data = sections[SectionPart.PLACE].data
    self_data = sections[SectionPart.SELF].data
    goal_ratings = []
    for number, goal in enumerate(goals, start=1):
        row = goals_data.get(str(goal.pk), {})
        goal_ratings.append(
            GoalRating(
                number,
                goal,
                row.get("level"),
                row.get("actions", ""),
                row.get("helped", ""),
                row.get("next", ""),
            )
        )
    place_ratings = []
    for item in evaluation.template.item_rows():
        row = place_data.get(item["key"], {})
        value = row.get("value")
        labels = dict(item["levels"])
        place_ratings.append(
            PlaceRating(
                item["key"],
                item["text"],
                item["levels"],
                value,
                f"{value} – {labels[value]}" if value in labels else "",
                row.get("comment", ""),
            )
        )
    self_answers = [
        (area.value, str(area.label), self_data.get(area.value, ""))
        for area in SELF_EVALUATION_AREAS
    ]
    return EvaluationView(
        evaluation=evaluation,
        background=background(evaluation),
        sections=sections,
        goal_ratings=goal_ratings,
        place_ratings=place_ratings,
        self_answers=self_answers,
        t_score=evaluation_t_score(evaluation, goals),
        scored=goals_scored(evaluation, goals),
        missing=[] if evaluation.is_finished else missing_sections(evaluation),
    )


# --- The place supervisor --------------------------------------------------------------------


def place_evaluations_of(user: User | AnonymousUser) -> QuerySet[Evaluation]:
    """Evaluations of periods at the places ``user`` supervises, from the period's start to
    30 days after its end (the place's window for its section), while the relationship is
    open: ending it ends the place's access (the closure page says so)."""
    import datetime as dt

    if user.pk is None:
        return Evaluation.objects.none()
    today = clock.today()
    return Evaluation.objects.filter(
        period__place_id__in=RoleAssignment.objects.filter(
            user_id=user.pk, role=Role.PLACE_SUPERVISOR
        ).values("unit_id"),
        period__starts_on__lte=today,
        period__ends_on__gte=today - dt.timedelta(days=PLACE_WINDOW_DAYS),
        relationship__ended_on__isnull=True,
    ).exclude(period__status=PeriodStatus.CANCELLED)


def place_list(*, viewer: User) -> list[dict[str, Any]]:
    """The place supervisor's evaluations to fill in; each client shown is logged."""
    from polku.audit import services as audit
    from polku.evaluation.access import PLACE_EVALUATION
    from polku.evaluation.events import EvaluationRead

    rows = list(
        place_evaluations_of(viewer)
        .select_related("relationship__client", "period__place")
        .prefetch_related(
            Prefetch("sections", queryset=EvaluationSection.objects.filter(part=SectionPart.PLACE))
        )
        .order_by(
            # The ones still in progress first (not the codes' alphabetical order).
            Case(
                When(status=EvaluationStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "period__ends_on",
            "pk",
        )
    )
    audit.record_access_many(
        actor=viewer,
        client_ids=[e.relationship.client_id for e in rows],
        what=EvaluationRead.PLACE_EVALUATION,
        basis=PLACE_EVALUATION,
    )
    return [
        {
            "evaluation": e,
            "name": e.relationship.client.full_name,
            "place_done": any(s.complete for s in e.sections.all()),
            "open": e.status == EvaluationStatus.OPEN
            and in_place_window(e.period.starts_on, e.period.ends_on),
        }
        for e in rows
    ]


def place_page(*, evaluation: Evaluation, **forms: Any) -> dict[str, Any]:
    """Only what SPEC §1 lets the place see: the name, the period, the goals' wording and the
    place's own section; never the social-work record or the client's self-evaluation."""
    view = evaluation_view(evaluation)
    period = evaluation.period
    return {
        "evaluation": evaluation,
        "name": evaluation.relationship.client.full_name,
        "period": period,
        "goals": [r.goal.wording for r in view.goal_ratings],
        "place_ratings": view.place_ratings,
        "section": view.sections[SectionPart.PLACE],
        "writable": not evaluation.is_finished
        and in_place_window(period.starts_on, period.ends_on),
        **forms,
    }


# --- OmaPolku --------------------------------------------------------------------------------


def own_relationship(client: Client) -> ClientRelationship | None:
    return client.relationships.open().first() or client.relationships.order_by("-pk").first()


def own_goals_page(*, client: Client, **forms: Any) -> dict[str, Any]:
    """The client's goals (read-only), their proposals and answers, and their evaluations."""
    relationship = own_relationship(client)
    if relationship is None:
        return {"relationship": None, **forms}
    goals = goals_of(relationship)
    evaluations = evaluations_of(relationship)
    return {
        "relationship": relationship,
        "goals": goals,
        "proposals": list(
            GoalProposal.objects.filter(relationship=relationship)
            .select_related("goal")
            .order_by("-created_at", "-pk")
        ),
        "evaluations": evaluations,
        "progress": progress(goals, [e for e in evaluations if e.is_finished]),
        **forms,
    }


def own_evaluation_page(*, evaluation: Evaluation, **forms: Any) -> dict[str, Any]:
    """The client's evaluation: their self-evaluation; the rest only once it is finished (the
    place's ratings are not shown before)."""
    if not evaluation.is_finished:
        return {"view": {"evaluation": evaluation}, "finished": False, **forms}
    return {"view": evaluation_view(evaluation), "finished": True, **forms}


# --- The certificate's draft (closure.hooks) ---------------------------------------------------


def certificate_words(period: Period) -> dict[str, str]:
    """What the place's evaluation offers the certificate's draft: the work-ability items the
    place commented on, from the latest finished evaluation of the period (the final one
    first). Only the place's section: goals and the self-evaluation belong to the social-work
    record and never go on a certificate."""
    finished = Evaluation.objects.filter(
        period=period, status=EvaluationStatus.FINISHED
    ).select_related("template")
    evaluation = (
        finished.filter(kind=EvaluationKind.FINAL).order_by("-pk").first()
        or finished.order_by("-pk").first()
    )
    if evaluation is None:
        return {}
    place_data = sections_by_part(evaluation)[SectionPart.PLACE].data
    lines = []
    for item in evaluation.template.item_rows():
        comment = str(place_data.get(item["key"], {}).get("comment", "")).strip()
        if comment:
            lines.append(f"{item['text']}: {comment}")
    return {"skills_shown": "\n".join(lines)} if lines else {}
