"""The eligibility page in a browser, in Finnish and Swedish: a refused input, the saved route
with its reasons, and the benefit-sanction section; axe-core at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from polku.clients.models import Client
from polku.eligibility.models import EligibilityCheck
from tests.browser.conftest import PHONE_WIDTH, Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fi": {
        "title": "Oikeutus kuntouttavaan työtoimintaan",
        "informs": "Polku kertoo, viranhaltija päättää.",
        "refused": "Viimeisen 12 kalenterikuukauden päiviä ei voi olla enemmän kuin päiviä yhteensä.",
        "route": "Aktivointisuunnitelma",
        "cited": "sääntö voimassa 1.1.2025–31.12.2025",
        "sanction": "sääntöjen mukaan 14 päivää ilman etuutta",
    },
    "sv": {
        "title": "Rätt till arbetsverksamhet i rehabiliteringssyfte",
        "informs": "Polku informerar, tjänsteinnehavaren beslutar.",
        "refused": "Dagarna under de senaste 12 kalendermånaderna kan inte vara fler än dagarna totalt.",
        "route": "Aktiveringsplan",
        "cited": "regeln gäller 1.1.2025–31.12.2025",
        "sanction": "enligt reglerna 14 dagar utan förmån",
    },
}


def fill(browser: Browser, total: str, year: str) -> None:
    for name, value in (
        ("assessed_on", "31.12.2025"),
        ("subsidy_days_total", total),
        ("subsidy_days_12m", year),
    ):
        field = browser.driver.find_element(By.ID, f"id_{name}")
        field.clear()
        field.send_keys(value)
    browser.driver.find_element(
        By.CSS_SELECTOR, 'input[name="social_assistance_main_income"][value="no"]'
    ).click()
    browser.driver.find_element(
        By.CSS_SELECTOR, 'input[name="employment_plan"][value="employment_plan"]'
    ).click()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_eligibility_page(browser: Browser, language: str) -> None:
    people = build_people()
    Client.objects.filter(pk=people.client_record.pk).update(birth_date=dt.date(1990, 3, 1))
    words = WORDS[language]
    address = reverse("eligibility:eligibility", args=[people.relationship.pk])

    browser.login(people.worker.username, PASSWORD)
    if language == "sv":
        browser.click('button[name="language"][value="sv"]')
    browser.get(address)
    assert words["title"] in browser.text("h1")
    assert words["informs"] in browser.text()

    fill(browser, total="100", year="200")
    browser.submit_and_wait()
    assert words["refused"] in browser.text()
    assert not EligibilityCheck.objects.exists()
    browser.screenshot(f"eligibility-refused-{language}")

    fill(browser, total="600", year="200")
    browser.submit_and_wait()
    assert EligibilityCheck.objects.get().route == "activation_plan"
    text = browser.text()
    assert words["route"] in text
    assert words["cited"] in text

    browser.get(address + "?failures=3")
    assert words["sanction"] in browser.text()
    browser.screenshot(f"eligibility-{language}")

    # axe once more with the page laid out at a phone's width, not only measured there.
    browser.driver.set_window_size(PHONE_WIDTH, 900)
    try:
        browser.get(address + "?failures=4")
        browser.screenshot(f"eligibility-phone-{language}", width=PHONE_WIDTH)
    finally:
        browser.driver.set_window_size(1280, 900)
