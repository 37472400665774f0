"""Who sees and does what with groups (docs/subsystems/groups.md, "Who").

A group's own facts (name, times, place, capacity, sessions and their themes) are not client
data: like the place catalogue they are shown to every user of the worker's desk, who plan
with their clients, and to the group's instructors and the managers of its organiser. Its
participants are client data, each read logged with its basis:

- an **instructor** of the group sees every participant's name and session attendance, and
  nothing else of the record (what a place supervisor may see), basis ``group_instructor``;
- a **worker** sees the enrolments of the clients whose relationship they may see (their own,
  or a colleague's they cover), with the legal status and the agreement;
- a **manager** of the organiser sees the group and its counts, no names.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Capability, Role, has_capability, roles_with
from polku.clients.access import visible_relationships
from polku.clients.models import CoverGrant
from polku.core import clock
from polku.groups.models import Enrolment, Group, Session

INSTRUCTOR_BASIS = "group_instructor"

#: Capabilities that use the group pages at all (403 without any of them).
PAGE_CAPABILITIES = (
    Capability.USE_WORKER_DESK,
    Capability.USE_PLACE_PORTAL,
    Capability.VIEW_METRICS,
)
#: Capabilities that write to a group (sessions, attendance).
WRITE_CAPABILITIES = (Capability.USE_WORKER_DESK, Capability.RECORD_ATTENDANCE)


def require_any(user: User | AnonymousUser, capabilities: tuple[Capability, ...]) -> None:
    if not any(has_capability(user, c) for c in capabilities):
        raise PermissionDenied


def visible_groups(user: User | AnonymousUser) -> QuerySet[Group, Any]:
    """The groups whose own facts ``user`` may see: all for the worker's desk, else the
    groups they instruct and those of the units they manage (and the units below them)."""
    if not user.is_authenticated or not user.is_active:
        return Group.objects.none()
    if has_capability(user, Capability.USE_WORKER_DESK):
        return Group.objects.all()
    managed = RoleAssignment.objects.filter(user=user, role=Role.MANAGER).values("unit_id")
    instructed = Group.objects.filter(instructors=user).values("pk")
    return Group.objects.filter(
        Q(pk__in=instructed) | Q(organiser_id__in=managed) | Q(organiser__parent_id__in=managed)
    )


def is_instructor(user: User | AnonymousUser, group: Group) -> bool:
    return user.pk is not None and group.instructors.filter(pk=user.pk).exists()


def is_organiser_worker(user: User | AnonymousUser, group: Group) -> bool:
    """A worker or decision maker of the organising unit."""
    return (
        user.pk is not None
        and RoleAssignment.objects.filter(
            user_id=user.pk,
            unit_id=group.organiser_id,
            role__in=roles_with(Capability.USE_WORKER_DESK),
        ).exists()
    )


def may_manage(user: User | AnonymousUser, group: Group) -> bool:
    """Adds sessions and writes their feedback: an instructor or a worker of the organiser."""
    return is_instructor(user, group) or is_organiser_worker(user, group)


def access_group(user: User | AnonymousUser, group_id: int) -> Group:
    """A group whose facts the user may see, or the one 404; 403 for roles that never use
    group pages. No client data here, so nothing is logged."""
    require_any(user, PAGE_CAPABILITIES)
    group: Group | None = (
        visible_groups(user)
        .filter(pk=group_id)
        .select_related("organiser", "place", "created_by", "partner")
        .first()
    )
    if group is None:
        raise Http404
    return group


def access_managed_group(user: User | AnonymousUser, group_id: int) -> Group:
    """A group the user may add sessions to (an instructor or a worker of the organiser)."""
    require_any(user, WRITE_CAPABILITIES)
    group = access_group(user, group_id)
    if not may_manage(user, group):
        raise Http404
    return group


def access_organised_group(user: User | AnonymousUser, group_id: int) -> Group:
    """A group the user may edit: a worker of its organiser; others who see it 404."""
    require_any(user, (Capability.USE_WORKER_DESK,))
    group = access_group(user, group_id)
    if not is_organiser_worker(user, group):
        raise Http404
    return group


def access_session(user: User | AnonymousUser, session_id: int) -> Session:
    """A session of a group the user instructs (the attendance page), or the one 404."""
    require_any(user, WRITE_CAPABILITIES)
    if not isinstance(user, User):
        raise Http404
    session = (
        Session.objects.filter(pk=session_id, group__instructors=user)
        .select_related("group__organiser", "group__place")
        .first()
    )
    if session is None:
        raise Http404
    return session


def access_enrolment(user: User | AnonymousUser, enrolment_id: int) -> Enrolment:
    """An enrolment of a client whose relationship the worker may see (their own, or a
    colleague's they cover), or the one 404; 403 without the worker's desk."""
    require_any(user, (Capability.USE_WORKER_DESK,))
    enrolment: Enrolment | None = (
        Enrolment.objects.filter(pk=enrolment_id, relationship__in=visible_relationships(user))
        .select_related("client", "group", "relationship")
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


ORGANISER_STAFF = (Role.WORKER, Role.DECISION_MAKER, Role.MANAGER)


def instructor_candidates(organisers: Any, place: Any = None) -> QuerySet[User, Any]:
    """Who may instruct a group of ``organisers`` (units): their active staff (workers,
    decision makers, managers), and the supervisors of the places of the organiser's area
    (the places under the same parent unit) and of the group's place. The form offers these
    and the services accept only these."""
    units = list(organisers)
    parents = {u.parent_id for u in units if u.parent_id is not None}
    rule = Q(role_assignments__role__in=ORGANISER_STAFF, role_assignments__unit__in=units) | Q(
        role_assignments__role=Role.PLACE_SUPERVISOR, role_assignments__unit__parent_id__in=parents
    )
    if place is not None:
        rule |= Q(role_assignments__role=Role.PLACE_SUPERVISOR, role_assignments__unit=place)
    ids = User.objects.filter(rule, is_active=True).values("pk")
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


def own_enrolments(user: User | AnonymousUser, group: Group) -> QuerySet[Enrolment, Any]:
    """The group's enrolments of clients whose relationship ``user`` may see."""
    return Enrolment.objects.filter(group=group, relationship__in=visible_relationships(user))


def may_end_enrolments(user: User | AnonymousUser, enrolments: list[Enrolment]) -> set[int]:
    """The enrolments (with their relationships loaded) whose participation ``user`` may end
    early: what ``services.enrolment_end`` accepts, the client's responsible worker or a
    colleague covering for them (``clients.access.is_caseworker``) with the worker's desk.
    One query for the covers, whatever the number of enrolments."""
    if user.pk is None or not has_capability(user, Capability.USE_WORKER_DESK) or not enrolments:
        return set()
    covered = set(
        CoverGrant.objects.filter(user_id=user.pk, expires_at__gt=clock.now()).values_list(
            "covered_worker_id", "unit_id"
        )
    )
    return {
        e.pk
        for e in enrolments
        if e.relationship.responsible_worker_id == user.pk
        or (e.relationship.responsible_worker_id, e.relationship.unit_id) in covered
    }


def require_instructor(actor: User, group: Group) -> None:
    """Session attendance is recorded by the group's instructors (403 for anyone else)."""
    if not is_instructor(actor, group):
        raise PermissionDenied


def require_manager_of_group(actor: User, group: Group) -> None:
    if not may_manage(actor, group):
        raise PermissionDenied
