"""Navigation for the base layout: the user's start pages and units."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from polku.accounts.roles import Capability, capabilities_of, start_roles


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def units() -> list[str]:
        names = user.role_assignments.values_list("unit__name", flat=True).distinct()
        return sorted(set(names))

    capabilities = capabilities_of(user)
    return {
        "nav_start_roles": start_roles(user),
        "nav_units": SimpleLazyObject(units),
        "nav_can_view_units": Capability.VIEW_UNITS in capabilities,
        "nav_can_use_desk": Capability.USE_WORKER_DESK in capabilities,
        "nav_can_configure": Capability.MANAGE_CONFIGURATION in capabilities,
    }
