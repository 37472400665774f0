"""Each role logs in, lands on its own start page in Finnish, and every page passes axe-core."""

from __future__ import annotations

import logging

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START_PAGES = {
    "worker": ("/polku/tanaan/", "Tänään"),
    "decision_maker": ("/polku/tanaan/", "Tänään"),
    "place_supervisor": ("/tyotoimintapaikka/", "Toimintakeskus Testi"),
    "manager": ("/johto/", "Yksiköt"),
    "client": ("/omapolku/", "OmaPolku"),
    "employment_official": ("/polku/yhteiset/", "Yhteiset"),
    "administrator": ("/paakayttaja/", "Käyttäjät"),
}


def test_each_role_lands_on_its_start_page(
    browser: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    people = build_people()
    caplog.set_level(logging.DEBUG, logger="django")
    caplog.set_level(logging.DEBUG, logger="polku")
    for role, (path, expected_text) in START_PAGES.items():
        user = getattr(people, role)
        browser.login(user.username, PASSWORD)
        assert browser.path == path, role
        page = browser.text()
        assert user.first_name in page
        assert expected_text in page, role
        browser.screenshot(f"start-{role}")
        # The header names the user's units.
        assert browser.text(".who__units")
        browser.click(".logout button")
        assert browser.path.startswith("/kirjaudu/")

    # Nothing of a client's data went into the log lines of the whole run.
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(("django", "polku", "axes"))
    )
    assert people.client_record.identity_code
    assert people.client_record.identity_code not in logged
    assert people.client_record.last_name not in logged


def test_login_errors_and_language_switch(browser: Browser) -> None:
    people = build_people()
    browser.get("/kirjaudu/")
    browser.driver.find_element(By.ID, "id_username").send_keys(people.worker.username)
    browser.driver.find_element(By.ID, "id_password").send_keys("väärä salasana")
    browser.click("main form button[type=submit]")
    assert "Tarkista" in browser.text(".error-summary")
    # What was typed stays in the form (except the password).
    typed = browser.driver.find_element(By.ID, "id_username").get_attribute("value")
    assert typed == people.worker.username
    browser.screenshot("login-error")

    browser.login(people.worker.username, PASSWORD)
    browser.click('button[name="language"][value="sv"]')
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    assert "I dag" in browser.text("nav")
    assert "Hej, Sanna" in browser.text("h1")
    browser.screenshot("start-worker-sv")
    browser.click('button[name="language"][value="en"]')
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    browser.get("/yksikot/")
    assert "Aikuissosiaalityö, Testilä" in browser.text("main")
    browser.screenshot("units-en")
    browser.get(f"/yksikot/{people.unit.pk}/")
    assert people.worker.last_name in browser.text("main")
    browser.get("/yksikot/999999/")
    assert "Page not found" in browser.text("main")


def test_phone_layout_for_clients(browser: Browser) -> None:
    people = build_people()
    browser.driver.set_window_size(390, 844)
    try:
        browser.login(people.client.username, PASSWORD)
        assert "Kalle" in browser.text("h1")
        browser.screenshot("start-client-phone", width=390)
    finally:
        browser.driver.set_window_size(1280, 900)


def test_the_language_chosen_on_the_login_page_is_the_logins_and_saved(browser: Browser) -> None:
    """A client whose saved language is Finnish chooses svenska on the login page: OmaPolku
    opens in Swedish after the login (not in the saved Finnish) and Swedish is saved as theirs."""
    people = build_people()
    assert people.client.language == "fi"
    browser.driver.delete_all_cookies()
    browser.get("/kirjaudu/")
    browser.click('.lang-switch button[value="sv"]')
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    browser.driver.find_element(By.ID, "id_username").send_keys(people.client.username)
    browser.driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.submit_and_wait()
    assert browser.path == "/omapolku/"
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    people.client.refresh_from_db()
    assert people.client.language == "sv"
