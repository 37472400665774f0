"""Login, throttling, sessions, headers and error pages."""

from __future__ import annotations

import os
import subprocess
import sys

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


def post_login_from(
    client: HttpClient, username: str, password: str, address: str, forwarded: str = ""
):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}),  # type: ignore[arg-type]
    )


def test_repeated_failures_are_throttled(client, people: People, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, people.worker.username, "väärin")
    locked = post_login(client, people.worker.username, PASSWORD)
    assert locked.status_code == 429
    assert "Liian monta" in locked.text


def test_a_username_is_throttled_whatever_the_address(client, people: People, settings) -> None:
    """Guessing one account's password from many addresses is throttled per username."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_login_from(client, people.worker.username, "väärin", f"192.0.2.{n + 1}")
    fresh = "198.51.100.7"
    assert post_login_from(client, people.worker.username, PASSWORD, fresh).status_code == 429
    # Other accounts, from the same fresh address, are not affected.
    assert post_login_from(client, people.manager.username, PASSWORD, fresh).status_code == 302


def test_an_address_is_throttled_whatever_the_username(client, people: People, settings) -> None:
    """Guessing at many accounts from one address is throttled per address."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_login_from(client, f"arvaus-{n}", "väärin", "192.0.2.50")
    assert (
        post_login_from(client, people.worker.username, PASSWORD, "192.0.2.50").status_code == 429
    )
    assert (
        post_login_from(client, people.worker.username, PASSWORD, "192.0.2.51").status_code == 302
    )


def test_a_good_login_does_not_clear_the_address_count(client, people: People, settings) -> None:
    """An attacker's own account must not reset the failures counted against their address."""
    address = "192.0.2.60"
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login_from(client, f"arvaus-{n}", "väärin", address)
    assert post_login_from(client, people.worker.username, PASSWORD, address).status_code == 302
    client.post(reverse("accounts:logout"))
    post_login_from(client, "arvaus-viimeinen", "väärin", address)
    assert post_login_from(client, people.manager.username, PASSWORD, address).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(
    client, people: People, settings
) -> None:
    """Behind one load balancer every request comes from the balancer: the client's own
    address (the one the balancer saw) is throttled, and what the client forges is ignored."""
    settings.POLKU_TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.2"
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker writes a different X-Forwarded-For each time; the balancer appends.
        post_login_from(client, f"arvaus-{n}", "väärin", balancer, f"203.0.113.{n}, 192.0.2.9")
    attacker = post_login_from(client, people.worker.username, PASSWORD, balancer, "192.0.2.9")
    assert attacker.status_code == 429
    client.cookies.clear()
    colleague = post_login_from(client, people.worker.username, PASSWORD, balancer, "192.0.2.10")
    assert colleague.status_code == 302


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(people: People, settings) -> None:
    from django.test import RequestFactory

    from polku.accounts.throttling import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    settings.POLKU_TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "192.0.2.1"
    settings.POLKU_TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "1.2.3.4"
    settings.POLKU_TRUSTED_PROXY_COUNT = 2  # fewer entries than proxies: not through them
    assert client_address(request) == "192.0.2.1"
    bad = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="<script>")
    settings.POLKU_TRUSTED_PROXY_COUNT = 1
    assert client_address(bad) == "192.0.2.1"


@pytest.mark.parametrize(
    ("hours", "language", "text"),
    [
        (0.25, "fi", "15 minuutin kuluttua"),
        (1.0, "fi", "60 minuutin kuluttua"),
        (0.5, "sv", "om 30 minuter"),
        (1 / 60, "sv", "om 1 minut"),
        (2.0, "en", "in 120 minutes"),
    ],
)
def test_lockout_page_names_the_configured_time(
    client, people: People, settings, hours: float, language: str, text: str
) -> None:
    settings.AXES_COOLOFF_TIME = hours
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, people.worker.username, "väärin")
    locked = post_login(client, people.worker.username, PASSWORD)
    assert locked.status_code == 429
    assert text in locked.text


