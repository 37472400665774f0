"""Access helpers for plans, each a few lines over the one access core
(:func:`polku.clients.access.access_record`): the relationship's visibility rule, one 404,
the read logged with its basis."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Capability, Role
from polku.clients.access import access_record, visible_through
from polku.clients.models import MeetingStatus
from polku.pathways.events import PathwayRead
from polku.pathways.models import ActivationPlan, PlanOption, PlanStatus


def access_plan(user: User | AnonymousUser, plan_id: int, *, what: str) -> ActivationPlan:
    """A plan of a relationship the user may see, or 404; the read is logged."""
    rows = ActivationPlan.objects.filter(visible_through(user))
    rows = rows.select_related(
        "relationship__client",
        "relationship__unit",
        "relationship__responsible_worker",
        "author",
        "employment_authority",
        "chosen_option__place",
    )
    return access_record(user, rows, plan_id, client_of=lambda p: p.relationship.client, what=what)


def access_option(user: User | AnonymousUser, option_id: int, *, what: str) -> PlanOption:
    """An option of a plan the user may see, or 404; the read is logged."""
    rows = PlanOption.objects.filter(visible_through(user, "plan__relationship_id"))
    rows = rows.select_related("plan__relationship__client")
    return access_record(
        user, rows, option_id, client_of=lambda o: o.plan.relationship.client, what=what
    )


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
    rows = joint_plans_of(user).select_related(
        "relationship__client",
        "relationship__responsible_worker",
        "relationship__unit",
        "employment_authority",
        "joint_meeting",
    )
    return access_record(
        user,
        rows,
        plan_id,
        client_of=lambda p: p.relationship.client,
        what=PathwayRead.JOINT_PLAN,
        need=Capability.READ_JOINT_PLANS,
        basis="employment_authority_party",
    )
