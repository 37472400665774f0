"""Access helpers for the foundation's records (units). Copy this shape for new entities.

Two questions, in this order:
1. Does the user's role ever use this kind of page? If not: 403 (PermissionDenied).
2. May the user see this record? The queryset's ``visible_to`` answers in SQL; a missing and a
   forbidden record both give the same 404, so existence is never revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability, Role, has_capability, roles_of

View = TypeVar("View", bound=Callable[..., HttpResponse])


def require_capability(user: User | AnonymousUser, capability: Capability) -> None:
    """Raise PermissionDenied (403) unless one of the user's roles grants ``capability``."""
    if not has_capability(user, capability):
        raise PermissionDenied


def require_role(user: User | AnonymousUser, *roles: Role) -> None:
    """Raise PermissionDenied unless the user holds one of ``roles`` (start pages only)."""
    if not roles_of(user) & set(roles):
        raise PermissionDenied


def capability_required(capability: Capability) -> Callable[[View], View]:
    """View decorator form of :func:`require_capability`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_capability(request.user, capability)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def access_unit(user: User | AnonymousUser, unit_id: int) -> Unit:
    """A unit the user may see, or 404 for both missing and not visible."""
    require_capability(user, Capability.VIEW_UNITS)
    unit = Unit.objects.visible_to(user).filter(pk=unit_id).select_related("parent").first()
    if unit is None:
        raise Http404
    return unit
