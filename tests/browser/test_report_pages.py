"""The month report's pages in a browser: the worker's client, the place, the organiser; each
passes axe-core and keeps to a phone's width (the wide tables scroll in their own frame)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.attendance.tests.test_report_pages import last
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_month_reports_in_a_browser(browser: Browser) -> None:
    people = build_people()
    period = running_period(people, weekdays="123")
    day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=last(0), status="present")
    )
    month = f"?kuukausi={last(0):%Y-%m}"
    client_name = period.relationship.client.last_name

    browser.login(people.worker.username, PASSWORD)
    browser.get(reverse("attendance:report_period", args=[period.pk]) + month)
    assert "Osallistumispäivät" in browser.text()
    assert "Läsnä, 6 h" in browser.text()
    browser.screenshot("report-period")

    browser.login(people.place_supervisor.username, PASSWORD)
    browser.get(reverse("attendance:report_place", args=[people.place.pk]) + month)
    assert client_name in browser.text()
    browser.screenshot("report-place")

    browser.login(people.manager.username, PASSWORD)
    browser.get(reverse("attendance:report_organiser", args=[people.organiser.pk]) + month)
    assert people.place.name in browser.text()
    assert client_name not in browser.text()
    browser.screenshot("report-organiser")
