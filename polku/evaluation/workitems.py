"""The evaluation app's work-queue items (SPEC §2 "Work queue"), registered with
:func:`polku.pathways.workqueue.register` from ``EvaluationConfig.ready()``. Each answers one
question with one query. (The 3-monthly plan review, 189/2001 §9 3 mom, is the pathway's own
item, ``pathways.workitems.reviews_due``.)"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.clients.models import Client
from polku.evaluation.models import (
    Evaluation,
    EvaluationKind,
    EvaluationSection,
    EvaluationStatus,
    GoalProposal,
    ProposalStatus,
    SectionPart,
)
from polku.pathways import workqueue
from polku.pathways.workqueue import WorkItem
from polku.placements.models import Period, PeriodKind, PeriodStatus

EVALUATE_BY_WARNING_DAYS = 14
FINAL_WARNING_DAYS = 30


def _name(client: Client) -> str:
    return f"{client.last_name} {client.first_name}"


def _my_periods(viewer: User) -> list[Period]:
    """The full periods of the viewer's open relationships, not cancelled, with whether an
    evaluation of each is finished and whether its final one is started: one read for both
    period items below."""

    def load() -> list[Period]:
        finished = Evaluation.objects.filter(
            period=OuterRef("pk"), status=EvaluationStatus.FINISHED
        )
        final = Evaluation.objects.filter(period=OuterRef("pk"), kind=EvaluationKind.FINAL)
        return list(
            Period.objects.filter(
                kind=PeriodKind.FULL,
                relationship__responsible_worker=viewer,
                relationship__ended_on__isnull=True,
            )
            .exclude(status=PeriodStatus.CANCELLED)
            .select_related("relationship__client")
            # What the two items read, not whole rows (docs/performance.md, "Work queue and
            # long-history client, 3 December (afternoon)").
            .only(
                "relationship_id",
                "evaluate_by",
                "starts_on",
                "ends_on",
                "relationship__client__last_name",
                "relationship__client__first_name",
            )
            .annotate(evaluated=Exists(finished), final_started=Exists(final))
        )

    return workqueue.shared(("evaluation.my_periods", viewer.pk), load)


def evaluations_due(viewer: User, today: dt.date) -> list[WorkItem]:
    """The evaluation-by date of the plan (Period.evaluate_by, 189/2001 §9 1 mom) within two
    weeks, and no evaluation of the period finished yet."""
    rows = [
        p
        for p in _my_periods(viewer)
        if p.evaluate_by is not None
        and p.evaluate_by <= today + dt.timedelta(days=EVALUATE_BY_WARNING_DAYS)
        and not getattr(p, "evaluated", False)
    ]
    label = _("The evaluation date of the plan is near: evaluate the period")
    return [
        WorkItem(
            "evaluate_by",
            label,
            p.relationship.client_id,
            _name(p.relationship.client),
            reverse("evaluation:overview", args=[p.relationship_id]),
            p.evaluate_by,
        )
        for p in rows
    ]


def final_evaluations_due(viewer: User, today: dt.date) -> list[WorkItem]:
    """A period ending within 30 days without its final evaluation started."""
    rows = [
        p
        for p in _my_periods(viewer)
        if p.starts_on <= today
        and p.ends_on <= today + dt.timedelta(days=FINAL_WARNING_DAYS)
        and not getattr(p, "final_started", False)
    ]
    label = _("The period ends: start the final evaluation")
    return [
        WorkItem(
            "final_evaluation",
            label,
            p.relationship.client_id,
            _name(p.relationship.client),
            reverse("evaluation:overview", args=[p.relationship_id]),
            p.ends_on,
        )
        for p in rows
    ]


def evaluations_waiting(viewer: User, today: dt.date) -> list[WorkItem]:
    """Open evaluations: waiting for a section (named), or ready for the joint meeting."""
    rows = (
        Evaluation.objects.filter(
            status=EvaluationStatus.OPEN,
            relationship__responsible_worker=viewer,
            relationship__ended_on__isnull=True,
        )
        .select_related("relationship__client")
        .prefetch_related(
            Prefetch("sections", queryset=EvaluationSection.objects.filter(complete=False))
        )
    )
    names = {
        SectionPart.GOALS: _("goals"),
        SectionPart.PLACE: _("the place's rating"),
        SectionPart.SELF: _("the client's self-evaluation"),
    }
    items = []
    for e in rows:
        waiting = [names[SectionPart(s.part)] for s in e.sections.all()]
        if waiting:
            label = _("%(evaluation)s waits for: %(sections)s") % {
                "evaluation": EvaluationKind(e.kind).label,
                "sections": ", ".join(str(w) for w in waiting),
            }
        else:
            label = _("%(evaluation)s is ready to be finished at the joint meeting") % {
                "evaluation": EvaluationKind(e.kind).label
            }
        items.append(
            WorkItem(
                "evaluation_waiting",
                label,
                e.relationship.client_id,
                _name(e.relationship.client),
                reverse("evaluation:evaluation", args=[e.pk]),
            )
        )
    return items


def proposals_open(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = GoalProposal.objects.filter(
        status=ProposalStatus.OPEN,
        relationship__responsible_worker=viewer,
        relationship__ended_on__isnull=True,
    ).select_related("relationship__client")
    label = _("The client proposed a change to the goals")
    return [
        WorkItem(
            "goal_proposal",
            label,
            p.relationship.client_id,
            _name(p.relationship.client),
            reverse("evaluation:overview", args=[p.relationship_id]),
            p.created_at.date(),
        )
        for p in rows
    ]


def register() -> None:
    workqueue.register(evaluations_due, final_evaluations_due, evaluations_waiting, proposals_open)
