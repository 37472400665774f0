"""The configuration site's place register as the administrator meets it: the index, the list of
place profiles, a new profile and an existing one, each page passing axe-core."""

from __future__ import annotations

import datetime as dt

import pytest

from polku.placements.models import ClosedDay, PlaceProfile
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_place_register_pages_pass_axe(browser: Browser) -> None:
    people = build_people()
    profile = PlaceProfile.objects.create(
        place=people.place,
        field="Puutyöt",
        tasks="Puusepäntyöt",
        weekdays="1234",
        opens_at=dt.time(8),
        closes_at=dt.time(15),
        capacity=3,
    )
    ClosedDay.objects.create(profile=profile, day=dt.date(2026, 12, 24), reason="Jouluaatto")
    browser.login(people.administrator.username, PASSWORD)
    for path in (
        "/hallinta/",
        "/hallinta/placements/",
        "/hallinta/placements/placeprofile/",
        "/hallinta/placements/placeprofile/add/",
        f"/hallinta/placements/placeprofile/{profile.pk}/change/",
    ):
        browser.get(path)
        assert browser.path == path
        assert browser.text("h1")
    browser.screenshot("configuration-place-profile")
    # The closed days' boxes in the table are named by their column.
    for box, name in (("1-day", "Päivämäärä"), ("1-reason", "Syy"), ("0-DELETE", "Poista")):
        found = browser.driver.find_element("css selector", f"#id_closed_days-{box}")
        assert found.get_attribute("aria-label") == name
    # The breadcrumbs' links are told apart from their text by more than colour
    # (axe-core's link-in-text-block, WCAG 1.4.1).
    link = browser.driver.find_element("css selector", ".breadcrumbs a")
    assert "underline" in link.value_of_css_property("text-decoration-line")
