"""Views that belong to no domain: the language switch, the health check, the error page."""

from __future__ import annotations

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.defaults import server_error as django_server_error
from django.views.i18n import set_language as django_set_language

from polku.core.health import database_ok

# Seconds a client is asked to wait before trying again while the database is unavailable.
RETRY_AFTER_SECONDS = 5


# The language chosen before logging in (on the login page), kept in the session until the
# login: that login takes it and saves it as the user's (polku.accounts.views._signed_in).
CHOSEN_BEFORE_LOGIN_SESSION_KEY = "polku_language_chosen_before_login"


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language (cookie) and remember it on the user for the next login; before
    login, remember it in the session for the login that follows."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if language not in dict(settings.LANGUAGES):
        return response
    if not user.is_authenticated:
        request.session[CHOSEN_BEFORE_LOGIN_SESSION_KEY] = language
    elif user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when this process reaches the database, else 503. No session,
    no user, no client data: the answer names only the checks."""
    ok = database_ok()
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unavailable"},
        status=200 if ok else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database that cannot be reached (a restart, a failover) is a 503 with
    Retry-After and its own page; every other error Django's 500 page (templates/500.html).
    Neither touches the database nor shows anything of the error."""
    # An error of the connection, not of the query: OperationalError, or InterfaceError for a
    # connection already closed (the server shut down under it).
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return django_server_error(request)
