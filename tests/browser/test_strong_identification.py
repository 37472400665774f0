"""A client logs in through strong identification (issue 19 item 6, decision 0015): a real
OpenID Connect flow in Chromium against panva's oidc-provider, which the test starts on a free
loopback port (tests/oidc.py) and Polku's live server is pointed at. The provider's own pages
(its login and consent forms, its logout question) are not Polku's and are not checked by
axe-core; every Polku page on the way is."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from polku.accounts import identification
from polku.accounts.events import AccountEvent
from polku.accounts.roles import Role, roles_of
from polku.audit.models import AuditEvent
from polku.clients.models import Client
from tests.browser.conftest import Browser
from tests.factories import PASSWORD, ClientFactory
from tests.oidc import (
    CLIENT_CODE,
    NEW_CLIENT_CODE,
    UNKNOWN_CODE,
    RunningProvider,
    point_polku_at,
    running_provider,
)
from tests.people import build_people, build_relationship

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 15


@pytest.fixture
def oidc(live_server: Any, settings: Any) -> Iterator[RunningProvider]:
    identification._apps.clear()
    with running_provider(live_server.url) as provider:
        point_polku_at(settings, provider)
        yield provider
    identification._apps.clear()


def polku_session_key(browser: Browser) -> str | None:
    """Polku's session cookie, read through Chromium wherever the browser is."""
    cookies = browser.driver.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]
    host = browser.base_url.split("//", 1)[1].split(":", 1)[0]
    return next(
        (c["value"] for c in cookies if c["name"] == "sessionid" and c["domain"] == host), None
    )


def start_identification(browser: Browser, provider: RunningProvider) -> None:
    """From Polku's login page to the provider's login form."""
    browser.get("/kirjaudu/")
    assert "Oletko asiakas?" in browser.text("main")
    browser.driver.find_element(By.CSS_SELECTOR, 'a[href^="/kirjaudu/tunnistus/"]').click()
    WebDriverWait(browser.driver, WAIT).until(
        lambda driver: driver.current_url.startswith(provider.issuer)
    )


def identify(browser: Browser, provider: RunningProvider, login: str) -> None:
    """On the provider's pages: log in as the test person ``login`` and agree to share the
    claims, then wait to be back at Polku (checked by axe-core)."""
    driver = browser.driver
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.NAME, "login"))
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys("mika-tahansa")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def consent_or_back(d: Any) -> bool:
        if d.current_url.startswith(browser.base_url):
            return True
        buttons = d.find_elements(By.XPATH, "//button[normalize-space()='Continue']")
        if buttons:
            buttons[0].click()
        return False

    WebDriverWait(driver, WAIT).until(consent_or_back)
    browser.check_accessibility()


def test_a_client_logs_in_through_strong_identification_and_out_again(
    browser: Browser, oidc: RunningProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    people = build_people()
    Client.objects.filter(pk=people.client_record.pk).update(identity_code=CLIENT_CODE)

    # In production the client's password does not open Polku.
    browser.get("/kirjaudu/")
    browser.driver.find_element(By.ID, "id_username").send_keys(people.client.username)
    browser.driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.submit_and_wait()
    assert "Asiakkaat kirjautuvat vahvalla tunnistautumisella" in browser.text(".error-summary")
    assert browser.path.startswith("/kirjaudu/")

    start_identification(browser, oidc)
    # The session that holds state, nonce and the PKCE verifier while the client is away.
    before = polku_session_key(browser)
    assert before is not None
    identify(browser, oidc, "asiakas")
    assert browser.path == "/omapolku/"
    assert "Kalle" in browser.text("main")
    browser.screenshot("strong_identification_omapolku")

    # A new session key after the login; the old session is gone.
    after = polku_session_key(browser)
    assert after is not None
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()

    # The login is audited, without the identity code; no log line or URL holds it either.
    event = AuditEvent.objects.get(what=AccountEvent.STRONG_IDENTIFICATION_LOGIN.value)
    assert event.actor_id == people.client.pk
    assert event.record_id == str(people.client.pk)
    assert CLIENT_CODE not in str(event.changes)
    assert all(CLIENT_CODE not in str(e.changes) for e in AuditEvent.objects.all())
    assert CLIENT_CODE not in caplog.text
    assert CLIENT_CODE not in browser.driver.current_url

    # Logout ends Polku's session and then the provider's (its end_session_endpoint).
    browser.driver.find_element(By.CSS_SELECTOR, "form.logout button[type=submit]").click()
    WebDriverWait(browser.driver, WAIT).until(
        lambda driver: driver.current_url.startswith(oidc.issuer)
    )
    assert not Session.objects.filter(session_key=after).exists()
    browser.driver.find_element(By.CSS_SELECTOR, "button[name=logout][value=yes]").click()
    WebDriverWait(browser.driver, WAIT).until(
        lambda driver: driver.current_url.startswith(browser.base_url + "/kirjaudu/")
    )
    browser.check_accessibility()
    browser.get("/omapolku/")
    assert browser.path.startswith("/kirjaudu/?next=")

    # The provider's session ended too: the next identification asks for the login again.
    start_identification(browser, oidc)
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_elements(By.NAME, "login"))


