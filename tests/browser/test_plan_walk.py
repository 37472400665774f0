"""A worker walks S4–S7 in Finnish and in Swedish: the activation plan from the notice to the
second plan, with every page checked by axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from polku.clients.models import Stage
from polku.core import clock
from polku.pathways.models import ActivationPlan, PlanStatus
from tests.browser.conftest import Browser
from tests.browser.helpers import fill, submit
from tests.builders import relationship_after_first_meeting
from tests.factories import PASSWORD, PlaceFactory
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_worker_walks_the_activation_plan(browser: Browser, language: str) -> None:
    people = build_people()
    second_place = PlaceFactory.create(name="Kierrätyskeskus Testi", parent=people.organiser)
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    today = clock.today().strftime("%d.%m.%Y")
    browser.login(people.worker.username, PASSWORD)
    if language == "sv":
        browser.click('button[name="language"][value="sv"]')
    browser.screenshot(f"s4-today-{language}")

    # S4: the service-need assessment, completed (read-only afterwards).
    browser.get(f"/polku/asiakkuus/{relationship.pk}/suunnitelmat/arviointi/")
    fill(browser, "id_summary", "Pitkittynyt työttömyys, päivärytmi puuttuu.")
    fill(browser, "id_conclusion", "Kuntouttava työtoiminta tukee päivärytmiä.")
    fill(browser, "id_client_view", "Haluan päästä porukkaan.")
    browser.driver.find_element(By.ID, "id_complete").click()
    browser.screenshot(f"s4-assessment-{language}")
    browser.click("main form.card button[type=submit]")
    assert "Haluan päästä porukkaan." in browser.text("main")
    assert browser.driver.find_elements(By.ID, "id_summary") == []  # read-only now

    browser.get(f"/polku/asiakkuus/{relationship.pk}/suunnitelmat/")
    browser.screenshot(f"s4-plans-{language}")
    submit(browser, "/aktivointisuunnitelma/")
    plan = ActivationPlan.objects.get(relationship=relationship)
    assert browser.path == f"/polku/suunnitelma/{plan.pk}/"

    # S5: notice, parties, §8 contents and the information given.
    fill(browser, "id_notice_given_on", today)
    Select(browser.driver.find_element(By.ID, "id_notice_method")).select_by_value("meeting")
    fill(browser, "id_official_name", "Tiina Työllisyys")
    fill(browser, "id_education", "Ammattikoulu")
    fill(browser, "id_agreed_measures", "Kuntouttava työtoiminta 3 pv/vko")
    browser.driver.find_element(By.ID, "id_last_resort_informed").click()
    browser.driver.find_element(By.ID, "id_benefits_informed").click()
    browser.click("main form.card button[type=submit]")
    for place in (people.place, second_place):
        Select(browser.driver.find_element(By.ID, "id_kind")).select_by_value("place")
        Select(browser.driver.find_element(By.ID, "id_place")).select_by_value(str(place.pk))
        submit(browser, "/vaihtoehto/")
    assert second_place.name in browser.text("main")
    browser.screenshot(f"s5-plan-draft-{language}")

    for party, name in (
        ("client", relationship.client.full_name),
        ("worker", "Sanna Ohjaaja"),
        ("official", "Tiina Työllisyys"),
    ):
        Select(browser.driver.find_element(By.ID, "id_party")).select_by_value(party)
        fill(browser, "id_signer_name", name)
        fill(browser, "id_signed_on", today)
        submit(browser, "/allekirjoitus/")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SIGNED
    assert plan.review_due is not None

    # S6: the decision date and a visit.
    fill(browser, "id_reflection_due", (clock.today() + dt.timedelta(days=10)).strftime("%d.%m.%Y"))
    submit(browser, "/pohdinta/")
    fill(browser, "id_visited_on", today)
    fill(browser, "id_impression", "Mukava paikka")
    submit(browser, "/tutustuminen/")
    assert "Mukava paikka" in browser.text("main")
    browser.screenshot(f"s6-reflection-{language}")
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S6_REFLECTION

    # S7: the second plan records the chosen option.
    option = plan.options.get(place=second_place)
    Select(browser.driver.find_element(By.ID, "id_chosen_option")).select_by_value(str(option.pk))
    submit(browser, "/toinen/")
    second = ActivationPlan.objects.get(relationship=relationship, round=2)
    assert browser.path == f"/polku/suunnitelma/{second.pk}/"
    assert second_place.name in browser.text("main")
    heading = browser.text("h1")
    assert ("Aktiveringsplan" if language == "sv" else "Aktivointisuunnitelma") in heading
    browser.screenshot(f"s7-second-plan-{language}")
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S7_SECOND_PLAN
