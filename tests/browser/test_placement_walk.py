"""From choosing a place to a signed decision and a sent notice (S8–S9), in Finnish: the worker
searches the catalogue (refused first) and reads the suggestions, records the introductory visit
and plans the period (each after a refusal that keeps what was typed), notifies the chief shop
steward and drafts the decision; the decision maker makes, signs and delivers it. Both PDFs are fetched with the browser's session, read back by their
text and rendered to PNG pages in tests/browser/screenshots/. Every page is checked by axe-core
at 1280 and 390 px (conftest)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from polku.core import clock
from polku.core.tests.test_documents import pdf_text
from polku.placements.models import (
    Decision,
    DecisionStatus,
    IntroductoryVisit,
    Period,
    PlaceProfile,
    StewardNotice,
)
from polku.placements.selectors import chosen_place
from polku.placements.tests.builders import at_s8
from tests.browser.conftest import Browser
from tests.browser.helpers import fetch_pdf, fill, htmx_submit, render_pages, submit, value_of
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEWARD = "Pirjo Pääluottamus"
STREET = "Salainen katu 5"


def field_errors(browser: Browser, field_id: str) -> str:
    return browser.text(f"#{field_id}_error")


def test_from_the_chosen_place_to_a_signed_decision_and_a_sent_notice(browser: Browser) -> None:
    people = build_people()
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    # The place register: what the suggestions match on, and the chief shop steward (§16).
    PlaceProfile.objects.update_or_create(
        place=place,
        defaults={
            "field": "Puutyö",
            "tasks": "Puutöitä\nHuonekalujen kunnostus",
            "capacity": 3,
            "latitude": Decimal("61.49800"),  # central Tampere, a few km from the client's home
            "longitude": Decimal("23.76100"),
            "steward_name": STEWARD,
        },
    )
    person = relationship.client
    person.street_address = STREET
    person.postal_code = "33100"
    person.city = "Tampere"
    person.save()
    today = clock.today()
    start = today + dt.timedelta(days=21)
    base = f"/tyotoiminta/asiakkuus/{relationship.pk}/"

    browser.login(people.worker.username, PASSWORD)
    browser.screenshot("s8-today")

    # The placement page, the catalogue and the suggestions for the client.
    browser.get(base)
    assert browser.text("#visit-title") == "Tutustumiskäynti"
    assert place.name in browser.text("main")
    browser.screenshot("s8-placement")
    browser.click('main a[href="/tyotoiminta/paikat/"]')
    fill(browser, "id_max_km", "30")
    htmx_submit(browser, "main form.card button[type=submit]", "#results .error-summary")
    assert "Anna postinumero, josta etäisyys mitataan." in browser.text("#results")
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#results table") == []
    fill(browser, "id_home_postal_code", "33100")
    htmx_submit(browser, "main form.card button[type=submit]", "#results table")
    assert place.name in browser.text("#results table")
    browser.screenshot("s8-catalogue")
    browser.get(base)
    browser.click(f'main a[href="{base}ehdotukset/"]')
    fill(browser, "id_interests", "puutyöt")
    browser.click("main form.card button[type=submit]")
    suggestion = browser.driver.find_element(By.CSS_SELECTOR, "ol.suggestions > li:first-child")
    assert place.name in suggestion.text
    assert "”puutyöt” vastaa paikan tehtävää ”Puutöitä”" in suggestion.text
    assert "km kotoa" in suggestion.text
    assert value_of(browser, "id_interests") == "puutyöt"
    browser.screenshot("s8-suggestions")
    browser.screenshot("s8-suggestions-390", width=390)

    # The introductory visit: refused without its date, nothing typed lost; then recorded.
    browser.get(base)
    fill(browser, "id_participants", "Asiakas, vastuutyöntekijä, työnohjaaja")
    fill(browser, "id_place_contact", "Olli Ohjaaja")
    fill(browser, "id_agreed_hours", "ma–ke 9–13")
    fill(browser, "id_agreed_tasks", "Huonekalujen kunnostus")
    fill(browser, "id_handover_summary", "Tarvitsee selkeät ohjeet aamulla.")
    submit(browser, "/aloituskaynti/")
    assert "Tarkista seuraavat kohdat" in browser.text(".error-summary")
    assert "Täytä tämä, jotta käynti voidaan kirjata." in field_errors(browser, "id_visited_on")
    assert value_of(browser, "id_handover_summary") == "Tarvitsee selkeät ohjeet aamulla."
    assert value_of(browser, "id_agreed_hours") == "ma–ke 9–13"
    browser.screenshot("s8-visit-refused")
    fill(browser, "id_visited_on", today.strftime("%d.%m.%Y"))
    browser.driver.find_element(By.ID, "id_worker_present").click()
    browser.driver.find_element(By.ID, "id_reviewed_with_client").click()
    submit(browser, "/aloituskaynti/")
    assert "Tutustumiskäynti kirjattiin." in browser.text(".messages")
    assert "Tarvitsee selkeät ohjeet aamulla." in browser.text("main")
    visit = IntroductoryVisit.objects.get(relationship=relationship)
    assert (visit.place, visit.visited_on) == (place, today)

    # The period: five weekdays of three hours are refused, each message naming its rule.
    browser.click(f'main a[href="{base}jakso/"]')
    Select(browser.driver.find_element(By.ID, "id_place")).select_by_value(str(place.pk))
    Select(browser.driver.find_element(By.ID, "id_kind")).select_by_value("full")
    fill(browser, "id_goal", "Päivärytmi ja työkyvyn arviointi")
    fill(browser, "id_description", "Puutyöt verstaalla ohjaajan tuella")
    fill(browser, "id_tasks", "Huonekalujen kunnostus")
    fill(browser, "id_starts_on", start.strftime("%d.%m.%Y"))
    fill(browser, "id_ends_on", (start + dt.timedelta(days=120)).strftime("%d.%m.%Y"))
    for day in range(5):  # Monday to Friday
        browser.driver.find_element(By.ID, f"id_weekdays_{day}").click()
    fill(browser, "id_hours_per_day", "3")
    fill(browser, "id_support_and_guidance", "Työnohjaaja päivittäin")
    fill(browser, "id_other_services", "Ei muita palveluja")
    fill(browser, "id_evaluate_by", (start + dt.timedelta(days=90)).strftime("%d.%m.%Y"))
    browser.click("main form.card button[type=submit]")
    days_error = field_errors(browser, "id_weekdays")
    assert "enintään 4 päivänä kalenteriviikossa" in days_error
    assert "(189/2001 13 b §)" in days_error
    hours_error = field_errors(browser, "id_hours_per_day")
    assert "vähintään 4 tuntia (189/2001 13 b §)" in hours_error
    assert value_of(browser, "id_goal") == "Päivärytmi ja työkyvyn arviointi"
    assert value_of(browser, "id_other_services") == "Ei muita palveluja"
    assert browser.driver.find_element(By.ID, "id_weekdays_4").is_selected()
    assert not Period.objects.exists()
    browser.screenshot("s9-period-refused")
    browser.screenshot("s9-period-refused-390", width=390)
    browser.driver.find_element(By.ID, "id_weekdays_4").click()  # not on Fridays
    fill(browser, "id_hours_per_day", "5")
    browser.click("main form.card button[type=submit]")
    assert "Työtoimintajakso suunniteltiin." in browser.text(".messages")
    period = Period.objects.get(relationship=relationship)
    assert (period.weekdays, period.hours_per_day, period.starts_on) == ("1234", 5, start)

    # The notice to the chief shop steward: read as a PDF, then recorded as sent.
    browser.click(f'main a[href="/tyotoiminta/jakso/{period.pk}/ilmoitus/"]')
    assert "Ilmoitus pääluottamusmiehelle" in browser.text("h1")
    notice_href = browser.driver.find_element(
        By.CSS_SELECTOR, 'main a[href="?pdf=1"]'
    ).get_attribute("href")
    notice = fetch_pdf(browser, str(notice_href))
    render_pages(notice, "s9-steward-notice-pdf")
    text = pdf_text(notice)
    for expected in (person.full_name, STEWARD, place.name, "Päivärytmi ja työkyvyn arviointi"):
        assert expected in text
    assert person.identity_code
    for secret in (
        person.identity_code,
        person.masked_identity_code,
        STREET,
        person.postal_code,
        "Tampere",
        "Ei muita palveluja",  # other services are not among §9 items 1–3
        "Tarvitsee selkeät ohjeet",  # nor is the hand-over summary
    ):
        assert secret not in text, secret
    fill(browser, "id_sent_on", today.strftime("%d.%m.%Y"))
    Select(browser.driver.find_element(By.ID, "id_method")).select_by_value("electronic")
    browser.click("main form.card button[type=submit]")
    assert "Ilmoitus pääluottamusmiehelle kirjattiin." in browser.text(".messages")
    assert "Pääluottamusmiehelle ilmoitettu" in browser.text("main")
    assert StewardNotice.objects.get(period=period).steward_name == STEWARD

    # The worker drafts the kuty decision for the decision maker.
    browser.click(f'main a[href="{base}paatos/"]')
    Select(browser.driver.find_element(By.ID, "id_kind")).select_by_value("kuty")
    Select(browser.driver.find_element(By.ID, "id_period")).select_by_value(str(period.pk))
    Select(browser.driver.find_element(By.ID, "id_decision_maker")).select_by_value(
        str(people.decision_maker.pk)
    )
    fill(browser, "id_grounds", "Asiakas hyötyy säännöllisestä päivärytmistä.")
    browser.click("main form.card button[type=submit]")
    decision = Decision.objects.get(relationship=relationship)
    assert browser.path == f"/tyotoiminta/paatos/{decision.pk}/"
    assert people.decision_maker.get_full_name() in browser.text("main")
    assert browser.driver.find_elements(By.ID, "id_decided_on") == []  # the worker only drafts
    browser.screenshot("s9-decision-drafted")
    browser.click("header form.logout button[type=submit]")
    assert browser.path.startswith("/kirjaudu/")

    # The decision maker makes, signs and delivers it.
    browser.login(people.decision_maker.username, PASSWORD)
    browser.get(f"/tyotoiminta/paatos/{decision.pk}/")
    fill(browser, "id_decided_on", today.strftime("%d.%m.%Y"))
    submit(browser, "/paata/")
    assert "Päätös tehtiin ja allekirjoitettiin." in browser.text(".messages")
    Select(browser.driver.find_element(By.ID, "id_method")).select_by_value("handed_over")
    fill(browser, "id_sent_on", today.strftime("%d.%m.%Y"))
    submit(browser, "/tiedoksianto/")
    assert "Tiedoksianto kirjattiin." in browser.text(".messages")
    assert "Oikaisuvaatimus viimeistään" in browser.text("main")
    decision.refresh_from_db()
    assert (decision.status, decision.decided_on) == (DecisionStatus.DECIDED, today)
    browser.screenshot("s9-decision-signed")
    browser.screenshot("s9-decision-signed-390", width=390)

    pdf_href = browser.driver.find_element(
        By.CSS_SELECTOR, f'main a[href="/tyotoiminta/paatos/{decision.pk}/pdf/"]'
    ).get_attribute("href")
    made = fetch_pdf(browser, str(pdf_href))
    render_pages(made, "s9-decision-pdf")
    text = pdf_text(made)
    for expected in (
        person.full_name,
        people.decision_maker.get_full_name(),
        place.name,
        "Oikaisuvaatimusohje",
    ):
        assert expected in text, expected