def test_session_expires_after_inactivity(client, people: People, settings) -> None:
    assert "polku.core.middleware.SessionIdleMiddleware" in settings.MIDDLEWARE
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


@pytest.mark.parametrize(("saved", "chosen"), [("fi", "sv"), ("sv", "fi"), ("fi", "en")])
def test_the_language_chosen_on_the_login_page_wins_and_is_saved(
    people: People, saved: str, chosen: str
) -> None:
    people.worker.language = saved
    people.worker.save(update_fields=["language"])
    browser = HttpClient()
    browser.get(reverse("accounts:login"))
    browser.post(
        reverse("core:set_language"), {"language": chosen, "next": reverse("accounts:login")}
    )
    assert f'lang="{chosen}"' in browser.get(reverse("accounts:login")).text
    response = post_login(browser, people.worker.username, PASSWORD)
    assert response.status_code == 302
    assert response.cookies["polku_language"].value == chosen  # not the saved one
    people.worker.refresh_from_db()
    assert people.worker.language == chosen  # saved as theirs for the next login
    page = browser.get(reverse("pathways:today"), follow=True)
    assert f'lang="{chosen}"' in page.text
    # The next login, in another browser without a choice, is in the language saved now.
    other = HttpClient()
    assert (
        post_login(other, people.worker.username, PASSWORD).cookies["polku_language"].value
        == chosen
    )


def test_without_a_choice_on_the_login_page_the_saved_language_is_used(
    people: People,
) -> None:
    people.worker.language = "sv"
    people.worker.save(update_fields=["language"])
    browser = HttpClient()
    browser.cookies["polku_language"] = "fi"  # left by an earlier visit, not chosen now
    response = post_login(browser, people.worker.username, PASSWORD)
    assert response.cookies["polku_language"].value == "sv"
    people.worker.refresh_from_db()
    assert people.worker.language == "sv"


def test_a_choice_left_before_login_is_not_taken_when_the_page_was_in_another_language(
    people: People,
) -> None:
    """A choice kept in the session counts only while the login page is still in that
    language (the cookie says so): otherwise the saved language is used and nothing is saved
    from a choice that is no longer the page's."""
    browser = HttpClient()
    browser.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    browser.cookies["polku_language"] = "en"  # the page is no longer in Swedish
    people.worker.language = "fi"
    people.worker.save(update_fields=["language"])
    response = post_login(browser, people.worker.username, PASSWORD)
    assert response.cookies["polku_language"].value == "fi"
    people.worker.refresh_from_db()
    assert people.worker.language == "fi"


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


def _start_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Import the production settings in a fresh interpreter with only ``env`` set for Polku."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POLKU_"))}
    # Empty values shadow a developer's .env (environment variables win over the file).
    clean |= {"DJANGO_SECRET_KEY": "", "DJANGO_SECRET_KEY_FILE": "", "DJANGO_DEBUG": "false"}
    clean |= env
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.base as s; print(len(s.SECRET_KEY))"],
        cwd=settings_root(),
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_root() -> str:
    from django.conf import settings

    return str(settings.BASE_DIR)


@pytest.mark.parametrize("key", ["", "change-me", "insecure-local-only-key-change-me"])
def test_production_refuses_to_start_without_a_secret_key(key: str) -> None:
    result = _start_with({"DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_secret_key_from_the_environment_or_a_file(tmp_path) -> None:
    assert _start_with({"DJANGO_SECRET_KEY": "x" * 60}).stdout.strip() == "60"
    key_file = tmp_path / "secret"
    key_file.write_text("y" * 70 + "\n", encoding="utf-8")
    assert _start_with({"DJANGO_SECRET_KEY_FILE": str(key_file)}).stdout.strip() == "70"


def test_debug_runs_on_a_development_key() -> None:
    result = _start_with({"DJANGO_DEBUG": "true"})
    assert result.returncode == 0, result.stderr
