"""Access helpers for plans: the relationship's visibility rule, one 404, the read logged."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from polku.accounts.access import require_capability
from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Capability, Role
from polku.audit import services as audit
from polku.clients.access import access_basis
from polku.clients.models import ClientRelationship
from polku.pathways.models import ActivationPlan, PlanOption


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
    """Plans where the official's employment authority is a party, when its policy allows it."""
    if not isinstance(user, User):
        return ActivationPlan.objects.none()
    authorities = RoleAssignment.objects.filter(
        user=user, role=Role.EMPLOYMENT_OFFICIAL, unit__joint_plan_access=True
    ).values("unit_id")
    return ActivationPlan.objects.filter(employment_authority_id__in=authorities)


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
