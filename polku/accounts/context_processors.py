"""Navigation for the base layout: the user's start pages and units."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from polku.accounts.models import unit_name_in
from polku.accounts.roles import Capability, Role, capabilities_of, roles_of, start_roles
from polku.accounts.second_factor import is_verified, second_factor_required, uses_second_factor


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def units() -> list[str]:
        rows = user.role_assignments.values_list("unit__name", "unit__name_sv").distinct()
        return sorted({unit_name_in(name, name_sv) for name, name_sv in rows})

    # A client and nothing else: pages shown to everyone (403) speak to them in plain words.
    client_only = roles_of(user) == {Role.CLIENT}
    if second_factor_required(user) and not is_verified(user):
        # Before the second factor only logout and the language are on offer.
        return {"nav_units": SimpleLazyObject(units), "nav_client_only": client_only}
    capabilities = capabilities_of(user)
    return {
        "nav_client_only": client_only,
        "nav_start_roles": start_roles(user),
        "nav_units": SimpleLazyObject(units),
        "nav_can_view_units": Capability.VIEW_UNITS in capabilities,
        "nav_can_use_desk": Capability.USE_WORKER_DESK in capabilities,
        "nav_can_configure": Capability.MANAGE_CONFIGURATION in capabilities,
        "nav_can_record_attendance": Capability.RECORD_ATTENDANCE in capabilities,
        "nav_can_see_groups": bool(
            capabilities
            & {Capability.USE_WORKER_DESK, Capability.USE_PLACE_PORTAL, Capability.VIEW_METRICS}
        ),
        "nav_can_manage_network": Capability.MANAGE_NETWORK in capabilities,
        "nav_can_use_place_portal": Capability.USE_PLACE_PORTAL in capabilities,
        "nav_second_factor": uses_second_factor(user),
        # A worker keeps the phone hours their clients see on OmaPolku (portal's own page).
        "nav_phone_hours": Role.WORKER in roles_of(user),
    }


def second_factor(request: HttpRequest) -> dict[str, Any]:
    """Whether the demo runs without the staff second factor: every page then says so."""
    from django.conf import settings

    return {"second_factor_off": not settings.POLKU_STAFF_OTP_REQUIRED}
