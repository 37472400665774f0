"""A client asks in OmaPolku who has read their data (703/2023 §11), on a phone (390 px), in
Finnish and in Swedish: from "My documents" to the page, the request sent with the date the
report comes, a second request refused plainly. axe-core checks every page (conftest)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from polku.core.rules import day_label
from polku.records.models import LogRequest
from tests.browser.conftest import PHONE_WIDTH, Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fi": {
        "title": "Kuka on katsonut tietojani",
        "free": "maksuton",
        "sent": "Pyyntösi on lähetetty. Saat selvityksen viimeistään",
        "waiting": "Sinun ei tarvitse pyytää uudelleen.",
    },
    "sv": {
        "title": "Vem har läst mina uppgifter",
        "free": "avgiftsfri",
        "sent": "Din begäran är skickad. Du får rapporten senast",
        "waiting": "Du behöver inte be igen.",
    },
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_client_asks_for_the_log_report_on_a_phone(browser: Browser, language: str) -> None:
    people = build_people()
    words = WORDS[language]
    browser.driver.set_window_size(PHONE_WIDTH, 844)
    try:
        browser.login(people.client.username, PASSWORD)
        if language == "sv":
            browser.click('button[name="language"][value="sv"]')
        browser.get("/omapolku/asiakirjat/")
        browser.click('main a[href="/rekisteri/oma/lokitiedot/"]')
        assert words["title"] in browser.text("h1")
        assert words["free"] in browser.text("main")
        browser.check_phone_width()
        browser.screenshot(f"own-log-request-{language}-phone", width=PHONE_WIDTH)
        browser.submit_and_wait()
        request = LogRequest.objects.get()
        assert words["sent"] in browser.text("body")
        assert day_label(request.due_on) in browser.text("main")
        # While it waits, the page says so and offers no second request.
        assert words["waiting"] in browser.text("main")
        assert not browser.driver.find_elements(By.CSS_SELECTOR, "main form button")
        assert LogRequest.objects.count() == 1
        browser.screenshot(f"own-log-request-again-{language}-phone", width=PHONE_WIDTH)
    finally:
        browser.driver.set_window_size(1280, 900)
    assert "/rekisteri/oma/lokitiedot/" in browser.checked
