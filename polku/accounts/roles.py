"""Roles and what each may do: the one module that maps a role to its capabilities (SPEC §1).

A role is held in a unit (:class:`~polku.accounts.models.RoleAssignment`); code never asks
"is this user a manager?" but "may this user do X?" through :func:`has_capability`.

Capability is not access: a capability lets a user use a kind of page; reading one client's
record also needs a verified relationship with that client (see ``docs/subsystems/permissions.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from polku.accounts.models import User


class Role(models.TextChoices):
    """The roles of SPEC §1; each assignment scopes one of them to one unit."""

    WORKER = "worker", pgettext_lazy("role", "Social counsellor")
    DECISION_MAKER = "decision_maker", pgettext_lazy("role", "Social worker (decision maker)")
    PLACE_SUPERVISOR = "place_supervisor", pgettext_lazy("role", "Work-activity supervisor")
    CLIENT = "client", pgettext_lazy("role", "Client")
    MANAGER = "manager", pgettext_lazy("role", "Manager")
    EMPLOYMENT_OFFICIAL = (
        "employment_official",
        pgettext_lazy("role", "Employment authority official"),
    )
    ADMINISTRATOR = "administrator", pgettext_lazy("role", "Administrator")


class Capability(models.TextChoices):
    """Kinds of work a role may do. Later issues add capabilities here, then grant them below."""

    USE_WORKER_DESK = "use_worker_desk", _("Use the worker's desk")
    ACT_AS_RESPONSIBLE_WORKER = "act_as_responsible_worker", _("Act as a responsible worker")
    OPEN_RELATIONSHIP = "open_relationship", _("Open client relationships")
    COVER_FOR_COLLEAGUE = "cover_for_colleague", _("Cover for a colleague in the unit")
    MAKE_DECISIONS = "make_decisions", _("Make and sign decisions")
    USE_PLACE_PORTAL = "use_place_portal", _("Use the work-activity place portal")
    RECORD_ATTENDANCE = "record_attendance", _("Record attendance")
    USE_CLIENT_PORTAL = "use_client_portal", _("Use the client portal")
    VIEW_METRICS = "view_metrics", _("View metrics and reports")
    EXPORT_REPORTS = "export_reports", _("Export reports")
    VIEW_METRICS_CLIENTS = (
        "view_metrics_clients",
        _("See the clients behind a metric (stating a purpose, logged)"),
    )
    READ_JOINT_PLANS = "read_joint_plans", _("Read joint activation plans")
    VIEW_UNITS = "view_units", _("View own units and colleagues")
    MANAGE_CONFIGURATION = "manage_configuration", _("Manage users, units and settings")
    APPROVE_RETENTION = "approve_retention", _("Approve the destruction of records")
    MANAGE_NETWORK = "manage_network", _("Manage partners and opportunities")


@dataclass(frozen=True)
class RoleInfo:
    """What a role is for, where its start page is, and what it may do."""

    role: Role
    start_url: str
    capabilities: frozenset[Capability]
    description: str


C = Capability

ROLES: dict[Role, RoleInfo] = {
    Role.WORKER: RoleInfo(
        Role.WORKER,
        "pathways:today",
        frozenset(
            {
                C.USE_WORKER_DESK,
                C.ACT_AS_RESPONSIBLE_WORKER,
                C.OPEN_RELATIONSHIP,
                C.COVER_FOR_COLLEAGUE,
                C.VIEW_UNITS,
            }
        ),
        """Vastuutyöntekijä, usually a sosiaaliohjaaja. Owns the pathways of their own clients in
        their unit(s): intake, meetings, plans, placement, follow-up and closure. May cover for a
        colleague of the same unit, stating a purpose that is logged.""",
    ),
    Role.DECISION_MAKER: RoleInfo(
        Role.DECISION_MAKER,
        "pathways:today",
        frozenset(
            {
                C.USE_WORKER_DESK,
                C.ACT_AS_RESPONSIBLE_WORKER,
                C.OPEN_RELATIONSHIP,
                C.COVER_FOR_COLLEAGUE,
                C.MAKE_DECISIONS,
                C.VIEW_UNITS,
            }
        ),
        """Sosiaalityöntekijä, a licensed social-welfare professional. Makes and signs the
        decisions of the unit (kuty, toimintaraha, matkakorvaus) and may also be a responsible
        worker.""",
    ),
    Role.PLACE_SUPERVISOR: RoleInfo(
        Role.PLACE_SUPERVISOR,
        "accounts:place_start",
        frozenset({C.USE_PLACE_PORTAL, C.RECORD_ATTENDANCE, C.VIEW_UNITS}),
        """Työtoiminnan ohjaaja at a work-activity place. Sees only the clients placed at their
        place during the period (goals, tasks, hours, attendance, evaluations), never the
        social-work narrative, assessments or benefits.""",
    ),
    Role.CLIENT: RoleInfo(
        Role.CLIENT,
        "portal:client_start",
        frozenset({C.USE_CLIENT_PORTAL}),
        """Asiakas. Uses OmaPolku: own plan, goals, responsible worker, meetings, absences,
        self-evaluation, feedback and certificate. Sees only their own record.""",
    ),
    Role.MANAGER: RoleInfo(
        Role.MANAGER,
        "accounts:manager_start",
        frozenset(
            {
                C.VIEW_METRICS,
                C.EXPORT_REPORTS,
                C.VIEW_METRICS_CLIENTS,
                C.VIEW_UNITS,
                C.MANAGE_NETWORK,
            }
        ),
        """Esihenkilö, e.g. the head of adult social work. Metrics and reports for the units
        where they hold the role and the units directly below them; pseudonymous by default, no client narrative.
        The clients behind a figure (names, unit, dates; never the record) only of those units,
        with a stated purpose, each client logged (``VIEW_METRICS_CLIENTS``).""",
    ),
    Role.EMPLOYMENT_OFFICIAL: RoleInfo(
        Role.EMPLOYMENT_OFFICIAL,
        "pathways:joint_plans",
        frozenset({C.READ_JOINT_PLANS}),
        """TVV:n asiantuntija. Reads the joint activation plans where they are a party, when the
        organiser has enabled it.""",
    ),
    Role.ADMINISTRATOR: RoleInfo(
        Role.ADMINISTRATOR,
        "accounts:admin_start",
        frozenset({C.MANAGE_CONFIGURATION, C.VIEW_UNITS, C.APPROVE_RETENTION, C.MANAGE_NETWORK}),
        """Pääkäyttäjä. Manages users, units, places, templates and settings through the
        configuration pages, and approves the destruction of records the retention job
        proposes (counts by kind only). Has no access to client data by default.""",
    ),
}

# The order in which a user holding several roles is sent to a start page after login.
START_ORDER: tuple[Role, ...] = (
    Role.WORKER,
    Role.DECISION_MAKER,
    Role.PLACE_SUPERVISOR,
    Role.MANAGER,
    Role.EMPLOYMENT_OFFICIAL,
    Role.ADMINISTRATOR,
    Role.CLIENT,
)


def roles_of(user: User | AnonymousUser) -> frozenset[Role]:
    """The roles the user holds in any unit (cached on the user object for the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_polku_roles", None)
    if cached is None:
        cached = frozenset(Role(r) for r in user.role_assignments.values_list("role", flat=True))
        user._polku_roles = cached  # type: ignore[attr-defined]
    return cached


def capabilities_of(user: User | AnonymousUser) -> frozenset[Capability]:
    """Every capability granted by any of the user's roles."""
    result: set[Capability] = set()
    for role in roles_of(user):
        result |= ROLES[role].capabilities
    return frozenset(result)


def has_capability(user: User | AnonymousUser, capability: Capability) -> bool:
    """Whether any of the user's roles grants ``capability``."""
    return capability in capabilities_of(user)


def roles_with(capability: Capability) -> frozenset[Role]:
    """The roles that grant ``capability`` (for queries that scope by unit)."""
    return frozenset(role for role, info in ROLES.items() if capability in info.capabilities)


def start_roles(user: User | AnonymousUser) -> list[RoleInfo]:
    """The user's roles in start-page order, one entry per distinct start page."""
    held = roles_of(user)
    seen: set[str] = set()
    result: list[RoleInfo] = []
    for role in START_ORDER:
        info = ROLES[role]
        if role in held and info.start_url not in seen:
            seen.add(info.start_url)
            result.append(info)
    return result
