"""Staff pages need the second factor (SPEC §8): after the password, the code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from polku.accounts.second_factor import confirmed_device, is_verified, second_factor_required

View = TypeVar("View", bound=Callable[..., Any])


def second_factor_not_required(view: View) -> View:
    """Mark a view a logged-in staff user may use before the second factor (logout, the
    second-factor pages themselves). Views marked ``@login_not_required`` are exempt too."""
    view.second_factor_required = False  # type: ignore[attr-defined]
    return view


class SecondFactorMiddleware:
    """Send a logged-in staff user who has not passed the second factor to enrol or verify.

    Runs after ``LoginRequiredMiddleware`` and django-otp's ``OTPMiddleware``. Clients, and
    everyone when ``POLKU_STAFF_OTP_REQUIRED`` is off, pass through.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: list[Any],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not getattr(view_func, "second_factor_required", True):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if not second_factor_required(user) or is_verified(user):
            return None
        name = "accounts:otp_verify" if confirmed_device(user) else "accounts:otp_enrol"  # type: ignore[arg-type]
        url = reverse(name)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
