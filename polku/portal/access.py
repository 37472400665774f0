"""The client's own documents (OmaPolku), each a few lines over the one access core
(:func:`polku.clients.access.access_record`): only records of the logged-in client's own
relationships, open or ended; one 404 for another person's record and for a missing one;
403 for a user who does not use the client portal. Every read is logged with the basis
"self"."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from polku.accounts.models import User
from polku.accounts.roles import Capability, has_capability
from polku.clients.access import access_record
from polku.pathways.models import ActivationPlan
from polku.placements.models import Decision, DecisionStatus, Period
from polku.portal import selectors


def _client_user(user: User | AnonymousUser) -> int:
    if not has_capability(user, Capability.USE_CLIENT_PORTAL):
        raise PermissionDenied
    return int(user.pk or 0)


def access_own_decision(user: User | AnonymousUser, decision_id: int, *, what: str) -> Decision:
    """A decision made on the client (a draft is not theirs to read yet)."""
    rows = Decision.objects.filter(
        status=DecisionStatus.DECIDED, relationship__client__user_id=_client_user(user)
    ).select_related(
        "relationship__client",
        "relationship__unit",
        "relationship__responsible_worker",
        "period__place",
        "decision_maker",
        "drafted_by",
    )
    return access_record(
        user,
        rows,
        decision_id,
        client_of=lambda d: d.relationship.client,
        what=what,
        need=None,
        basis="self",
    )


def access_own_plan(user: User | AnonymousUser, plan_id: int, *, what: str) -> ActivationPlan:
    """A signed version of the client's activation plan."""
    rows = (
        ActivationPlan.objects.signed()
        .filter(relationship__client__user_id=_client_user(user))
        .select_related("relationship__client", "relationship__unit", "author")
    )
    return access_record(
        user,
        rows,
        plan_id,
        client_of=lambda p: p.relationship.client,
        what=what,
        need=None,
        basis="self",
    )


def access_own_period(user: User | AnonymousUser, period_id: int, *, what: str) -> Period:
    """A decided work-activity period of the client (its info package)."""
    rows = (
        selectors.decided_periods()
        .filter(relationship__client__user_id=_client_user(user))
        .select_related("relationship__responsible_worker__reachable_time", "author")
    )
    return access_record(
        user,
        rows,
        period_id,
        client_of=lambda p: p.relationship.client,
        what=what,
        need=None,
        basis="self",
    )
