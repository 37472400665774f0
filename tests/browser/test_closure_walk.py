"""The closure pages as a user meets them (S13–S14), in Finnish: the place supervisor finds the
certificate to draft and saves it; the worker makes the follow-up plan (refused first, the
typed text kept), gives the certificate, and ends the relationship. Every page is checked by
axe-core (conftest)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from polku.clients.models import ClientRelationship, Stage
from polku.closure.models import CertificateStatus
from polku.closure.tests.builders import ended, ended_period
from polku.core import clock
from tests.browser.conftest import Browser
from tests.browser.helpers import fill, submit
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_certificate_follow_up_plan_and_end(browser: Browser) -> None:
    people = build_people()
    period = ended_period(people)
    relationship = period.relationship

    browser.login(people.place_supervisor.username, PASSWORD)
    browser.get("/jatko/todistukset/")
    assert relationship.client.last_name in browser.text("main")
    browser.click("main table a")
    fill(browser, "id_skills_shown", "Täsmällisyys\nYhteistyö")
    browser.submit_and_wait()
    assert "Todistus tallennettiin" in browser.text()

    browser.login(people.worker.username, PASSWORD)
    browser.get(f"/jatko/jakso/{period.pk}/jatkosuunnitelma/")
    Select(browser.driver.find_element(By.ID, "id_destination")).select_by_value("other")
    fill(browser, "id_next_step", "Tapaaminen TE-palveluissa")
    fill(browser, "id_next_on", clock.today().strftime("%d.%m.%Y"))
    fill(browser, "id_responsible", "Sanna Ohjaaja")
    browser.submit_and_wait()
    assert "Kuvaa muu jatkopaikka" in browser.text()
    assert "Tapaaminen TE-palveluissa" in browser.driver.find_element(By.ID, "id_next_step").text
    fill(browser, "id_destination_detail", "Vapaaehtoistyö")
    browser.submit_and_wait()
    assert "Jatkosuunnitelma tallennettiin" in browser.text()

    browser.get(f"/jatko/jakso/{period.pk}/todistus/")
    submit(browser, "/todistus/anna/")
    assert "Annettu asiakkaalle" in browser.text("main")
    assert period.certificate.status == CertificateStatus.GIVEN

    browser.get(f"/jatko/asiakkuus/{relationship.pk}/")
    assert "asiakkuus poistuu asiakaslistaltasi" in browser.text("main")
    Select(browser.driver.find_element(By.ID, "id_destination")).select_by_value("studies")
    browser.click("#id_no_further_need")
    submit(browser, "/paata/")
    assert "Asiakkuus on päättynyt" in browser.text()
    relationship = ClientRelationship.objects.get(pk=relationship.pk)
    assert relationship.stage == Stage.S14_CLOSED
    assert "Yhteydenotto kuukauden kuluttua" in browser.text("main")


def test_the_follow_up_contact_not_reached_then_no_more_attempts(browser: Browser) -> None:
    """S14 → S15 when the client cannot be reached: an attempt not reached keeps the contact
    due ("call again"), no more attempts needs the reason, then the contact is concluded."""
    people = build_people()
    relationship = ended(people, days_ago=40)

    browser.login(people.worker.username, PASSWORD)
    browser.get(f"/jatko/asiakkuus/{relationship.pk}/")
    browser.click("#id_outcome_1")  # not reached: I will try again
    submit(browser, "/yhteydenotto/")
    assert "Yhteydenotto kirjattiin" in browser.text()
    assert "Asiakasta ei ole tavoitettu: soita uudelleen" in browser.text("main")
    assert ClientRelationship.objects.get(pk=relationship.pk).stage == Stage.S14_CLOSED

    browser.click("#id_outcome_2")  # no more attempts, without the reason
    submit(browser, "/yhteydenotto/")
    assert "Kirjoita, miksi asiakasta ei enää yritetä tavoittaa." in browser.text("main")
    fill(browser, "id_stop_reason", "Puhelinnumero ei ole käytössä; kirje lähetetty.")
    browser.click("#id_outcome_2")
    submit(browser, "/yhteydenotto/")
    assert "Ei tavoitettu: uusia yrityksiä ei tehdä: Puhelinnumero" in browser.text("main")
    assert ClientRelationship.objects.get(pk=relationship.pk).stage == Stage.S15_FOLLOW_UP_CALL
