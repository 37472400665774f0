"""Login, the role start pages and the units pages (the access pattern later apps copy)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from polku.accounts import selectors
from polku.accounts.access import access_unit, capability_required, require_role
from polku.accounts.forms import LoginForm
from polku.accounts.models import Unit, UnitKind, User
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability, Role, start_roles
from polku.core.htmx import render_page

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
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        response.set_cookie(
            SESSION_MARKER_COOKIE,
            "1",
            httponly=True,
            samesite="Lax",
            secure=self.request.is_secure(),
        )
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if context.get("session_expired"):
            response.delete_cookie(SESSION_MARKER_COOKIE)
        return response


class LogoutView(auth_views.LogoutView):
    """Logout by POST; forgets the session marker so the login page does not say "expired"."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(SESSION_MARKER_COOKIE)
        return response


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
    places = list(
        Unit.objects.visible_to(request.user)
        .places()
        .filter(role_assignments__user=request.user, role_assignments__role=Role.PLACE_SUPERVISOR)
        .distinct()
    )
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
    context = start_context(request.user) | {
        "user_count": User.objects.filter(is_active=True).count(),
        "unit_count": Unit.objects.count(),
    }
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
