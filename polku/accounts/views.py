"""Login, the role start pages and the units pages (the access pattern later apps copy)."""

from __future__ import annotations

from typing import Any

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from polku.accounts import identification, second_factor, selectors
from polku.accounts.access import access_unit, capability_required, require_role
from polku.accounts.errors import AccountError
from polku.accounts.forms import LoginForm, OneTimeCodeForm, ProofCodeForm, RecoveryCodeForm
from polku.accounts.middleware import second_factor_not_required
from polku.accounts.models import UnitKind, User
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability, Role, start_roles
from polku.core import clock
from polku.core.htmx import render_page
from polku.core.views import CHOSEN_BEFORE_LOGIN_SESSION_KEY

SESSION_MARKER_COOKIE = "polku_signed_in"


@method_decorator(login_not_required, name="dispatch")
@method_decorator(sensitive_post_parameters("password"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class LoginView(auth_views.LoginView):
    """Password login. Repeated failures are throttled by django-axes (settings.AXES_*)."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # A session marker without a session: the session ended while the user was away.
        context["session_expired"] = (
            SESSION_MARKER_COOKIE in self.request.COOKIES and not self.request.user.is_authenticated
        )
        context["strong_identification"] = identification.configured()
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        return _signed_in(self.request, super().form_valid(form), form.get_user())

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if context.get("session_expired"):
            response.delete_cookie(SESSION_MARKER_COOKIE)
        return response


def _login_language(request: HttpRequest, user: User) -> str:
    """The language of this login: the one the person chose on the login page (kept in the
    session by ``core:set_language``, and still the page's language), saved as theirs; else the
    one they saved before. A choice left in the session by someone else is not theirs unless the
    login page they used was still in it."""
    chosen = request.session.pop(CHOSEN_BEFORE_LOGIN_SESSION_KEY, None)
    if chosen not in dict(settings.LANGUAGES) or chosen != get_language():
        return user.language
    if user.language != chosen:
        user.language = chosen
        user.save(update_fields=["language"])
    return str(chosen)


def _signed_in(request: HttpRequest, response: HttpResponse, user: User) -> HttpResponse:
    """After any login: the session marker and the language of the login (``_login_language``)."""
    language = _login_language(request, user)
    response.set_cookie(
        SESSION_MARKER_COOKIE,
        "1",
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@method_decorator(second_factor_not_required, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """Logout by POST; forgets the session marker so the login page does not say "expired".

    A client who logged in through strong identification is then sent to the identification
    service's end_session_endpoint, if it has one, and comes back to the login page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        end_session = identification.logout_url(
            request, post_logout_redirect_uri=request.build_absolute_uri(reverse("accounts:login"))
        )
        response = super().post(request, *args, **kwargs)
        if end_session is not None:
            response = HttpResponseRedirect(end_session)
        response.delete_cookie(SESSION_MARKER_COOKIE)
        return response


# Strong identification of clients (OpenID Connect, polku/accounts/identification.py).


def _refused(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """To the refusal page, which says why from the session (not from the address)."""
    request.session[identification.REFUSAL_SESSION_KEY] = error.code
    return redirect("accounts:identification_refused")


@login_not_required
@never_cache
def identification_start(request: HttpRequest) -> HttpResponse:
    """To the identification service (404 where a deployment has none, as in the demo)."""
    if not identification.configured():
        raise Http404
    request.session[identification.NEXT_SESSION_KEY] = _next_url(request)
    redirect_uri = request.build_absolute_uri(reverse("accounts:identification_return"))
    try:
        return identification.begin(
            request, redirect_uri=redirect_uri, language=get_language() or "fi"
        )
    except ValidationError as error:
        return _refused(request, error)


@login_not_required
@never_cache
def identification_return(request: HttpRequest) -> HttpResponse:
    """The answer of the identification service: the client is logged in, under a new session
    key, or sees why not."""
    if not identification.configured():
        raise Http404
    target = request.session.pop(identification.NEXT_SESSION_KEY, None) or reverse("accounts:home")
    try:
        claims = identification.finish(request)
        user = identification.client_user_for(claims=claims)
    except ValidationError as error:
        return _refused(request, error)
    request.session.pop(identification.REFUSAL_SESSION_KEY, None)
    previous_login = user.last_login
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[identification.IDENTIFIED_SESSION_KEY] = True
    identification.login_record(actor=user, previous_login=previous_login)
    return _signed_in(request, redirect(target), user)


def home(request: HttpRequest) -> HttpResponse:
    """Send the user to the start page of their first role."""
    roles = start_roles(request.user)
    if roles:
        return redirect(roles[0].start_url)
    return render_page(request, "accounts/no_roles.html")


def start_context(user: User) -> dict[str, Any]:
    return {"assignments": selectors.my_assignments(user=user)}


def place_start(request: AuthedRequest) -> HttpResponse:
    """The place supervisor's start page: their work-activity places."""
    require_role(request.user, Role.PLACE_SUPERVISOR)
    places = selectors.supervised_places(user=request.user)
    context = start_context(request.user) | {"places": places}
    return render_page(request, "accounts/start_place.html", context=context)


def manager_start(request: AuthedRequest) -> HttpResponse:
    """The manager's start page: the units in their scope."""
    require_role(request.user, Role.MANAGER)
    context = start_context(request.user) | {
        "units": selectors.unit_list_page(viewer=request.user, page=1)
    }
    return render_page(request, "accounts/start_manager.html", context=context)


def admin_start(request: AuthedRequest) -> HttpResponse:
    """The administrator's start page: configuration, no client data."""
    require_role(request.user, Role.ADMINISTRATOR)
    context = start_context(request.user) | selectors.configuration_counts()
    return render_page(request, "accounts/start_admin.html", context=context)


@capability_required(Capability.VIEW_UNITS)
def unit_list(request: AuthedRequest) -> HttpResponse:
    """Units the user may see (the list half of the access pattern)."""
    kind = request.GET.get("kind", "")
    page = selectors.unit_list_page(viewer=request.user, page=request.GET.get("page"), kind=kind)
    return render_page(
        request,
        "accounts/unit_list.html",
        "results",
        {"page_obj": page, "kinds": UnitKind.choices, "kind": kind, "pager_query": f"kind={kind}"},
    )


def unit_detail(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """One unit and its staff (the detail half: 404 for missing and for not visible)."""
    unit = access_unit(request.user, unit_id)
    staff = selectors.unit_staff(unit=unit)
    return render_page(request, "accounts/unit_detail.html", context={"unit": unit, "staff": staff})


# The staff second factor (SPEC §8; polku/accounts/second_factor.py).


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("accounts:home")


def _with_next(name: str, request: HttpRequest) -> str:
    return reverse(name) + "?" + urlencode({"next": _next_url(request)})


def _passed(request: AuthedRequest) -> HttpResponse | None:
    """Clients, users already verified and a demo without the second factor go on."""
    if not second_factor.second_factor_required(request.user) or second_factor.is_verified(
        request.user
    ):
        return redirect(_next_url(request))
    return None


def _verified(request: AuthedRequest, device: Any) -> None:
    """Mark the session verified with ``device`` under a new session key."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _locked(request: AuthedRequest, error: ValidationError) -> HttpResponse:
    """Too many wrong codes: end the session (the event is already audited)."""
    logout(request)
    messages.error(request, error.messages[0])
    response = redirect("accounts:login")
    response.delete_cookie(SESSION_MARKER_COOKIE)
    return response


@second_factor_not_required
def otp_enrol(request: AuthedRequest) -> HttpResponse:
    """First login of a staff user: scan the QR code, confirm one code, get recovery codes."""
    if (response := _passed(request)) is not None:
        return response
    if second_factor.confirmed_device(request.user) is not None:
        return redirect(_with_next("accounts:otp_verify", request))
    device = second_factor.enrolment_device(request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.second_factor_enrol(
                actor=request.user, device=device, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            if error.code == AccountError.LOCKED:
                return _locked(request, error)
            if error.code == AccountError.ENROLLED:
                return redirect(_with_next("accounts:otp_verify", request))
            form.add_error("code", error)
        else:
            _verified(request, device)
            shown = {"codes": codes, "next": _next_url(request)}
            return render_page(request, "accounts/otp_codes.html", context=shown)
    label = _("QR code for the authenticator app")
    context: dict[str, Any] = {
        "form": form,
        "qr": second_factor.qr_svg(device, label=label),
        "secret": second_factor.device_secret(device),
        "next": _next_url(request),
    }
    return render_page(request, "accounts/otp_enrol.html", context=context)


@second_factor_not_required
def otp_verify(request: AuthedRequest) -> HttpResponse:
    """Every staff login after the password: the code from the app."""
    if (response := _passed(request)) is not None:
        return response
    if second_factor.confirmed_device(request.user) is None:
        return redirect(_with_next("accounts:otp_enrol", request))
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.second_factor_verify(
                actor=request.user, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            if error.code == AccountError.LOCKED:
                return _locked(request, error)
            form.add_error("code", error)
        else:
            _verified(request, device)
            return redirect(_next_url(request))
    return render_page(
        request, "accounts/otp_verify.html", context={"form": form, "next": _next_url(request)}
    )


@second_factor_not_required
def otp_recovery(request: AuthedRequest) -> HttpResponse:
    """A recovery code instead of the app (each works once)."""
    if (response := _passed(request)) is not None:
        return response
    if second_factor.confirmed_device(request.user) is None:
        return redirect(_with_next("accounts:otp_enrol", request))
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, left = second_factor.recovery_code_use(
                actor=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            if error.code == AccountError.LOCKED:
                return _locked(request, error)
            form.add_error("code", error)
        else:
            _verified(request, device)
            messages.warning(
                request,
                ngettext(
                    "You logged in with a recovery code. You have %(left)s code left; make new "
                    "codes on the Second factor page before you run out.",
                    "You logged in with a recovery code. You have %(left)s codes left; make new "
                    "codes on the Second factor page before you run out.",
                    left,
                )
                % {"left": left},
            )
            return redirect(_next_url(request))
    return render_page(
        request, "accounts/otp_recovery.html", context={"form": form, "next": _next_url(request)}
    )


# The user's own second factor: new recovery codes and a new phone (a verified session only).

# How long a code given on the first page of the move to a new phone lets the user scan the new
# QR code.
REPLACE_PROOF_SESSION_KEY = "polku_otp_replace_proved_at"
REPLACE_PROOF_SECONDS = 600


def _staff_with_device(request: AuthedRequest) -> bool:
    """403 for a client (no second factor of theirs to manage); whether a device is in use."""
    if not second_factor.uses_second_factor(request.user):
        raise PermissionDenied
    return second_factor.confirmed_device(request.user) is not None


def second_factor_settings(request: AuthedRequest) -> HttpResponse:
    """The user's second factor: whether it is in use, the recovery codes left, what to do."""
    in_use = _staff_with_device(request)
    context = {
        "in_use": in_use,
        "codes_left": second_factor.recovery_codes_left(request.user) if in_use else 0,
    }
    return render_page(request, "accounts/second_factor.html", context=context)


def otp_new_codes(request: AuthedRequest) -> HttpResponse:
    """New recovery codes: a code from the app, then ten new codes shown once."""
    if not _staff_with_device(request):
        return redirect("accounts:second_factor")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.recovery_codes_renew(
                actor=request.user, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            if error.code == AccountError.LOCKED:
                return _locked(request, error)
            form.add_error("code", error)
        else:
            shown = {"codes": codes, "next": reverse("accounts:second_factor"), "renewed": True}
            return render_page(request, "accounts/otp_codes.html", context=shown)
    return render_page(request, "accounts/otp_new_codes.html", context={"form": form})


def _replace_proved(request: AuthedRequest) -> bool:
    proved_at = request.session.get(REPLACE_PROOF_SESSION_KEY)
    if not isinstance(proved_at, (int, float)):
        return False
    return 0 <= clock.now().timestamp() - proved_at <= REPLACE_PROOF_SECONDS


def otp_replace(request: AuthedRequest) -> HttpResponse:
    """A new phone, step 1: a code from the current app or a recovery code."""
    if not _staff_with_device(request):
        return redirect("accounts:second_factor")
    form = ProofCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if second_factor.looks_like_recovery_code(code):
                second_factor.recovery_code_use(actor=request.user, code=code)
            else:
                second_factor.second_factor_verify(actor=request.user, token=code)
        except ValidationError as error:
            if error.code == AccountError.LOCKED:
                return _locked(request, error)
            form.add_error("code", error)
        else:
            request.session[REPLACE_PROOF_SESSION_KEY] = clock.now().timestamp()
            return redirect("accounts:otp_replace_scan")
    return render_page(request, "accounts/otp_replace.html", context={"form": form})


def otp_replace_scan(request: AuthedRequest) -> HttpResponse:
    """A new phone, step 2: scan the new QR code and confirm a code from the new app."""
    if not _staff_with_device(request):
        return redirect("accounts:second_factor")
    if not _replace_proved(request):
        return redirect("accounts:otp_replace")
    device = second_factor.replacement_device(request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = second_factor.second_factor_replace(
                actor=request.user, device=device, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            if error.code == AccountError.LOCKED:
                return _locked(request, error)
            form.add_error("code", error)
        else:
            request.session.pop(REPLACE_PROOF_SESSION_KEY, None)
            _verified(request, new)
            messages.success(
                request,
                _(
                    "The second factor is now on your new phone. The old phone's codes no longer work."
                ),
            )
            return redirect("accounts:second_factor")
    label = _("QR code for the authenticator app")
    context: dict[str, Any] = {
        "form": form,
        "qr": second_factor.qr_svg(device, label=label),
        "secret": second_factor.device_secret(device),
    }
    return render_page(request, "accounts/otp_replace_scan.html", context=context)


@login_not_required
@never_cache
def identification_refused(request: HttpRequest) -> HttpResponse:
    """Why the identification did not log anyone in: plain words, no data of anyone."""
    if not identification.configured():
        raise Http404
    code = request.session.get(identification.REFUSAL_SESSION_KEY)
    if code is None:
        return redirect("accounts:login")
    error = identification.refusal(code)
    retry = error.code == AccountError.IDENTIFICATION_FAILED
    context = {"message": error.messages[0], "retry": retry}
    return render_page(
        request,
        "accounts/identification_refused.html",
        context=context,
        status=400 if retry else 403,
    )
