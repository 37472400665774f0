"""Access to S13–S15 records, each a few lines over the one access core
(:func:`polku.clients.access.access_record`), and the record-level predicate the certificate's
services call (:func:`certificate_editor`).

The place supervisor reaches a certificate through a basis of its own, narrower than a
registered one: the full period at their place, from its start until 30 days after its end
(``rules.SUPERVISOR_DAYS_AFTER``), while the relationship is open. It opens the certificate
pages only; it adds nothing to the one visibility rule, so no other page of the client opens.
"""

from __future__ import annotations

import datetime as dt
import operator
from functools import reduce

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Capability, Role, has_capability
from polku.clients.access import access_record, is_caseworker, visible_relationships
from polku.clients.models import ClientRelationship
from polku.closure.models import Certificate, CertificateStatus
from polku.closure.rules import SUPERVISOR_DAYS_AFTER
from polku.core import clock
from polku.placements.models import Period, PeriodKind, PeriodStatus

PLACE_SUPERVISOR = "place_supervisor"


def supervised_periods(user: User | AnonymousUser, today: dt.date) -> QuerySet[Period]:
    """Full periods at the user's places whose certificate the place may draft today."""
    if not user.is_authenticated:
        return Period.objects.none()
    places = RoleAssignment.objects.filter(user_id=user.pk, role=Role.PLACE_SUPERVISOR).values(
        "unit_id"
    )
    return Period.objects.filter(
        place_id__in=places,
        kind=PeriodKind.FULL,
        starts_on__lte=today,
        ends_on__gte=today - dt.timedelta(days=SUPERVISOR_DAYS_AFTER),
        relationship__ended_on__isnull=True,
    ).exclude(status=PeriodStatus.CANCELLED)


def is_place_supervisor_of(user: User | AnonymousUser, period: Period) -> bool:
    return supervised_periods(user, clock.today()).filter(pk=period.pk).exists()


def access_certificate_period(user: User | AnonymousUser, period_id: int, *, what: str) -> Period:
    """A period whose certificate the user may read and edit: the responsible worker's (or a
    colleague covering), or the place supervisor's within their window; 404 otherwise, 403 for
    roles that use neither desk."""
    worker = has_capability(user, Capability.USE_WORKER_DESK)
    place = has_capability(user, Capability.USE_PLACE_PORTAL)
    if not (worker or place):
        raise PermissionDenied
    today = clock.today()
    supervised = supervised_periods(user, today).values("pk") if place else None
    bases = [Q(relationship__in=visible_relationships(user))] if worker else []
    if supervised is not None:
        bases.append(Q(pk__in=supervised))
    rows = Period.objects.filter(reduce(operator.or_, bases)).select_related(
        "relationship__client", "relationship__unit", "relationship__responsible_worker", "place"
    )
    found = rows.filter(pk=period_id).first()
    basis = None
    if found is not None and supervised is not None and not is_caseworker(user, found.relationship):
        if supervised_periods(user, today).filter(pk=found.pk).exists():
            basis = PLACE_SUPERVISOR
    return access_record(
        user,
        rows,
        period_id,
        client_of=lambda p: p.relationship.client,
        what=what,
        need=None,
        basis=basis,
    )


def access_closure(
    user: User | AnonymousUser, relationship_id: int, *, what: str
) -> ClientRelationship:
    """The relationship's closure page: the responsible worker's desk (the record rule)."""
    rows = ClientRelationship.objects.filter(pk__in=visible_relationships(user)).select_related(
        "client", "unit", "responsible_worker"
    )
    return access_record(user, rows, relationship_id, client_of=lambda r: r.client, what=what)


def access_own_certificate(
    user: User | AnonymousUser, certificate_id: int, *, what: str
) -> Certificate:
    """The client's own given certificate (OmaPolku); 404 for any other. Logged with the basis
    "self"."""
    if not has_capability(user, Capability.USE_CLIENT_PORTAL):
        raise PermissionDenied
    rows = Certificate.objects.filter(
        status=CertificateStatus.GIVEN, period__relationship__client__user_id=user.pk or 0
    ).select_related("period__relationship__client", "period__place")
    return access_record(
        user,
        rows,
        certificate_id,
        client_of=lambda c: c.period.relationship.client,
        what=what,
        need=None,
        basis="self",
    )


def certificate_editor(actor: User, period: Period) -> str:
    """In which capacity ``actor`` edits the period's certificate: ``"worker"`` (the
    responsible worker or a colleague covering) or ``"place"`` (the supervisor of the period's
    place, within the window); 403 for anyone else."""
    if is_caseworker(actor, period.relationship):
        return "worker"
    if RoleAssignment.objects.filter(
        user_id=actor.pk, unit_id=period.place_id, role=Role.PLACE_SUPERVISOR
    ).exists():
        return "place"
    raise PermissionDenied
