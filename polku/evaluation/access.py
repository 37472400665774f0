"""Access to goals and evaluations, each a few lines over the one access core
(:func:`polku.clients.access.access_record`).

- The worker (and a colleague covering) reads through the relationship's visibility rule.
- The place supervisor reads an evaluation of a period at their place from its start to 30
  days after its end, with the basis ``place_evaluation`` (the basis ``place_supervisor``
  ends with the period; the evaluation is allowed shortly after it, SPEC §5).
- The client reads their own (``self``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from polku.accounts.access import require_role
from polku.accounts.models import User
from polku.accounts.roles import Capability, Role
from polku.clients.access import access_record, visible_relationships
from polku.evaluation.events import EvaluationRead
from polku.evaluation.models import Evaluation, Goal, GoalProposal
from polku.evaluation.selectors import place_evaluations_of

PLACE_EVALUATION = "place_evaluation"


def access_goal(user: User | AnonymousUser, goal_id: int) -> Goal:
    rows = Goal.objects.filter(relationship__in=visible_relationships(user)).select_related(
        "relationship__client", "relationship__unit"
    )
    return access_record(
        user, rows, goal_id, client_of=lambda g: g.relationship.client, what=EvaluationRead.OVERVIEW
    )


def access_proposal(user: User | AnonymousUser, proposal_id: int) -> GoalProposal:
    rows = GoalProposal.objects.filter(relationship__in=visible_relationships(user)).select_related(
        "relationship__client", "goal"
    )
    return access_record(
        user,
        rows,
        proposal_id,
        client_of=lambda p: p.relationship.client,
        what=EvaluationRead.OVERVIEW,
    )


def access_evaluation(user: User | AnonymousUser, evaluation_id: int) -> Evaluation:
    rows = Evaluation.objects.filter(relationship__in=visible_relationships(user)).select_related(
        "relationship__client", "relationship__unit", "period__place", "template"
    )
    return access_record(
        user,
        rows,
        evaluation_id,
        client_of=lambda e: e.relationship.client,
        what=EvaluationRead.EVALUATION,
    )


def access_place_evaluation(user: User | AnonymousUser, evaluation_id: int) -> Evaluation:
    """An evaluation of a period at the user's place, from the period's start to 30 days
    after its end; 404 otherwise."""
    rows = place_evaluations_of(user).select_related(
        "relationship__client", "period__place", "template"
    )
    return access_record(
        user,
        rows,
        evaluation_id,
        client_of=lambda e: e.relationship.client,
        what=EvaluationRead.PLACE_EVALUATION,
        need=Capability.USE_PLACE_PORTAL,
        basis=PLACE_EVALUATION,
    )


def access_own_evaluation(user: User | AnonymousUser, evaluation_id: int) -> Evaluation:
    """One of the logged-in client's own evaluations (OmaPolku); 404 for any other."""
    require_role(user, Role.CLIENT)
    rows = Evaluation.objects.filter(relationship__client__user_id=user.pk or 0).select_related(
        "relationship__client", "period__place", "template"
    )
    return access_record(
        user,
        rows,
        evaluation_id,
        client_of=lambda e: e.relationship.client,
        what=EvaluationRead.OWN_EVALUATION,
        need=None,
        basis="self",
    )
