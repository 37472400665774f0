"""Login throttling (django-axes): the client's address behind trusted proxies, the lock-out page.

Failures are counted per username and, separately, per address (``AXES_LOCKOUT_PARAMETERS``):
one account cannot be guessed at from many addresses, and one address cannot guess at many
accounts. The address is the one the outermost trusted proxy saw (``POLKU_TRUSTED_PROXY_COUNT``),
so behind a load balancer every client does not share the balancer's address, and an
``X-Forwarded-For`` a client writes itself is ignored.

An administrator lifts a user's lock-out on the configuration site (:func:`login_lockout_lift`).
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from polku.accounts.events import AccountEvent
from polku.accounts.models import User
from polku.audit import services as audit


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address, taking ``POLKU_TRUSTED_PROXY_COUNT`` proxies into account.

    With no trusted proxy it is ``REMOTE_ADDR``. With N trusted proxies, each appends the
    address it received the request from to ``X-Forwarded-For``, so the client's address is the
    N-th entry from the right; entries left of it were written by the client and are ignored.
    A header shorter than N, or an entry that is not an IP address, falls back to
    ``REMOTE_ADDR`` (the request did not come through the configured proxies).
    """
    remote: str | None = request.META.get("REMOTE_ADDR")
    count: int = getattr(settings, "POLKU_TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The lock-out page (HTTP 429), naming the lock-out time that is configured."""
    from axes.helpers import get_cool_off

    cool_off: timedelta | None = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "accounts/lockout.html",
        {"cooloff_minutes": minutes},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )


@transaction.atomic
def login_lockout_lift(*, actor: User, user: User) -> int:
    """Clear the failed logins counted for the user's username; return how many there were.

    django-axes' own reset (``axes.utils.reset``) deletes the username's attempt rows, which
    also takes those failures off the addresses they came from. Failures of other usernames
    from the same address stay: an address locked by guesses at many accounts stays locked
    until its cool-off ends. A change event ``login lock-out lifted`` records the count; none
    is written when there was nothing to clear.
    """
    from axes.models import AccessAttempt
    from axes.utils import reset
    from django.db.models import Sum

    failures = (
        AccessAttempt.objects.filter(username=user.username).aggregate(
            total=Sum("failures_since_start")
        )["total"]
        or 0
    )
    reset(username=user.username)
    if failures:
        audit.record_change(
            actor=actor,
            record=user,
            changes={"login_failures": (failures, 0)},
            what=AccountEvent.LOCKOUT_LIFTED,
        )
    return int(failures)
