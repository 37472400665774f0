"""Access helpers for client records: one 404 for missing and forbidden, and the read logged.

The record-level rule is :func:`polku.clients.models.verified_q`, shared with every list.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from polku.accounts.access import require_capability
from polku.accounts.models import User
from polku.accounts.roles import Capability
from polku.audit import services as audit
from polku.clients.models import (
    Client,
    ClientRelationship,
    CoverGrant,
    HandoverStatus,
    Meeting,
    WorkerAssignment,
    worker_unit_ids,
)
from polku.core import clock


def access_basis(user: User | AnonymousUser, client: Client) -> str:
    """The verified relationship that lets ``user`` read ``client`` (logged with the read)."""
    if not user.is_authenticated:
        return ""
    if client.user_id == user.pk:
        return "self"
    relationships = ClientRelationship.objects.filter(client=client)
    if relationships.filter(responsible_worker=user).exists():
        return "responsible_worker"
    if WorkerAssignment.objects.filter(
        relationship__client=client, worker=user, status=HandoverStatus.PENDING
    ).exists():
        return "handover"
    if _active_cover(user, client) is not None:
        return "team_cover"
    if relationships.filter(
        responsible_worker__isnull=True, ended_on__isnull=True, unit_id__in=worker_unit_ids(user)
    ).exists():
        return "intake_queue"
    return ""


def _active_cover(user: User, client: Client) -> CoverGrant | None:
    pairs = ClientRelationship.objects.filter(client=client, responsible_worker__isnull=False)
    for worker_id, unit_id in pairs.values_list("responsible_worker_id", "unit_id"):
        grant = (
            CoverGrant.objects.filter(
                user=user, covered_worker_id=worker_id, unit_id=unit_id, expires_at__gt=clock.now()
            )
            .order_by("-started_at")
            .first()
        )
        if grant is not None:
            return grant
    return None


def _cover_purpose(user: User, client: Client) -> str:
    grant = _active_cover(user, client)
    return grant.purpose if grant else ""


def access_client(user: User | AnonymousUser, client_id: int, *, what: str) -> Client:
    """A client the staff user has a verified relationship with, or 404; the read is logged."""
    require_capability(user, Capability.USE_WORKER_DESK)
    client = Client.objects.visible_to(user).filter(pk=client_id).first()
    if client is None or not isinstance(user, User):
        raise Http404
    basis = access_basis(user, client)
    audit.record_access(
        actor=user,
        client=client,
        what=what,
        basis=basis,
        purpose=_cover_purpose(user, client) if basis == "team_cover" else "",
    )
    return client


def access_relationship(
    user: User | AnonymousUser, relationship_id: int, *, what: str
) -> ClientRelationship:
    """A client relationship the user may see, or 404; the read is logged."""
    require_capability(user, Capability.USE_WORKER_DESK)
    relationship = (
        ClientRelationship.objects.visible_to(user)
        .filter(pk=relationship_id)
        .select_related("client", "unit", "responsible_worker")
        .first()
    )
    if relationship is None or not isinstance(user, User):
        raise Http404
    basis = access_basis(user, relationship.client)
    audit.record_access(
        actor=user,
        client=relationship.client,
        what=what,
        basis=basis,
        record=relationship,
        purpose=_cover_purpose(user, relationship.client) if basis == "team_cover" else "",
    )
    return relationship


def access_meeting(user: User | AnonymousUser, meeting_id: int, *, what: str) -> Meeting:
    """A meeting of a relationship the user may see, or 404; the read is logged."""
    require_capability(user, Capability.USE_WORKER_DESK)
    visible = ClientRelationship.objects.visible_to(user).values("pk")
    meeting = (
        Meeting.objects.filter(pk=meeting_id, relationship__in=visible)
        .select_related("relationship__client", "relationship__unit", "worker")
        .first()
    )
    if meeting is None or not isinstance(user, User):
        raise Http404
    audit.record_access(
        actor=user,
        client=meeting.relationship.client,
        what=what,
        basis=access_basis(user, meeting.relationship.client),
        record=meeting,
    )
    return meeting


def access_own_client(user: User | AnonymousUser, *, what: str) -> Client:
    """The client record of the logged-in client (OmaPolku); 404 when there is none."""
    if not user.is_authenticated:
        raise Http404
    client = Client.objects.filter(user_id=user.pk).first()
    if client is None:
        raise Http404
    audit.record_access(actor=user, client=client, what=what, basis="self")
    return client


def access_handover(user: User | AnonymousUser, assignment_id: int) -> WorkerAssignment:
    """A hand-over waiting on this user, or 404."""
    require_capability(user, Capability.USE_WORKER_DESK)
    assignment = (
        WorkerAssignment.objects.filter(
            pk=assignment_id, worker_id=user.pk, status=HandoverStatus.PENDING
        )
        .select_related("relationship__client", "assigned_by")
        .first()
    )
    if assignment is None:
        raise Http404
    audit.record_access(
        actor=user,
        client=assignment.relationship.client,
        what="hand-over",
        basis="handover",
        record=assignment,
    )
    return assignment
