"""Reads for the foundation's pages, scoped to the viewer in the database query."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from polku.accounts.models import RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Role

# Every role except the client's: who counts as the unit's staff on the units pages.
STAFF_ROLES = frozenset(Role) - {Role.CLIENT}


def unit_list_page(*, viewer: User, page: int | str | None, kind: str = "") -> Page[Any]:
    """The units the viewer may see, with their staff counts; constant queries per page.

    The count is the people :func:`unit_staff` lists: active users with a staff role in the
    unit; clients are not staff.
    """
    staff = Q(role_assignments__role__in=STAFF_ROLES, role_assignments__user__is_active=True)
    rows = (
        Unit.objects.visible_to(viewer)
        .select_related("parent", "municipality")
        .annotate(staff_count=Count("role_assignments__user", filter=staff, distinct=True))
    )
    if kind in UnitKind.values:
        rows = rows.filter(kind=kind)
    return Paginator(rows.by_name(), 50).get_page(page)


def unit_staff(*, unit: Unit) -> QuerySet[User]:
    """The active people who hold a staff role in the unit, each with their roles there."""
    return (
        User.objects.filter(
            role_assignments__unit=unit, role_assignments__role__in=STAFF_ROLES, is_active=True
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.filter(unit=unit, role__in=STAFF_ROLES),
                to_attr="roles_here",
            )
        )
        .order_by("last_name", "first_name", "pk")
    )


def my_assignments(*, user: User) -> list[RoleAssignment]:
    """The user's own role assignments, for the header and start pages."""
    return list(
        RoleAssignment.objects.filter(user=user)
        .select_related("unit")
        .order_by("unit__name", "role")
    )


def supervised_places(*, user: User) -> list[Unit]:
    """The work-activity places the user supervises (the place supervisor's start page)."""
    return list(
        Unit.objects.visible_to(user)
        .places()
        .filter(role_assignments__user=user, role_assignments__role=Role.PLACE_SUPERVISOR)
        .distinct()
    )


def configuration_counts() -> dict[str, int]:
    """The administrator's start page: active users and units, no client data."""
    return {
        "user_count": User.objects.filter(is_active=True).count(),
        "unit_count": Unit.objects.count(),
    }
