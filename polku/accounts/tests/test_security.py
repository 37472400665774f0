"""Login, throttling, sessions, headers and error pages."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tests.factories import PASSWORD
from tests.people import People

pytestmark = pytest.mark.django_db


def post_login(client: HttpClient, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_wrong_password_gives_a_finnish_message_and_keeps_the_username(
    client, people: People
) -> None:
    response = post_login(client, people.worker.username, "väärin")
    assert response.status_code == 200
    assert "Käyttäjätunnus tai salasana on väärin" in response.text
    assert f'value="{people.worker.username}"' in response.text


def test_unknown_user_gets_the_same_message(client, people: People) -> None:
    known = post_login(client, people.worker.username, "väärin").text
    unknown = post_login(client, "ei-ketaan", "väärin").text
    assert "Käyttäjätunnus tai salasana on väärin" in unknown
    assert known.count("väärin") == unknown.count("väärin")


def test_login_sends_the_user_to_their_start_page(client, people: People) -> None:
    from tests.second_factor import current_code, staff_device

    device = staff_device(people.worker)
    response = post_login(client, people.worker.username, PASSWORD)
    assert response.status_code == 302
    verify = client.get(response["Location"])
    assert verify.url.startswith(reverse("accounts:otp_verify"))
    response = client.post(verify.url, {"code": current_code(device)})
    assert client.get(response["Location"]).url == reverse("pathways:today")


def test_repeated_failures_are_throttled(client, people: People, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, people.worker.username, "väärin")
    locked = post_login(client, people.worker.username, PASSWORD)
    assert locked.status_code == 429
    assert "Liian monta" in locked.text
    # Another user from the same address is not locked out.
    assert post_login(client, people.manager.username, PASSWORD).status_code == 302


def test_session_expires_after_inactivity(client, people: People, settings) -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    post_login(client, people.worker.username, PASSWORD)
    client.session.flush()  # what the expiry does on the server side
    client.cookies.pop("sessionid", None)
    response = client.get(reverse("pathways:today"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Istuntosi päättyi" in page.text


def test_logout_is_post_only_and_ends_the_session(client, people: People) -> None:
    client.force_login(people.worker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("pathways:today")).status_code == 302


def test_security_headers(client, people: People) -> None:
    client.force_login(people.worker)
    response = client.get(reverse("pathways:today"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_pages_have_no_inline_scripts(client, people: People) -> None:
    client.force_login(people.worker)
    text = client.get(reverse("pathways:today")).text
    assert "<script>" not in text
    assert " on" + "click=" not in text


def test_csrf_is_enforced(people: People) -> None:
    strict = HttpClient(enforce_csrf_checks=True)
    response = strict.post(
        reverse("accounts:login"), {"username": people.worker.username, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "Lomake vanhentui" in response.text


@pytest.mark.parametrize("path", ["/ei-ole/", "/yksikot/abc/", "/yksikot/99999999/"])
def test_missing_and_malformed_urls_give_a_finnish_404(client, people: People, path: str) -> None:
    client.force_login(people.worker)
    response = client.get(path)
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.text
    assert "Traceback" not in response.text


def test_403_page_is_in_the_chosen_language(client, people: People) -> None:
    client.force_login(people.client)
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    response = client.get(reverse("pathways:today"))
    assert response.status_code == 403
    assert 'lang="sv"' in response.text


def test_language_choice_persists_to_the_next_login(client, people: People) -> None:
    post_login(client, people.worker.username, PASSWORD)
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    people.worker.refresh_from_db()
    assert people.worker.language == "sv"
    fresh = HttpClient()
    response = post_login(fresh, people.worker.username, PASSWORD)
    assert response.cookies["polku_language"].value == "sv"
    page = fresh.get(reverse("pathways:today"), follow=True)  # the second factor comes next
    assert 'lang="sv"' in page.text


def test_production_settings_switch_on_https_hardening(monkeypatch) -> None:
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("POLKU_HTTPS", "true")
    try:
        hardened = importlib.reload(base)
        assert hardened.SECURE_SSL_REDIRECT
        assert hardened.SESSION_COOKIE_SECURE
        assert hardened.CSRF_COOKIE_SECURE
        assert hardened.SECURE_HSTS_SECONDS >= 31536000
    finally:
        monkeypatch.delenv("POLKU_HTTPS")
        importlib.reload(base)
