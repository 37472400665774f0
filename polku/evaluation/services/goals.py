"""Goals with their GAS scale, and the client's proposals (SPEC §5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.evaluation.errors import EvaluationError
from polku.evaluation.events import EvaluationEvent
from polku.evaluation.models import Goal, GoalProposal, LifeArea, ProposalStatus
from polku.evaluation.rules import MAX_PROPOSAL, gas_level, too_long
from polku.evaluation.selectors import current_period

TEXT_FIELDS = (
    "wording",
    "actions",
    "helper_name",
    "helper_contact",
    "level_minus_2",
    "level_minus_1",
    "level_0",
    "level_plus_1",
    "level_plus_2",
)
GOAL_FIELDS = (*TEXT_FIELDS, "life_area", "baseline", "weight")


def _open(relationship: ClientRelationship) -> None:
    if not relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)


def _clean_goal(fields: dict[str, Any]) -> dict[str, Any]:
    """The goal's content checked: wording, life area and the level 0 description are
    required; the baseline is a GAS level; a weight is positive."""
    refuse_null_characters(**{name: fields.get(name, "") for name in TEXT_FIELDS})
    data = {name: (fields.get(name) or "").strip() for name in TEXT_FIELDS}
    # Every missing or wrong field is named at once, so the form is corrected in one go.
    errors: dict[str, ValidationError] = {}
    if not data["wording"]:
        errors["wording"] = ValidationError(_("Write the goal."), code=CommonError.REQUIRED)
    if fields.get("life_area") not in LifeArea.values:
        errors["life_area"] = ValidationError(_("Choose the life area."), code=CommonError.REQUIRED)
    if not data["level_0"]:
        errors["level_0"] = ValidationError(
            _("Describe level 0, the expected outcome: a goal is not saved without it."),
            code=EvaluationError.EXPECTED_LEVEL_MISSING,
        )
    weight = fields.get("weight")
    if weight is not None and Decimal(weight) <= 0:
        errors["weight"] = ValidationError(
            _("A weight is a positive number; leave it empty for equal weights."),
            code=EvaluationError.WEIGHT,
        )
    if errors:
        raise ValidationError(errors)
    baseline = fields.get("baseline")
    data["baseline"] = gas_level("baseline", -1 if baseline in (None, "") else baseline)
    data["weight"] = weight
    data["life_area"] = fields["life_area"]
    return data


def _close(proposal: GoalProposal, status: str, actor: User, *, answer: str = "") -> None:
    """Close an open proposal with one conditional UPDATE: handled once, never twice."""
    now = clock.now()
    rows = GoalProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.OPEN).update(
        status=status, answer=answer, handled_by=actor, handled_at=now, updated_at=now
    )
    if rows != 1:
        raise ValidationError(
            _("The proposal has already been handled."), code=EvaluationError.PROPOSAL_CLOSED
        )
    proposal.status, proposal.answer, proposal.handled_by, proposal.handled_at = (
        status,
        answer,
        actor,
        now,
    )


def _accept(actor: User, proposal: GoalProposal | None, relationship: ClientRelationship) -> None:
    if proposal is None:
        return
    if proposal.relationship_id != relationship.pk:
        raise PermissionDenied
    _close(proposal, ProposalStatus.ACCEPTED, actor)
    audit.record_change(
        actor=actor,
        record=proposal,
        client=relationship.client,
        what=EvaluationEvent.PROPOSAL_ANSWERED,
        changes={"status": (ProposalStatus.OPEN, ProposalStatus.ACCEPTED)},
    )


@transaction.atomic
def goal_create(
    *,
    actor: User,
    relationship: ClientRelationship,
    proposal: GoalProposal | None = None,
    **fields: Any,
) -> Goal:
    """Write a goal with its GAS scale (the worker, with the client). Applying a client's
    proposal marks it accepted in the same transaction."""
    require_caseworker(actor, relationship)
    _open(relationship)
    data = _clean_goal(fields)
    goal = Goal(
        relationship=relationship, period=current_period(relationship), author=actor, **data
    )
    goal.full_clean()
    goal.save()
    audit.record_change(
        actor=actor,
        record=goal,
        client=relationship.client,
        what=EvaluationEvent.GOAL,
        changes={name: (None, getattr(goal, name)) for name in GOAL_FIELDS if getattr(goal, name)},
    )
    _accept(actor, proposal, relationship)
    return goal


@transaction.atomic
def goal_update(
    *, actor: User, goal: Goal, version: int, proposal: GoalProposal | None = None, **fields: Any
) -> Goal:
    """Change a goal (optimistic version check); applying a proposal accepts it."""
    relationship = goal.relationship
    require_caseworker(actor, relationship)
    _open(relationship)
    if proposal is not None and proposal.goal_id not in (None, goal.pk):
        raise PermissionDenied
    data = _clean_goal(fields)
    audit.model_update(
        actor=actor,
        obj=goal,
        version=version,
        data=data,
        what=EvaluationEvent.GOAL,
        client=relationship.client,
    )
    _accept(actor, proposal, relationship)
    return goal


@transaction.atomic
def proposal_create(
    *, actor: User, relationship: ClientRelationship, goal: Goal | None, text: str
) -> GoalProposal:
    """The client proposes, in their own words, a change to a goal or a new goal."""
    if relationship.client.user_id is None or relationship.client.user_id != actor.pk:
        raise PermissionDenied
    _open(relationship)
    if goal is not None and goal.relationship_id != relationship.pk:
        raise PermissionDenied
    refuse_null_characters(text=text)
    if not text.strip():
        raise field_error("text", _("Write your proposal."), CommonError.REQUIRED)
    refused = too_long({"text": text.strip()}, MAX_PROPOSAL)
    if refused is not None:
        raise refused
    proposal = GoalProposal.objects.create(relationship=relationship, goal=goal, text=text.strip())
    audit.record_change(
        actor=actor,
        record=proposal,
        client=relationship.client,
        what=EvaluationEvent.PROPOSAL,
        changes={"text": (None, proposal.text), "goal": (None, goal)},
    )
    return proposal


@transaction.atomic
def proposal_answer(*, actor: User, proposal: GoalProposal, answer: str) -> GoalProposal:
    """The worker answers a proposal without applying it (the client sees the answer)."""
    relationship = proposal.relationship
    require_caseworker(actor, relationship)
    refuse_null_characters(answer=answer)
    if not answer.strip():
        raise field_error("answer", _("Write the answer to the client."), CommonError.REQUIRED)
    _close(proposal, ProposalStatus.ANSWERED, actor, answer=answer.strip())
    audit.record_change(
        actor=actor,
        record=proposal,
        client=relationship.client,
        what=EvaluationEvent.PROPOSAL_ANSWERED,
        changes={
            "status": (ProposalStatus.OPEN, ProposalStatus.ANSWERED),
            "answer": ("", proposal.answer),
        },
    )
    return proposal
