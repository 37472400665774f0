"""A worker creates a low-threshold group, adds a session, enrols two of their clients and,
as the group's instructor, records the session's attendance by keyboard alone (Tab between
the fields, the place's week grid's letters in the list, Shift for "not reported", Enter in an
hours field saves), in Finnish; and a new time of a group says what it moves before it saves.
Every page is checked by axe-core and at 390 px (conftest)."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from polku.core import clock
from polku.groups.models import Enrolment, Group, Session, SessionAttendance
from polku.groups.tests.builders import (
    a_group,
    a_session,
    enrol,
    first_meeting,
    last_meeting_before,
)
from tests.browser.conftest import PHONE_WIDTH, SCREENSHOTS, Browser, left_behind
from tests.browser.helpers import attendance_legend, attendance_letter, choose, fill
from tests.factories import PASSWORD
from tests.people import build_people, build_relationship

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def day_text(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def active_name(browser: Browser) -> str:
    return str(browser.driver.switch_to.active_element.get_attribute("name") or "")


def press(browser: Browser, *keys: str) -> None:
    for key in keys:
        browser.driver.switch_to.active_element.send_keys(key)


def test_a_group_is_created_two_clients_enrolled_and_a_session_recorded_by_keyboard(
    browser: Browser,
) -> None:
    people = build_people()
    today = clock.today()
    second = build_relationship(worker=people.worker, unit=people.unit, days_ago=30)
    first_client, second_client = people.relationship.client, second.client

    browser.login(people.worker.username, PASSWORD)
    browser.get("/ryhmat/")
    browser.click('main a[href$="/ryhmat/uusi/"]')
    fill(browser, "id_name", "Nuorten ryhmä")
    choose(browser, "id_kind", "low_threshold")
    fill(browser, "id_partner_name", "Koskimäen nuorisopalvelut")
    for box in browser.driver.find_elements(By.CSS_SELECTOR, "input[name=instructors]"):
        label = box.find_element(By.XPATH, "./ancestor::label[1]").text
        if people.worker.last_name in label:
            box.click()
    # The group meets on today's weekday: today's session is added below.
    weekday = today.isoweekday()
    browser.driver.find_element(By.CSS_SELECTOR, f"input[name=weekdays][value='{weekday}']").click()
    fill(browser, "id_starts_at", "13.00")
    fill(browser, "id_ends_at", "15.00")
    fill(browser, "id_location", "Nuorisotila Kipinä")
    fill(browser, "id_capacity", "8")
    fill(browser, "id_starts_on", day_text(today - dt.timedelta(days=5)))
    fill(browser, "id_ends_on", day_text(today + dt.timedelta(days=60)))
    browser.submit_and_wait()
    group = Group.objects.filter(name="Nuorten ryhmä").first()
    assert group is not None, browser.text("main")
    assert browser.path == f"/ryhmat/{group.pk}/"
    assert "Ryhmä tallennettiin." in browser.text(".messages")

    # A session outside the group's dates is refused, then today's is added.
    browser.click(f'main a[href$="/ryhmat/{group.pk}/kerrat/uusi/"]')
    fill(browser, "id_day", day_text(today + dt.timedelta(days=90)))
    fill(browser, "id_theme", "Tutustuminen")
    browser.submit_and_wait()
    assert "ryhmän ajan" in browser.text(".error-summary")
    assert browser.driver.find_element(By.ID, "id_theme").get_attribute("value") == "Tutustuminen"
    fill(browser, "id_day", day_text(today))
    browser.submit_and_wait()
    assert "Tutustuminen" in browser.text("main")

    # Two of the worker's clients, through another service.
    for relationship in (people.relationship, second):
        browser.click(f'main a[href$="/ryhmat/{group.pk}/osallistujat/uusi/"]')
        choose(browser, "id_relationship", str(relationship.pk))
        browser.driver.find_element(
            By.CSS_SELECTOR, "input[name=status][value=other_service]"
        ).click()
        fill(browser, "id_other_service", "Sosiaalinen kuntoutus")
        fill(browser, "id_agreed_on", day_text(today))
        fill(browser, "id_agreement", "Osallistuu joka tiistai.")
        fill(browser, "id_starts_on", day_text(today))
        browser.submit_and_wait()
        assert "Asiakas ilmoitettiin ryhmään." in browser.text(".messages")
    assert Enrolment.objects.filter(group=group).count() == 2
    assert first_client.last_name in browser.text("main")
    assert second_client.last_name in browser.text("main")

    # The session's attendance by keyboard: Tab to the first list, a letter a row.
    browser.click("main a[href*='/ryhmat/kerta/']")
    assert "Tutustuminen" in browser.text(".lead")
    rows = sorted([first_client, second_client], key=lambda c: (c.last_name, c.first_name))
    for _ in range(80):
        if active_name(browser).startswith("s-"):
            break
        press(browser, Keys.TAB)
    assert active_name(browser).startswith("s-")
    legend = browser.text(".legend")
    for line in attendance_legend():  # the week grid's letters, from the one definition
        assert line in legend
    present, ill = attendance_letter("present"), attendance_letter("absent:own_illness")
    assert (present, ill) == ("l", "s")  # S, not the list's first letter O (Oma sairaus)
    press(browser, present)
    press(browser, Keys.TAB, Keys.TAB, Keys.TAB)  # notice, hours, the next row's status
    assert active_name(browser).startswith("s-")
    press(browser, Keys.SHIFT + ill)  # own illness, not reported, as on the week grid
    press(browser, Keys.TAB)  # the notice the letter set
    assert browser.driver.switch_to.active_element.get_attribute("value") == "not_reported"
    press(browser, Keys.TAB)  # the hours
    assert active_name(browser).startswith("h-")
    old = browser.driver.find_element(By.TAG_NAME, "table")
    press(browser, Keys.ENTER)
    WebDriverWait(browser.driver, 15).until(lambda driver: left_behind(old))
    browser.check_accessibility()
    assert "2 merkintää tallennettiin." in browser.text(".messages")
    marks = {
        m.enrolment.client_id: m
        for m in SessionAttendance.objects.filter(session__group=group).select_related("enrolment")
    }
    top, bottom = marks[rows[0].pk], marks[rows[1].pk]
    assert (top.status, top.hours) == ("present", 2)
    assert (bottom.status, bottom.reason, bottom.notice) == (
        "absent",
        "own_illness",
        "not_reported",
    )
    browser.screenshot("group-session-attendance", width=1280)
    browser.screenshot("group-session-attendance-390", width=390)
    # At 390 px the form stacks per participant: nothing scrolls sideways, every list and the
    # hours are whole in view under their labels.
    size = browser.driver.get_window_size()
    browser.driver.set_window_size(390, size["height"])
    try:
        fits = browser.driver.execute_script(
            """const wrap = document.querySelector('form .table-wrap');
            const right = wrap.getBoundingClientRect().right;
            const controls = [...wrap.querySelectorAll('select, input:not([type=hidden])')];
            return wrap.scrollWidth <= wrap.clientWidth
              && controls.every(c => c.getBoundingClientRect().right <= right + 1
                                     && c.getBoundingClientRect().width > 150);"""
        )
    finally:
        browser.driver.set_window_size(size["width"], size["height"])
    assert fits, "the session form does not stack at 390 px"
    # The participant's own message with an absence (told from OmaPolku: the mark's note)
    # shows under their name, escaped, and a long one wraps at 390 px.
    note = "<i>Lääkäri</i> klo 10, " + "Hammaslääkäriaikavaraus" * 4
    SessionAttendance.objects.filter(pk=bottom.pk).update(note=note)
    browser.get(browser.path)  # checked again with axe-core and at 390 px
    assert f"Osallistujan viesti: {note}" in browser.text("main")
    browser.driver.set_window_size(390, size["height"])
    try:
        browser.screenshot("group-session-attendance-note-390", width=390)
        wraps = browser.driver.execute_script(
            """const wrap = document.querySelector('form .table-wrap');
            return wrap.scrollWidth <= wrap.clientWidth;"""
        )
    finally:
        browser.driver.set_window_size(size["width"], size["height"])
    assert wraps, "the participant's message does not wrap at 390 px"


def test_a_new_time_of_the_group_says_what_it_moves_before_it_saves(browser: Browser) -> None:
    """Editing a group with sessions: the weekdays and start date are shown with why they are
    fixed; a new time first comes back with what it moves, then moves the sessions still to
    come and leaves the held one as it was."""
    people = build_people()
    today = clock.today()
    group = a_group(
        people, starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=60)
    )
    held = a_session(people, group, last_meeting_before(group, today))
    coming = a_session(people, group, first_meeting(group, today + dt.timedelta(days=1)))
    later = a_session(people, group, coming.day + dt.timedelta(days=7))

    browser.login(people.worker.username, PASSWORD)
    browser.get(f"/ryhmat/{group.pk}/muokkaa/")
    assert "torstai" in browser.text("#fixed-by-sessions")
    assert "päätä tämä ryhmä" in browser.text("#fixed-by-sessions")  # what to do instead
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "input[name=weekdays]")
    assert "2 tulevaa ryhmäkertaa" in browser.text("#sessions-and-time")
    fill(browser, "id_starts_at", "10.00")
    fill(browser, "id_ends_at", "14.00")
    browser.submit_and_wait()
    notice = browser.text("#move-notice")
    assert "2 tulevaa ryhmäkertaa siirtyy aikaan 10.00–14.00" in notice
    assert "pidetyt ryhmäkerrat pysyvät ennallaan" in notice
    assert browser.driver.find_element(By.ID, "id_starts_at").get_attribute("value") == "10.00"
    assert Session.objects.get(pk=coming.pk).starts_at == dt.time(9)  # nothing saved yet
    browser.screenshot("group-edit-time-notice", width=1280)
    browser.submit_and_wait()
    assert browser.path == f"/ryhmat/{group.pk}/"
    times = {s.pk: (s.starts_at, s.ends_at) for s in Session.objects.filter(group=group)}
    assert times[coming.pk] == times[later.pk] == (dt.time(10), dt.time(14))
    assert times[held.pk] == (dt.time(9), dt.time(13))


PHONE_LAYOUT = """
const [tableCss, captionCss] = arguments;
const table = document.querySelector(tableCss);
const caption = document.querySelector(captionCss);
const box = caption.getBoundingClientRect();
const style = getComputedStyle(caption);
const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
const wrap = table.closest('.table-wrap');
const right = Math.min(window.innerWidth, wrap.getBoundingClientRect().right);
const cells = [...table.querySelectorAll('tbody th, tbody td')];
return {
  captionHeight: box.height,
  captionLines: Math.round(box.height / line),
  captionWhole: box.left >= 0 && box.right <= right + 1
    && caption.scrollWidth <= caption.clientWidth + 1,
  cellsInView: cells.every(c => c.getBoundingClientRect().right <= right + 1),
  scrolls: wrap.scrollWidth > wrap.clientWidth,
};
"""


def test_the_group_and_session_tables_fit_a_phone(browser: Browser) -> None:
    """At 390 px the session page's caption reads as one line (not a letter a line), and the
    group page's participants stack per person: every figure (present, absent, allowance and
    state compensation days) is in view with its label, and the caption is whole."""
    people = build_people()
    today = clock.today()
    group = a_group(
        people, starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=60)
    )
    session = a_session(people, group, last_meeting_before(group, today))
    for _ in range(2):
        enrol(people, group)
    browser.login(people.place_supervisor.username, PASSWORD)  # the group's instructor
    size = browser.driver.get_window_size()
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        browser.get(f"/ryhmat/kerta/{session.pk}/")
        browser.driver.set_window_size(PHONE_WIDTH, 900)
        marks = browser.driver.execute_script(PHONE_LAYOUT, "table.marks", "#marks-caption")
        table = browser.driver.find_element(By.CSS_SELECTOR, "form .table-wrap")
        table.screenshot(str(SCREENSHOTS / "group-session-table-390.png"))
        browser.get(f"/ryhmat/{group.pk}/")
        browser.driver.set_window_size(PHONE_WIDTH, 900)
        participants = browser.driver.execute_script(
            PHONE_LAYOUT, "table:has(#participants-caption)", "#participants-caption"
        )
        section = browser.driver.find_element(By.CSS_SELECTOR, "#participants-title")
        section.find_element(By.XPATH, "..").screenshot(
            str(SCREENSHOTS / "group-participants-390.png")
        )
        labels = browser.driver.execute_script(
            """const first = '#participants-caption ~ tbody tr:first-child td .stack__label';
            return [...document.querySelectorAll(first)]
              .filter(l => l.getBoundingClientRect().width > 0)
              .map(l => l.textContent.trim());"""
        )
    finally:
        browser.driver.set_window_size(size["width"], size["height"])
    assert marks["captionLines"] <= 2, marks
    for layout in (marks, participants):
        assert layout["captionWhole"], layout
        assert layout["cellsInView"], layout
        assert not layout["scrolls"], layout
    assert labels == [
        "Osallistuminen",
        "Läsnä",
        "Poissa",
        "Kulukorvaus- tai toimintarahapäivät",
        "Valtionkorvauspäivät",
    ]
