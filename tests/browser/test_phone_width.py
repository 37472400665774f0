"""The worker's pages fit a 390 px phone (the Browser checks every page it visits)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.clients import services
from tests.browser.conftest import PHONE_WIDTH, Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseload_and_client_page_do_not_scroll_sideways(browser: Browser) -> None:
    people = build_people()
    relationship = people.relationship
    services.relationship_correct_intake(
        actor=people.worker,
        relationship=relationship,
        version=relationship.version,
        source="self",
        source_detail="",
        reason="x" * 5000,  # one 5,000-character word, on the page and on the timeline
    )
    browser.login(people.worker.username, PASSWORD)
    browser.get("/asiakkaat/")
    browser.get(f"/asiakkaat/{relationship.client_id}/")
    assert "/asiakkaat/" in browser.checked
    width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert int(width) <= 1280
    assert PHONE_WIDTH == 390


@pytest.mark.parametrize("width", [1280, PHONE_WIDTH])
def test_informing_labels_stay_beside_their_checkboxes(browser: Browser, width: int) -> None:
    people = build_people()
    browser.login(people.worker.username, PASSWORD)
    browser.get(f"/asiakkaat/tapaamiset/{people.meeting.pk}/")
    browser.driver.set_window_size(width, 900)
    try:
        rows = browser.driver.execute_script(
            """
            return [...document.querySelectorAll('.checklist__row .field--check')].map(row => {
              const box = row.querySelector('input').getBoundingClientRect();
              const label = row.querySelector('label').getBoundingClientRect();
              return [row.querySelector('label').textContent, box.top, box.bottom, label.top];
            });
            """
        )
        reasons = browser.driver.execute_script(
            """
            return [...document.querySelectorAll('.checklist__row input[type=text]')].map(
              input => input.getBoundingClientRect().width);
            """
        )
    finally:
        browser.driver.set_window_size(1280, 900)
    assert len(rows) == 5
    # The reason box is wide enough to type in, on a phone too (it was ~55 px at 390 px).
    assert len(reasons) == 5
    assert all(reason >= 200 for reason in reasons), reasons
    for text, box_top, box_bottom, label_top in rows:
        assert label_top < box_bottom, f"{text}: the label dropped below its checkbox"
        assert label_top > box_top - 20, text


def test_the_joint_meeting_is_recorded_as_held_on_its_own_form(browser: Browser) -> None:
    """The client page's "Record" for the joint meeting opens the held form (day and notes)."""
    from polku.pathways.tests.test_joint_meeting import booked_and_started

    people = build_people()
    plan = booked_and_started(people)
    assert plan.joint_meeting is not None
    browser.login(people.worker.username, PASSWORD)
    browser.get(f"/asiakkaat/tapaamiset/{plan.joint_meeting.pk}/")
    assert browser.path == reverse("pathways:joint_meeting_held", args=[plan.pk])
    assert "Yhteinen tapaaminen työvoimaviranomaisen kanssa" in browser.text("h1")
    browser.driver.find_element("id", "id_notes").send_keys("Sovittiin jatkosta.")
    browser.click("main form button[type=submit]")
    assert browser.path == reverse("pathways:plan", args=[plan.pk])
