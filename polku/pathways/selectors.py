"""Reads for the plans and the work queue, scoped to the viewer and logged."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from polku.clients.models import ClientRelationship, Meeting, Stage
from polku.pathways import machine
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    DocumentStatus,
    PlanOption,
    PlanStatus,
)


def assessment_completed(relationship: ClientRelationship) -> bool:
    """S4 was done, not skipped: a version of the service-need assessment is completed."""
    return Assessment.objects.filter(
        relationship=relationship, status=DocumentStatus.COMPLETED
    ).exists()


def _plan_of_joint_meeting(meeting: Meeting) -> ActivationPlan | None:
    """The newest plan version the joint meeting is linked to."""
    return (
        ActivationPlan.objects.filter(
            relationship_id=meeting.relationship_id, joint_meeting=meeting
        )
        .order_by("-number", "-pk")
        .first()
    )


def joint_meeting_held_url(meeting: Meeting) -> str | None:
    plan = _plan_of_joint_meeting(meeting)
    return reverse("pathways:joint_meeting_held", args=[plan.pk]) if plan else None


def joint_meeting_invitation_url(meeting: Meeting) -> str | None:
    plan = _plan_of_joint_meeting(meeting)
    return reverse("pathways:joint_invitation", args=[plan.pk]) if plan else None


def current_plan(relationship: ClientRelationship) -> ActivationPlan | None:
    """The signed version with the highest number: derived, never a stored pointer."""
    return (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship)
        .order_by("-number")
        .first()
    )


def plan_versions(relationship: ClientRelationship) -> list[ActivationPlan]:
    return list(
        ActivationPlan.objects.filter(relationship=relationship)
        .select_related("author", "chosen_option__place")
        .prefetch_related(
            Prefetch("options", queryset=PlanOption.objects.select_related("place")),
            "signatures",
        )
        .order_by("-number")
    )


@dataclass
class PlansOverview:
    relationship: ClientRelationship
    assessments: list[Assessment]
    client_plans: list[ClientPlan]
    plans: list[ActivationPlan]
    current: ActivationPlan | None
    next_stages: list[tuple[Stage, list[str]]] = field(default_factory=list)


def plans_overview(*, relationship: ClientRelationship) -> PlansOverview:
    plans = plan_versions(relationship)
    signed = [p for p in plans if p.status == PlanStatus.SIGNED]
    return PlansOverview(
        relationship=relationship,
        assessments=list(
            Assessment.objects.filter(relationship=relationship).select_related("author")
        ),
        client_plans=list(
            ClientPlan.objects.filter(relationship=relationship).select_related("author")
        ),
        plans=plans,
        current=signed[0] if signed else None,
        next_stages=[
            (target, machine.missing_for(relationship, target))
            for target in machine.allowed_targets(relationship.stage)
        ],
    )
