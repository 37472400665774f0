"""Headers that Django's own middleware does not set."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class SecurityHeadersMiddleware:
    """Permissions-Policy, and no caching of pages that may hold client data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        if not request.path.startswith("/static/"):
            response.setdefault("Cache-Control", "no-store")
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Finnish first: the chosen language (cookie), else Swedish for a Swedish browser, else fi.

    Django's own middleware would follow any Accept-Language, so a Finnish worker whose browser
    happens to be in English would get English without asking for it.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        languages = dict(settings.LANGUAGES)
        if chosen not in languages:
            accept = request.META.get("HTTP_ACCEPT_LANGUAGE", "").strip().lower()
            chosen = "sv" if accept.startswith("sv") else settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
