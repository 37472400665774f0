"""The client reports an absence from their phone (OmaPolku, issue 16): from the start page to
the form, refused for a past day with what was typed kept, then sent for their next day, seen on
the start page and on "my days". Every page is checked by axe-core at 1280 and 390 px
(conftest); the walk itself runs at a phone's width."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from selenium.webdriver.common.by import By

from polku.accounts.roles import Role
from polku.attendance.days import CellKind
from polku.attendance.models import AttendanceDay, Source
from polku.attendance.tests.builders import running_period
from polku.core import clock
from polku.core.rules import add_months, day_label
from polku.portal.selectors import period_days
from tests.browser.conftest import PHONE_WIDTH, Browser
from tests.factories import PASSWORD, role_user
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(browser: Browser, field_id: str, value: str) -> None:
    element = browser.driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def test_the_client_reports_an_absence_on_a_phone(browser: Browser) -> None:
    people = build_people()
    period = running_period(people)
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma.asiakas")
    person.save(update_fields=["user"])
    today = clock.today()
    next_day = next(
        cell.day
        for cell in period_days([period], today + dt.timedelta(days=1), period.ends_on)[0].cells
        if cell.kind == CellKind.EXPECTED
    )
    week_end = next_day + dt.timedelta(days=7)
    later_days = [
        cell.day
        for cell in period_days([period], next_day + dt.timedelta(days=1), week_end)[0].cells
        if cell.kind == CellKind.EXPECTED
    ]
    assert later_days, "the period has another day within the week"
    browser.driver.set_window_size(PHONE_WIDTH, 844)
    try:
        browser.login("oma.asiakas", PASSWORD)
        assert browser.path == "/omapolku/"
        browser.click('main a[href="/omapolku/poissaolo/"]')
        assert "Ilmoita poissaolosta" in browser.text("h1")
        fill(browser, "id_first_day", day_label(today - dt.timedelta(days=1)))
        browser.driver.find_element(By.ID, "id_reason_0").click()
        fill(browser, "id_note", "Menen lääkäriin.")
        browser.submit_and_wait()
        assert "Voit ilmoittaa tämän päivän tai myöhemmän päivän." in browser.text(".error-summary")
        note = browser.driver.find_element(By.ID, "id_note").get_attribute("value")
        assert note == "Menen lääkäriin."  # nothing typed is lost
        assert browser.driver.find_element(By.ID, "id_reason_0").is_selected()
        fill(browser, "id_first_day", day_label(next_day))
        browser.submit_and_wait()
        assert browser.path == "/omapolku/"
        assert day_label(next_day) in browser.text(".messages")
        assert day_label(next_day) in browser.text("main")
        browser.screenshot("portal-absence-reported-phone", width=PHONE_WIDTH)
        # A week from that day again: the free days are marked, the day already marked is
        # left as it was and named.
        browser.click('main a[href="/omapolku/poissaolo/"]')
        fill(browser, "id_first_day", day_label(next_day))
        fill(browser, "id_last_day", day_label(week_end))
        browser.driver.find_element(By.ID, "id_reason_0").click()
        browser.submit_and_wait()
        assert browser.path == "/omapolku/"
        warning = browser.text(".message--warning")
        assert f"{day_label(next_day)} ({period.place.name})" in warning
        assert day_label(later_days[0]) in browser.text(".message--success")
        browser.screenshot("portal-absence-already-marked-phone", width=PHONE_WIDTH)
        browser.click('main a[href="/omapolku/paivani/"]')
        assert "Sinun päiväsi" in browser.text("h1")
        assert "Päiviä jäljellä" in browser.text("main")
        browser.screenshot("portal-my-days-phone", width=PHONE_WIDTH)
        # Month by month over the period: the previous month (the period began four weeks
        # ago), then back to this one by the next month's link.
        this_month = today.replace(day=1)
        if period.starts_on < this_month:
            before = add_months(this_month, -1)
            browser.click('main a[rel="prev"]')
            assert browser.driver.current_url.endswith(f"?kk={before:%Y-%m}")
            with translation.override("fi"):
                assert browser.text("#month-title") == capfirst(date_format(before, "F Y"))
            browser.screenshot("portal-my-days-previous-month-phone", width=PHONE_WIDTH)
            browser.click('main a[rel="next"]')
            assert "Tämä kuukausi" in browser.text("#month-title")
    finally:
        browser.driver.set_window_size(1280, 900)
    assert sorted(AttendanceDay.objects.values_list("day", flat=True)) == [next_day, *later_days]
    record = AttendanceDay.objects.get(day=next_day)
    assert (record.day, record.reason, record.reported_via) == (
        next_day,
        "own_illness",
        Source.CLIENT,
    )
    assert {"/omapolku/", "/omapolku/poissaolo/", "/omapolku/paivani/"} <= set(browser.checked)
