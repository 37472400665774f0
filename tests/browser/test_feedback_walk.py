"""The client gives feedback on a phone (issue 19 item 5), in Finnish and in Swedish: from the
feedback page to the end-of-period survey, refused for nothing answered with what was typed
kept, then sent; then the complaint instructions and form, refused empty, then sent and seen
with its state. Every page is checked by axe-core at 1280 and 390 px (conftest); the walk runs
at a phone's width."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from polku.feedback.models import Complaint, SurveyReceipt, SurveyResponse
from tests.browser.conftest import PHONE_WIDTH, Browser
from tests.factories import PASSWORD
from tests.people import build_people
from tests.url_matrix import survey_period_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fi": {
        "survey": "Kysely jaksostasi",
        "answer": "Vastaa kyselyyn",
        "empty": "Vastaa ainakin yhteen kysymykseen",
        "thanks": "Kiitos vastauksistasi!",
        "how": "Näin teet muistutuksen",
        "write": "Kirjoita muistutus",
        "what": "Kirjoita, mitä tapahtui.",
        "received": "Vastaanotettu",
    },
    "sv": {
        "survey": "Enkät om din period",
        "answer": "Svara på enkäten",
        "empty": "Svara på minst en fråga",
        "thanks": "Tack för dina svar!",
        "how": "Så gör du en anmärkning",
        "write": "Skriv en anmärkning",
        "what": "Skriv vad som hände.",
        "received": "Mottagen",
    },
}


def fill(browser: Browser, field_id: str, value: str) -> None:
    element = browser.driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_client_answers_the_survey_and_makes_a_complaint_on_a_phone(
    browser: Browser, language: str
) -> None:
    people = build_people()
    period = survey_period_of(people)
    people.client.language = language
    people.client.save(update_fields=["language"])
    words = WORDS[language]
    browser.driver.set_window_size(PHONE_WIDTH, 844)
    try:
        browser.login(people.client.username, PASSWORD)
        browser.get("/palaute/")
        assert words["answer"] in browser.text("main")
        browser.click(f'main a[href="/palaute/kysely/{period.pk}/"]')
        assert words["survey"] in browser.text("h1")
        fill(browser, "id_comment_place", " ")
        browser.submit_and_wait()
        assert words["empty"] in browser.text(".error-summary")
        browser.driver.find_element(By.ID, "id_score_planning_3").click()
        browser.driver.find_element(By.ID, "id_score_place_2").click()
        fill(browser, "id_comment_place", "Hyvä paikka")
        browser.screenshot(f"feedback-survey-{language}-phone", width=PHONE_WIDTH)
        browser.submit_and_wait()
        assert browser.path == "/palaute/"
        assert words["thanks"] in browser.text(".messages")
        browser.click('main a[href="/palaute/muistutus/"]')
        assert words["how"] in browser.text("h1")
        browser.screenshot(f"feedback-complaint-info-{language}-phone", width=PHONE_WIDTH)
        browser.click('main a[href="/palaute/muistutus/uusi/"]')
        assert words["write"] in browser.text("h1")
        fill(browser, "id_wish", "Vastaus kirjeellä")
        browser.submit_and_wait()
        assert words["what"] in browser.text(".error-summary")
        value = browser.driver.find_element(By.ID, "id_wish").get_attribute("value")
        assert value == "Vastaus kirjeellä"  # nothing typed is lost
        fill(browser, "id_what_happened", "Minua ei kuunneltu palaverissa.")
        browser.screenshot(f"feedback-complaint-form-{language}-phone", width=PHONE_WIDTH)
        browser.submit_and_wait()
        assert browser.path == "/palaute/muistutus/"
        assert words["received"] in browser.text("main")
    finally:
        browser.driver.set_window_size(1280, 900)
    assert SurveyReceipt.objects.get().period_id == period.pk
    assert {(a.statement, a.score) for a in SurveyResponse.objects.get().answers.all()} == {
        ("planning", 4),
        ("place", 3),
    }
    assert Complaint.objects.get().what_happened == "Minua ei kuunneltu palaverissa."
    assert {"/palaute/", f"/palaute/kysely/{period.pk}/", "/palaute/muistutus/uusi/"} <= set(
        browser.checked
    )
