"""The responsible worker's attendance pages and the place's interruption page in a browser,
with axe-core on each (the Browser checks every page it visits)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from polku.attendance.models import AbsenceContact, Interruption
from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.core import clock
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_worker_records_a_contact_and_the_place_reports_an_interruption(
    browser: Browser,
) -> None:
    people = build_people()
    period = running_period(people, weekdays="123")
    day = period.starts_on + dt.timedelta(days=7)  # a Monday of the period, in the past
    absence = day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=day,
            status="absent",
            reason="other",
            notice="not_reported",
            correction_reason="Jälkikirjaus",
        ),
    )
    browser.login(people.worker.username, PASSWORD)
    url = reverse("attendance:period_attendance", args=[period.pk])
    browser.get(f"{url}?paiva={day.isoformat()}")
    assert "Korjaa päivä" in browser.text("#day-title")
    browser.get(f"{url}?kk={day:%Y-%m}")
    form = browser.driver.find_element(By.CSS_SELECTOR, "form input[value=contact]").find_element(
        By.XPATH, ".."
    )
    Select(form.find_element(By.ID, "id_absence")).select_by_value(str(absence.pk))
    form.find_element(By.ID, "id_contacted_on").send_keys(clock.today().strftime("%-d.%-m.%Y"))
    form.find_element(By.ID, "id_channel").send_keys("Puhelu")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    browser.wait_for_the_new_document()
    browser.check_accessibility()
    contact = AbsenceContact.objects.get()
    assert contact.absence_id == absence.pk
    browser.login(people.place_supervisor.username, PASSWORD)
    browser.get(reverse("attendance:place_interruption", args=[period.pk]))
    browser.driver.find_element(By.ID, "id_starts_on").send_keys(
        clock.today().strftime("%-d.%-m.%Y")
    )
    browser.driver.find_element(By.ID, "id_reason").send_keys("Terveys")
    browser.driver.find_element(By.ID, "id_initiated_by").send_keys("Asiakas")
    browser.submit_and_wait()
    assert Interruption.objects.filter(period=period, outcome="").exists()
    browser.login(people.worker.username, PASSWORD)
    stop = Interruption.objects.get()
    browser.get(reverse("attendance:interruption", args=[stop.pk]))
    assert "Selvitä asiakkaan kanssa ja ratkaise" in browser.text()
