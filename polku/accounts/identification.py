"""Strong identification of clients (vahva tunnistautuminen): OpenID Connect, decision 0015.

A deployment points Polku at its broker of Suomi.fi e-Identification through the settings
``POLKU_OIDC_*`` (the discovery URL, the client id and secret, the scopes, and the name of the
claim that holds the personal identity code). The login runs the authorization code flow with
PKCE (S256), ``state`` and ``nonce`` through Authlib's Django client; the ID token's signature,
issuer, audience, expiry and nonce are checked before any claim is read.

The identity code finds the client's user through a registry: the accounts app knows no client
records (it is below the clients app), so the clients app registers the function that maps a
canonical identity code to the client's OmaPolku user (:func:`register_client_resolver`). Staff
never log in this way, and no identity code is written to the log, the audit trail or a URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from joserfc.errors import JoseError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import hetu

from polku.accounts.errors import AccountError
from polku.accounts.events import AccountEvent
from polku.accounts.models import User
from polku.accounts.roles import Role, roles_of
from polku.audit import services as audit

# The session remembers that this login came through strong identification: logout then also
# ends the session at the identification service, when it offers an end_session_endpoint.
IDENTIFIED_SESSION_KEY = "polku_strong_identification"
NEXT_SESSION_KEY = "polku_identification_next"
# Why the last identification was refused: the refusal page reads it, so that the provider's
# answer (code, state) leaves the address bar and the page can change its language.
REFUSAL_SESSION_KEY = "polku_identification_refusal"

# What may go wrong talking to the identification service: an error answer, a tampered or
# expired response (state, signature, nonce, expiry), a network failure or an answer that is
# not JSON.
PROVIDER_ERRORS: tuple[type[Exception], ...] = (
    OAuthError,
    JoseError,
    requests.RequestException,
    ValueError,
    KeyError,
    RuntimeError,
)

IdentityResolver = Callable[[str], User | None]
_resolvers: list[IdentityResolver] = []


def register_client_resolver(resolver: IdentityResolver) -> None:
    """Register how a canonical identity code finds a client's user (the clients app does)."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def configured() -> bool:
    """Whether this deployment has strong identification (the demo has not)."""
    return bool(settings.POLKU_OIDC_DISCOVERY_URL and settings.POLKU_OIDC_CLIENT_ID)


_apps: dict[tuple[Any, ...], DjangoOAuth2App] = {}


def provider() -> DjangoOAuth2App:
    """The OpenID Connect client for the settings in force (its discovery document is fetched
    once and kept)."""
    key = (
        settings.POLKU_OIDC_DISCOVERY_URL,
        settings.POLKU_OIDC_CLIENT_ID,
        settings.POLKU_OIDC_CLIENT_SECRET,
        settings.POLKU_OIDC_SCOPES,
        settings.POLKU_OIDC_TOKEN_AUTH_METHOD,
        settings.POLKU_OIDC_TIMEOUT_SECONDS,
    )
    app = _apps.get(key)
    if app is None:
        _apps.clear()
        app = OAuth().register(
            name="polku",
            client_id=settings.POLKU_OIDC_CLIENT_ID,
            client_secret=settings.POLKU_OIDC_CLIENT_SECRET,
            server_metadata_url=settings.POLKU_OIDC_DISCOVERY_URL,
            client_kwargs={
                "scope": settings.POLKU_OIDC_SCOPES,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": settings.POLKU_OIDC_TOKEN_AUTH_METHOD,
                "default_timeout": settings.POLKU_OIDC_TIMEOUT_SECONDS,
            },
        )
        _apps[key] = app
    return app


def _failed() -> ValidationError:
    return ValidationError(
        _("The identification did not succeed. Nothing was saved. You can try again."),
        code=AccountError.IDENTIFICATION_FAILED,
    )


def _not_a_client() -> ValidationError:
    return ValidationError(
        _(
            "You were identified, but Polku has no client information about you. If you "
            "think you should have it, call your social services office."
        ),
        code=AccountError.NOT_A_CLIENT,
    )