def test_a_client_without_an_account_gets_one_at_the_first_identification(
    browser: Browser, oidc: RunningProvider
) -> None:
    people = build_people()
    person = ClientFactory.create(identity_code=NEW_CLIENT_CODE, first_name="Uuno")
    build_relationship(worker=people.worker, unit=people.unit, client=person)
    start_identification(browser, oidc)
    identify(browser, oidc, "uusi")
    assert browser.path == "/omapolku/"
    assert "Uuno" in browser.text("main")
    person.refresh_from_db()
    assert person.user is not None
    assert roles_of(person.user) == frozenset({Role.CLIENT})


def test_a_person_with_no_client_record_gets_a_clear_page_with_no_data(
    browser: Browser, oidc: RunningProvider
) -> None:
    people = build_people()
    start_identification(browser, oidc)
    identify(browser, oidc, "tuntematon")
    assert browser.path == "/kirjaudu/tunnistus/ei-onnistunut/"
    assert "Kirjautuminen ei onnistunut" in browser.text("h1")
    text = browser.text("main")
    assert "Polussa ei ole sinun asiakastietojasi" in text
    assert UNKNOWN_CODE not in text
    assert "Testi" not in text
    assert people.client.first_name not in text
    browser.screenshot("strong_identification_no_client")
    # In Swedish, through the language switch on the page itself.
    browser.click('.lang-switch button[value="sv"]')
    assert "Polku har inga klientuppgifter om dig" in browser.text("main")
    browser.click('.lang-switch button[value="fi"]')
    # Nobody is logged in: OmaPolku sends to the login page.
    browser.get("/omapolku/")
    assert browser.path.startswith("/kirjaudu/?next=")
    assert not AuditEvent.objects.filter(what=AccountEvent.STRONG_IDENTIFICATION_LOGIN.value)


def test_an_id_token_for_another_login_is_refused(browser: Browser, oidc: RunningProvider) -> None:
    """The ID token must carry the nonce this session sent: one minted for another login (here
    the session's nonce changed while the client was at the provider) logs nobody in."""
    from django.contrib.sessions.backends.db import SessionStore

    people = build_people()
    Client.objects.filter(pk=people.client_record.pk).update(identity_code=CLIENT_CODE)
    start_identification(browser, oidc)
    key = polku_session_key(browser)
    session = SessionStore(session_key=key)
    [state_key] = [k for k in session.keys() if k.startswith("_state_")]
    stored = session[state_key]
    stored["data"]["nonce"] = "a-nonce-of-another-login"
    session[state_key] = stored
    session.save()
    identify(browser, oidc, "asiakas")
    assert "Tunnistautuminen ei onnistunut" in browser.text("main")
    browser.get("/omapolku/")
    assert browser.path.startswith("/kirjaudu/?next=")
    assert not AuditEvent.objects.filter(what=AccountEvent.STRONG_IDENTIFICATION_LOGIN.value)


@pytest.mark.parametrize(
    "misbehaviour",
    [
        # The provider's clock runs two hours behind: its ID token expired an hour ago.
        {"token_clock_offset": -7200},
        # The ID token's claims are changed after signing: the signature does not match.
        {"tamper_id_token": True},
    ],
    ids=["expired", "tampered"],
)
def test_an_expired_or_tampered_id_token_gets_a_plain_page_and_no_session(
    browser: Browser, live_server: Any, settings: Any, misbehaviour: dict[str, Any]
) -> None:
    """A bad answer from the identification service logs nobody in: the client reads in plain
    words (Finnish and Swedish) that nothing was saved and that they can try again, and no
    session of Polku holds a user."""
    people = build_people()
    Client.objects.filter(pk=people.client_record.pk).update(identity_code=CLIENT_CODE)
    identification._apps.clear()
    try:
        with running_provider(live_server.url, **misbehaviour) as provider:
            point_polku_at(settings, provider)
            start_identification(browser, provider)
            identify(browser, provider, "asiakas")
            assert browser.path == "/kirjaudu/tunnistus/ei-onnistunut/"
            assert "Kirjautuminen ei onnistunut" in browser.text("h1")
            text = browser.text("main")
            assert "Tunnistautuminen ei onnistunut. Mitään ei tallennettu." in text
            assert "Yritä uudelleen" in text
            assert "Kalle" not in text
            browser.screenshot(f"strong_identification_{'-'.join(misbehaviour)}")
            browser.click('.lang-switch button[value="sv"]')
            assert "Identifieringen lyckades inte. Ingenting sparades." in browser.text("main")
            browser.click('.lang-switch button[value="fi"]')
            assert not [s for s in Session.objects.all() if "_auth_user_id" in s.get_decoded()]
            browser.get("/omapolku/")
            assert browser.path.startswith("/kirjaudu/?next=")
    finally:
        identification._apps.clear()
    assert not AuditEvent.objects.filter(what=AccountEvent.STRONG_IDENTIFICATION_LOGIN.value)
