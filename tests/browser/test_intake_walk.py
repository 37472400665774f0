"""A new worker walks S1–S3 in the browser: intake, naming, booking, the first meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from polku.clients import identity
from polku.clients.models import ClientRelationship, MeetingStatus
from polku.core import clock
from tests.browser.conftest import Browser
from tests.browser.helpers import fill
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_walks_intake_to_first_meeting(browser: Browser) -> None:
    people = build_people()
    code = identity.build_code(dt.date(1985, 6, 1), 966, sign="-")
    browser.login(people.worker.username, PASSWORD)
    browser.screenshot("s0-desk")

    # S1: duplicate check first, then a new client.
    browser.click('a[href="/asiakkaat/haku/"]')
    fill(browser, "id_identity_code", code)
    browser.click("main form button[type=submit]")
    assert "asiakasta ei löytynyt" in browser.text("main")
    browser.click('a[href="/asiakkaat/uusi/"]')
    fill(browser, "id_first_name", "Veikko")
    fill(browser, "id_last_name", "Polkunen")
    fill(
        browser, "id_identity_code", code[:-1] + ("A" if code[-1] != "A" else "B")
    )  # wrong check character
    fill(browser, "id_reason", "Pitkäaikainen työttömyys.")
    Select(browser.driver.find_element(By.ID, "id_source")).select_by_value("kela")
    browser.click("main form.card button[type=submit]")
    assert "Tarkista seuraavat" in browser.text(".error-summary")
    assert (
        browser.driver.find_element(By.ID, "id_reason").get_attribute("value")
        == "Pitkäaikainen työttömyys."
    )
    browser.screenshot("s1-intake-error")
    fill(browser, "id_identity_code", code)
    browser.click("main form.card button[type=submit]")
    assert "Polkunen" in browser.text("h1")
    browser.screenshot("s1-client-page")

    # S2: the intake queue and naming oneself.
    browser.get("/asiakkaat/saapuneet/")
    assert "Polkunen" in browser.text("main")
    browser.screenshot("s2-intake-queue")
    relationship = ClientRelationship.objects.get(client__last_name="Polkunen")
    browser.get(f"/asiakkaat/asiakkuus/{relationship.pk}/vastuutyontekija/")
    browser.click("main form button[type=submit]")
    assert "Sanna Ohjaaja" in browser.text("main")

    # S3: book the first meeting, then record it after it was held.
    browser.click(f'a[href="/asiakkaat/asiakkuus/{relationship.pk}/tapaaminen/"]')
    day = clock.today() + dt.timedelta(days=3)
    fill(browser, "id_date", day.strftime("%d.%m.%Y"))
    fill(browser, "id_time", "10.00")
    browser.driver.find_element(By.CSS_SELECTOR, 'input[value="in_person"]').click()
    browser.click("main form button[type=submit]")
    assert "1. tapaaminen" in browser.text("main")
    browser.screenshot("s3-meeting-booked")
    meeting = relationship.meetings.get()
    browser.get(f"/asiakkaat/tapaamiset/{meeting.pk}/")
    fill(browser, "id_overall_situation", "Asuu yksin, päivärytmi hukassa.")
    browser.driver.find_element(By.ID, "id_informed_rights").click()
    browser.driver.find_element(By.ID, "id_mark_held").click()
    browser.screenshot("s3-meeting-record")
    browser.click("main form button[type=submit]")
    # Not held yet, and the checklist is incomplete: both are named, nothing typed is lost.
    summary = browser.text(".error-summary")
    assert "Velvollisuudet" in summary
    assert (
        browser.driver.find_element(By.ID, "id_overall_situation").get_attribute("value")
        == "Asuu yksin, päivärytmi hukassa."
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.BOOKED
    browser.get(f"/asiakkaat/{relationship.client_id}/")
    assert "Aikajana" in browser.text("main")
    browser.screenshot("s3-client-page-timeline")
