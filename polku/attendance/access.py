"""Who may record a client's day (SPEC §4): the supervisor of the period's place, the
responsible worker (or a colleague covering), and the client for their own absences. Services
call :func:`source_of`, so views, commands and jobs share one check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.roles import Role
from polku.attendance.models import Source
from polku.clients.access import is_caseworker
from polku.placements.models import Period


def is_place_supervisor(user: User, place: Unit | int) -> bool:
    place_id = place if isinstance(place, int) else place.pk
    return RoleAssignment.objects.filter(
        user_id=user.pk, unit_id=place_id, role=Role.PLACE_SUPERVISOR
    ).exists()


def source_of(actor: User, period: Period) -> Source:
    """In which capacity ``actor`` records on ``period``; 403 for anyone else."""
    relationship = period.relationship
    if is_caseworker(actor, relationship):
        return Source.WORKER
    if is_place_supervisor(actor, period.place_id):
        return Source.PLACE
    if actor.pk is not None and relationship.client.user_id == actor.pk:
        return Source.CLIENT
    raise PermissionDenied


def require_place_supervisor(actor: User, place: Unit) -> None:
    if not is_place_supervisor(actor, place):
        raise PermissionDenied
