"""Access to client records: one core (:func:`access_record`) behind every access helper,
one 404 for missing and forbidden, the read logged with its basis and purpose; and the
record-level predicates services call (:func:`require_caseworker`, :func:`is_unit_worker`).

The record-level rule is :func:`polku.clients.models.verified_q`, shared with every list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, QuerySet
from django.http import Http404

from polku.accounts.access import require_capability
from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.roles import Capability, roles_with
from polku.audit import services as audit
from polku.clients.events import ClientRead
from polku.clients.models import (
    Client,
    ClientRelationship,
    CoverGrant,
    HandoverStatus,
    Meeting,
    WorkerAssignment,
    registered_bases,
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
    for key, basis in registered_bases().items():
        if relationships.filter(basis(user)).exists():
            return key
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


T = TypeVar("T", bound=models.Model)


def visible_relationships(user: User | AnonymousUser) -> QuerySet[ClientRelationship, Any]:
    """The relationships ``user`` has a verified basis for (``verified_q``), as a subquery."""
    return ClientRelationship.objects.visible_to(user).values("pk")


def visible_through(user: User | AnonymousUser, relationship: str = "relationship_id") -> Exists:
    """The rule for records reached through ``relationship`` (a field path ending in the
    relationship's id), checked per record: what a detail page's access helper filters by."""
    return ClientRelationship.objects.visible_one(user, relationship)


def access_record(
    user: User | AnonymousUser,
    rows: QuerySet[T],
    pk: int | None,
    *,
    client_of: Callable[[T], Client],
    what: str,
    need: Capability | None = Capability.USE_WORKER_DESK,
    basis: str | None = None,
    log_record: bool = True,
) -> T:
    """The one access core: every ``access_<entity>`` is a few lines over it.

    ``rows`` is the entity's queryset already narrowed by the visibility rule (through
    :func:`visible_relationships` or ``Client.objects.visible_to``); this checks the
    capability (403), gives one 404 for missing and forbidden alike, and logs the read with
    its basis, and with the stated purpose when the basis is team cover.
    """
    if need is not None:
        require_capability(user, need)
    found = rows.filter(pk=pk).first() if pk is not None else rows.first()
    if found is None or not isinstance(user, User):
        raise Http404
    client = client_of(found)
    if basis is None:
        basis = access_basis(user, client)
    audit.record_access(
        actor=user,
        client=client,
        what=what,
        basis=basis,
        purpose=_cover_purpose(user, client) if basis == "team_cover" else "",
        record=found if log_record else None,
    )
    return found


def access_client(user: User | AnonymousUser, client_id: int, *, what: str) -> Client:
    """A client the staff user has a verified relationship with, or 404; the read is logged."""
    rows = Client.objects.visible_to(user, client_id=client_id)
    return access_record(user, rows, client_id, client_of=lambda c: c, what=what, log_record=False)


def access_relationship(
    user: User | AnonymousUser, relationship_id: int, *, what: str
) -> ClientRelationship:
    """A client relationship the user may see, or 404; the read is logged."""
    rows = ClientRelationship.objects.filter(
        ClientRelationship.objects.visible_one(user, "pk")
    ).select_related("client", "unit", "responsible_worker")
    return access_record(user, rows, relationship_id, client_of=lambda r: r.client, what=what)


def access_meeting(user: User | AnonymousUser, meeting_id: int, *, what: str) -> Meeting:
    """A meeting of a relationship the user may see, or 404; the read is logged."""
    rows = Meeting.objects.filter(visible_through(user)).select_related(
        "relationship__client", "relationship__unit", "worker"
    )
    return access_record(
        user, rows, meeting_id, client_of=lambda m: m.relationship.client, what=what
    )


def access_own_client(user: User | AnonymousUser, *, what: str) -> Client:
    """The client record of the logged-in client (OmaPolku); 404 when there is none."""
    rows = (
        Client.objects.filter(user_id=user.pk) if user.is_authenticated else Client.objects.none()
    )
    return access_record(
        user,
        rows,
        None,
        client_of=lambda c: c,
        what=what,
        need=None,
        basis="self",
        log_record=False,
    )


def access_handover(user: User | AnonymousUser, assignment_id: int) -> WorkerAssignment:
    """A hand-over waiting on this user, or 404."""
    rows = WorkerAssignment.objects.filter(
        worker_id=user.pk, status=HandoverStatus.PENDING
    ).select_related("relationship__client", "assigned_by")
    return access_record(
        user,
        rows,
        assignment_id,
        client_of=lambda a: a.relationship.client,
        what=ClientRead.HANDOVER,
        basis="handover",
    )


def access_intake_hit(
    user: User | AnonymousUser, client_id: object, *, hits: Collection[int]
) -> Client:
    """A client the intake's duplicate check found (``hits``, kept in the session) and the
    worker chose, to open a new relationship for; 404 for any other. The read is logged with
    the basis "intake search"."""
    if not isinstance(client_id, int) or client_id not in hits:
        raise Http404
    return access_record(
        user,
        Client.objects.all(),
        client_id,
        client_of=lambda c: c,
        what=ClientRead.INTAKE_EXISTING,
        need=Capability.OPEN_RELATIONSHIP,
        basis="intake_search",
        log_record=False,
    )


def is_caseworker(user: User | AnonymousUser, relationship: ClientRelationship) -> bool:
    """The responsible worker, or a colleague covering for them today."""
    if user.pk is None:
        return False
    if relationship.responsible_worker_id == user.pk:
        return True
    return CoverGrant.objects.filter(
        user_id=user.pk,
        covered_worker_id=relationship.responsible_worker_id,
        unit_id=relationship.unit_id,
        expires_at__gt=clock.now(),
    ).exists()


def require_caseworker(actor: User, relationship: ClientRelationship) -> None:
    """Writes on a client's pathway: the responsible worker, or a colleague covering.

    Services call it, so views, commands and jobs share one check (403 when it fails).
    """
    if not is_caseworker(actor, relationship):
        raise PermissionDenied


def require_responsible_worker(actor: User, relationship: ClientRelationship) -> None:
    """Only the responsible worker hands the client over (403 for anyone else)."""
    if relationship.responsible_worker_id != actor.pk:
        raise PermissionDenied


def sees_address(
    user: User | AnonymousUser, client: Client, relationships: Iterable[ClientRelationship]
) -> bool:
    """A non-disclosure marking (turvakielto) shows the address only to the responsible worker
    of the client's open relationship (among ``relationships``): not to a covering colleague,
    a decision maker or anyone else."""
    return not client.non_disclosure or any(
        r.responsible_worker_id == user.pk for r in relationships if r.is_open
    )


def is_unit_worker(user: User, unit: Unit) -> bool:
    """Whether ``user`` may act as a responsible worker in ``unit``."""
    return RoleAssignment.objects.filter(
        user=user, unit=unit, role__in=roles_with(Capability.ACT_AS_RESPONSIBLE_WORKER)
    ).exists()
