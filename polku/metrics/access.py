"""Who may see the metrics, and of which units (SPEC §1 manager, §6).

A manager sees the social-services units where they hold the role and the units directly
below them (as :meth:`polku.accounts.models.UnitQuerySet.visible_to`), and the organiser above
them as the comparison. The figures are aggregates of those units' client relationships; no
client's record is read, so the page logs no access. The clients behind a figure (the
drill-down) need their own capability (``VIEW_METRICS_CLIENTS``), a purpose, and log an access
event per client shown (``selectors.figure_clients``). Exports need their own capability
(``EXPORT_REPORTS``).

1. No ``VIEW_METRICS`` (or, for an export, no ``EXPORT_REPORTS``): 403.
2. A manager whose roles reach no social-services unit: 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from polku.accounts.models import RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Capability, Role, has_capability


@dataclass(frozen=True)
class Scope:
    """The manager's units, the organiser as a whole for comparison, and the choices of the
    filters (every one of them a unit the manager may see)."""

    viewer: User
    organiser: Unit | None
    units: tuple[Unit, ...]  # social-services units in the manager's scope
    organiser_unit_ids: frozenset[int]  # every social-services unit of the organiser
    places: tuple[Unit, ...]  # work-activity places of the organiser and of the units
    municipalities: tuple[Unit, ...]

    @property
    def unit_ids(self) -> frozenset[int]:
        return frozenset(u.pk for u in self.units)

    @property
    def name(self) -> str:
        if self.organiser is not None and self.unit_ids == self.organiser_unit_ids:
            return self.organiser.display_name
        return ", ".join(u.display_name for u in self.units)


def access_metrics(
    user: User | AnonymousUser, *, export: bool = False, clients: bool = False
) -> Scope:
    """The viewer's scope of metrics; 403 without the capability (``EXPORT_REPORTS`` for an
    export, ``VIEW_METRICS_CLIENTS`` for the clients behind a figure), 404 without units.
    The clients behind a figure are only those of the scope's units: the units where the
    viewer holds the manager role and those directly below them."""
    if not has_capability(user, Capability.VIEW_METRICS):
        raise PermissionDenied
    if export and not has_capability(user, Capability.EXPORT_REPORTS):
        raise PermissionDenied
    if clients and not has_capability(user, Capability.VIEW_METRICS_CLIENTS):
        raise PermissionDenied
    assert isinstance(user, User)  # noqa: S101 (the capability needs a logged-in user)
    managed = RoleAssignment.objects.filter(user=user, role=Role.MANAGER).values("unit_id")
    reach = Q(pk__in=managed) | Q(parent_id__in=managed)
    units = tuple(
        Unit.objects.filter(reach, kind=UnitKind.SOCIAL_SERVICES)
        .select_related("parent", "municipality")
        .by_name()
    )
    if not units:
        raise Http404
    organiser = next((u.parent for u in units if u.parent and u.parent.kind == "organiser"), None)
    if organiser is None:
        organiser = Unit.objects.filter(pk__in=managed, kind=UnitKind.ORGANISER).first()
    if organiser is not None:
        organiser_units = frozenset(
            Unit.objects.filter(parent=organiser, kind=UnitKind.SOCIAL_SERVICES).values_list(
                "pk", flat=True
            )
        )
        place_parents = Q(parent=organiser) | Q(parent_id__in=[u.pk for u in units])
    else:
        organiser_units = frozenset(u.pk for u in units)
        place_parents = Q(parent_id__in=[u.pk for u in units])
    # The columns a place is shown and filtered by: at national scale there are thousands.
    places = tuple(
        Unit.objects.places()
        .filter(place_parents)
        .only("name", "name_sv", "kind", "parent_id", "municipality_id", "producer_type")
        .by_name()
    )
    municipalities = tuple(
        sorted({u.municipality for u in units if u.municipality}, key=lambda m: m.name)
    )
    return Scope(
        viewer=user,
        organiser=organiser,
        units=units,
        organiser_unit_ids=organiser_units | frozenset(u.pk for u in units),
        places=places,
        municipalities=municipalities,
    )