def _staff() -> ValidationError:
    return ValidationError(
        _(
            "Staff log in with their username, password and the second factor, not through "
            "strong identification."
        ),
        code=AccountError.STAFF_IDENTIFIED,
    )


_REFUSALS: dict[str, Callable[[], ValidationError]] = {
    AccountError.IDENTIFICATION_FAILED: _failed,
    AccountError.NOT_A_CLIENT: _not_a_client,
    AccountError.STAFF_IDENTIFIED: _staff,
}


def refusal(code: object) -> ValidationError:
    """The refusal of ``code`` (kept in the session for the refusal page), in the language in
    force; an unknown code is a failed identification."""
    return _REFUSALS.get(str(code), _failed)()


def begin(request: HttpRequest, *, redirect_uri: str, language: str) -> HttpResponse:
    """The redirect to the identification service; state, nonce and the PKCE verifier are kept
    in the session until the answer comes back."""
    try:
        return provider().authorize_redirect(request, redirect_uri, ui_locales=language)
    except PROVIDER_ERRORS as error:
        raise _failed() from error


def finish(request: HttpRequest) -> dict[str, Any]:
    """The claims of the answer, checked: ``state`` (a missing, used or tampered one fails),
    the code exchanged with the PKCE verifier, the ID token's signature, issuer, audience,
    expiry and nonce. Claims the ID token lacks come from the userinfo endpoint, for the same
    subject only."""
    app = provider()
    try:
        token = app.authorize_access_token(request)
        claims = token.get("userinfo")
        if not claims:  # no ID token: no identification
            raise _failed()
        claims = dict(claims)
        if settings.POLKU_OIDC_IDENTITY_CLAIM not in claims:
            if app.load_server_metadata().get("userinfo_endpoint"):
                extra = dict(app.userinfo(token=token))
                if extra.get("sub") == claims.get("sub"):
                    claims = extra | claims
    except PROVIDER_ERRORS as error:
        raise _failed() from error
    return claims


def identity_code_of(claims: Mapping[str, Any]) -> str:
    """The personal identity code of the claims, validated and in its canonical form."""
    value = claims.get(settings.POLKU_OIDC_IDENTITY_CLAIM)
    if not isinstance(value, str):
        raise _failed()
    try:
        return str(hetu.validate(hetu.compact(value), allow_temporary=True))
    except StdnumError as error:
        raise _failed() from error


def client_user_for(*, claims: Mapping[str, Any]) -> User:
    """The client's user the identified person logs in as, or a refusal: no client record for
    the code, or an account not in use or without roles (``not_a_client``), or a staff user
    (``staff_identified``)."""
    code = identity_code_of(claims)
    user = next((found for r in _resolvers if (found := r(code)) is not None), None)
    if user is None or not user.is_active or not roles_of(user):
        raise _not_a_client()
    if roles_of(user) != frozenset({Role.CLIENT}):
        raise _staff()
    return user


@transaction.atomic
def login_record(*, actor: User, previous_login: dt.datetime | None) -> None:
    """Audit a login through strong identification (no identity code in the event)."""
    audit.record_change(
        actor=actor,
        record=actor,
        changes={"last_login": (previous_login, actor.last_login)},
        what=AccountEvent.STRONG_IDENTIFICATION_LOGIN,
    )


def logout_url(request: HttpRequest, *, post_logout_redirect_uri: str) -> str | None:
    """Where to send a client who logged in through strong identification after Polku's
    logout: the service's end_session_endpoint, if it has one. No ID token goes in the URL
    (it may hold the identity code); the client id names the login instead."""
    if not configured() or not request.session.get(IDENTIFIED_SESSION_KEY):
        return None
    app = provider()
    try:
        if not app.load_server_metadata().get("end_session_endpoint"):
            return None
        result = app.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            client_id=settings.POLKU_OIDC_CLIENT_ID,
        )
    except PROVIDER_ERRORS:
        return None
    return str(result["url"])
