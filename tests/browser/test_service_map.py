"""The service map in a browser: a worker finds an opportunity by keyboard only (words typed,
Enter, Tab to the link, Enter), every page passing axe-core and keeping to 390 px; the client
reads the public ones in OmaPolku and the place supervisor at the place."""

from __future__ import annotations

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from polku.network.tests.builders import opportunity, partner
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Puuseppäkoulutus verstaalla"


def test_a_worker_finds_an_opportunity_on_the_service_map_by_keyboard(browser: Browser) -> None:
    people = build_people()
    school = partner(people.manager, name="Järvilaakson ammattiopisto", field="koulutus")
    opportunity(people.manager, school, title=TITLE, kind="training")
    shop = partner(people.manager, name="Kierto ja Korjaus Oy", field="kierrätys")
    opportunity(people.manager, shop, title="Työkokeilu myymälässä", public=False)

    browser.login(people.worker.username, PASSWORD)
    browser.get(reverse("network:map"))
    assert "Palvelukartta" in browser.text("h1")
    browser.screenshot("service-map")
    browser.screenshot("service-map-phone", width=390)
    words = browser.driver.find_element(By.ID, "id_text")
    words.send_keys("puuseppä", Keys.ENTER)  # htmx swaps the results in place
    WebDriverWait(browser.driver, 10).until(
        lambda d: "Kierto ja Korjaus" not in d.find_element(By.ID, "results").text
    )
    assert TITLE in browser.text("#results")
    browser.driver.execute_script("window.polkuChecked = false")  # the same document, swapped
    browser.check_accessibility()
    # The language switch returns to the search as it now is (sent again with the results).
    back = browser.driver.find_element(By.CSS_SELECTOR, '#lang-switch input[name="next"]')
    assert "text=puusepp%C3%A4" in (back.get_attribute("value") or "")
    browser.click('.lang-switch button[value="sv"]')
    assert "text=puusepp" in browser.path
    assert TITLE in browser.text("#results")
    assert "Kierto ja Korjaus" not in browser.text("#results")
    browser.click('.lang-switch button[value="fi"]')
    for _step in range(30):
        browser.driver.switch_to.active_element.send_keys(Keys.TAB)
        if browser.driver.switch_to.active_element.text == TITLE:
            break
    else:
        pytest.fail("the opportunity's link was not reached by Tab")
    browser.driver.switch_to.active_element.send_keys(Keys.ENTER)
    browser.check_accessibility()
    assert browser.text("h1") == TITLE
    assert "Järvilaakson ammattiopisto" in browser.text("main")

    browser.login(people.client.username, PASSWORD)
    browser.get(reverse("portal:client_start"))
    browser.click(f'a[href="{reverse("network:own_opportunities")}"]')
    assert TITLE in browser.text("main")
    assert "Työkokeilu myymälässä" not in browser.text("main")
    browser.screenshot("own-opportunities-phone", width=390)

    browser.login(people.place_supervisor.username, PASSWORD)
    browser.get(reverse("network:place_opportunities"))
    assert TITLE in browser.text("main")
