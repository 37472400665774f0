"""Access helpers for plans: the relationship's visibility rule, one 404, the read logged."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet
from django.http import Http404

from polku.accounts.access import require_capability
from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Capability, Role
from polku.audit import services as audit
from polku.clients.access import access_basis
from polku.clients.models import ClientRelationship, MeetingStatus
from polku.pathways.models import ActivationPlan, PlanOption, PlanStatus


def access_plan(user: User | AnonymousUser, plan_id: int, *, what: str) -> ActivationPlan:
    require_capability(user, Capability.USE_WORKER_DESK)
    visible = ClientRelationship.objects.visible_to(user).values("pk")
    plan = (
        ActivationPlan.objects.filter(pk=plan_id, relationship__in=visible)
        .select_related(
            "relationship__client",
            "relationship__unit",
            "relationship__responsible_worker",
            "author",
            "employment_authority",
            "chosen_option__place",
        )
        .first()
    )
    if plan is None or not isinstance(user, User):
        raise Http404
    audit.record_access(
        actor=user,
        client=plan.relationship.client,
        what=what,
        basis=access_basis(user, plan.relationship.client),
        record=plan,
    )
    return plan


def access_option(user: User | AnonymousUser, option_id: int) -> PlanOption:
    require_capability(user, Capability.USE_WORKER_DESK)
    visible = ClientRelationship.objects.visible_to(user).values("pk")
    option = (
        PlanOption.objects.filter(pk=option_id, plan__relationship__in=visible)
        .select_related("plan__relationship__client")
        .first()
    )
    if option is None:
        raise Http404
    return option


def joint_plans_of(user: User | AnonymousUser) -> QuerySet[ActivationPlan]:
    """Plans where the official's employment authority is a party, when its policy allows it.

    Signed versions only, and a draft only while a joint meeting with the authority is booked
    (or held) for it: the official prepares for the meeting and signs there. See
    docs/decisions/0005-official-sees-drafts.md.
    """
    if not isinstance(user, User):
        return ActivationPlan.objects.none()
    authorities = RoleAssignment.objects.filter(
        user=user, role=Role.EMPLOYMENT_OFFICIAL, unit__joint_plan_access=True
    ).values("unit_id")
    draft_for_a_joint_meeting = Q(
        status=PlanStatus.DRAFT,
        joint_meeting__relationship=F("relationship"),
        joint_meeting__status__in=[MeetingStatus.BOOKED, MeetingStatus.HELD],
    )
    return ActivationPlan.objects.filter(employment_authority_id__in=authorities).filter(
        Q(status=PlanStatus.SIGNED) | draft_for_a_joint_meeting
    )


def access_joint_plan(user: User | AnonymousUser, plan_id: int) -> ActivationPlan:
    """A joint plan for an employment-authority official who is a party; 404 otherwise."""
    require_capability(user, Capability.READ_JOINT_PLANS)
    plan = (
        joint_plans_of(user)
        .filter(pk=plan_id)
        .select_related(
            "relationship__client",
            "relationship__responsible_worker",
            "relationship__unit",
            "employment_authority",
            "joint_meeting",
        )
        .first()
    )
    if plan is None:
        raise Http404
    audit.record_access(
        actor=user,
        client=plan.relationship.client,
        what="joint activation plan",
        basis="employment_authority_party",
        record=plan,
    )
    return plan
