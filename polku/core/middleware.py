"""Headers that Django's own middleware does not set, and the session's idle renewal."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from polku.core import clock


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


class SessionIdleMiddleware:
    """The idle timeout without a session write on every request.

    A session ends ``SESSION_COOKIE_AGE`` seconds after it was last saved. Instead of saving it
    on every request (``SESSION_SAVE_EVERY_REQUEST``, a second commit on every GET), this marks
    it changed only when ``POLKU_SESSION_RENEW_SECONDS`` have passed since the last renewal
    (kept in the session): the timeout then runs from the last request to within that many
    seconds. Sits just below Django's ``SessionMiddleware``.
    """

    KEY = "_polku_renewed"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(clock.now().timestamp())
        last = session.get(self.KEY)
        if not isinstance(last, int) or abs(now - last) >= settings.POLKU_SESSION_RENEW_SECONDS:
            session[self.KEY] = now
        return response
