"""The place supervisor's day and week on a tablet (800 × 1280), in Finnish: my place today
(one key per client, saved as an htmx row; the client's own report shown as theirs), the week
grid recorded by keyboard alone (Tab into the grid, arrows, a letter per status, Shift for "not
reported", Enter saves the week), a correction refused without its reason and then saved with
it, the read-only weeks, and a closure shown as not organised. Every page is checked by
axe-core at 800 and 390 px (conftest); the today page is also shot at 390 px."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, Notice, Source
from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.core import clock
from polku.placements.models import ClosedDay
from tests.browser.conftest import Browser
from tests.browser.helpers import attendance_legend, attendance_letter
from tests.factories import PASSWORD, role_user
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WEDNESDAY = dt.date(2026, 3, 11)
MONDAY = WEDNESDAY - dt.timedelta(days=2)
TUESDAY = MONDAY + dt.timedelta(days=1)
TABLET = (800, 1280)


@pytest.fixture(autouse=True)
def _a_wednesday() -> Iterator[None]:
    with clock.frozen(timezone.make_aware(dt.datetime.combine(WEDNESDAY, dt.time(9)))):
        yield


def active_id(browser: Browser) -> str:
    return str(browser.driver.switch_to.active_element.get_attribute("id") or "")


def press(browser: Browser, *keys: str) -> None:
    """Keys to whatever has the focus, as a person at the keyboard would type them."""
    for key in keys:
        browser.driver.switch_to.active_element.send_keys(key)


def cell_value(browser: Browser, period_id: int, day: dt.date) -> str:
    element = browser.driver.find_element(By.ID, f"c-{period_id}-{day:%Y%m%d}")
    return str(element.get_attribute("value"))


def wait_for_new_page(browser: Browser, old: object) -> None:
    from tests.browser.conftest import left_behind

    WebDriverWait(browser.driver, 15).until(lambda driver: left_behind(old))
    browser.check_accessibility()


def test_the_place_records_today_and_a_week_by_keyboard_on_a_tablet(browser: Browser) -> None:
    people = build_people()
    first = running_period(people, weekdays="123")
    second = running_period(people, weekdays="123")
    third = running_period(people, weekdays="1234")
    # The first client reported today's absence from OmaPolku.
    person = first.relationship.client
    person.user = role_user(Role.CLIENT, first.relationship.unit)
    person.save(update_fields=["user"])
    day_record(
        actor=person.user,
        entry=DayEntry(
            period=first, day=WEDNESDAY, status="absent", reason="own_illness", note="Flunssa"
        ),
    )
    rows = sorted([first, second, third], key=lambda p: p.relationship.client.last_name)

    browser.driver.set_window_size(*TABLET)
    browser.login(people.place_supervisor.username, PASSWORD)
    assert browser.path == "/tyotoimintapaikka/"
    browser.click('main a[href$="/tanaan/"]')

    # My place today: the client's own report is theirs; the others wait for one key each.
    assert "keskiviikko 11.3.2026" in browser.text("h1")
    row = browser.driver.find_element(By.ID, f"row-{first.pk}")
    assert "Asiakas ilmoitti" in row.text
    assert "Viesti: Flunssa" in row.text
    assert "viimeksi kirjasi" not in row.text
    browser.screenshot("attendance-today-tablet", width=TABLET[0])
    present = browser.driver.find_element(
        By.CSS_SELECTOR, f"#row-{second.pk} button[data-key=present]"
    )
    present.send_keys("l")  # the row's key for present
    # htmx swaps the row while the wait reads it: a stale reference means "look again".
    WebDriverWait(browser.driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: "Läsnä · 6 h" in driver.find_element(By.ID, f"row-{second.pk}").text
    )
    browser.driver.execute_script("window.polkuChecked = false")
    browser.check_accessibility()
    assert AttendanceDay.objects.get(period=second).reported_via == Source.PLACE
    # The focus moved on to the next client's row.
    at = rows.index(second)
    following = rows[at + 1] if at + 1 < len(rows) else second
    focused_row = browser.driver.execute_script(
        "return document.activeElement.closest('[data-day-row]').id"
    )
    assert focused_row == f"row-{following.pk}"
    browser.screenshot("attendance-today-390", width=390)

    # The week grid, by keyboard alone.
    browser.click('main a[href$="/viikko/"]')
    assert "Viikko 11: 9.3.–15.3.2026" in browser.text("h1")
    legend = browser.text(".legend")
    for key in (*attendance_legend(), "Enter"):  # the letters a group session uses too
        assert key in legend
    for _ in range(60):  # Tab from the top of the page into the grid
        if active_id(browser).startswith("c-"):
            break
        press(browser, Keys.TAB)
    top = rows[0]
    assert active_id(browser) == f"c-{top.pk}-{WEDNESDAY:%Y%m%d}"  # today's first cell
    press(browser, Keys.ARROW_LEFT, Keys.ARROW_LEFT)
    assert active_id(browser) == f"c-{top.pk}-{MONDAY:%Y%m%d}"
    # Monday: every client present but the middle one, ill and not reported.
    here, ill = attendance_letter("present"), attendance_letter("absent:own_illness")
    assert (here, ill) == ("l", "s")
    press(browser, here, Keys.ARROW_DOWN, Keys.SHIFT + ill, Keys.ARROW_DOWN, here)
    # Tuesday, from the bottom up: present, child's illness reported on the day, present.
    child = attendance_letter("absent:child_illness")
    press(browser, Keys.ARROW_RIGHT, here, Keys.ARROW_UP, child, Keys.ARROW_UP, here)
    assert cell_value(browser, rows[1].pk, MONDAY) == "absent:own_illness:not_reported"
    assert cell_value(browser, rows[1].pk, TUESDAY) == "absent:child_illness:on_the_day"
    assert "Muutettuja päiviä, ei vielä tallennettu: 6" in browser.text("#grid-status")
    browser.screenshot("attendance-week-typed", width=TABLET[0])
    old = browser.driver.find_element(By.TAG_NAME, "table")
    press(browser, Keys.ENTER)
    wait_for_new_page(browser, old)
    assert "6 päivää tallennettiin." in browser.text(".messages")
    saved = {(r.period_id, r.day): r for r in AttendanceDay.objects.filter(day__lt=WEDNESDAY)}
    assert len(saved) == 6
    assert saved[(rows[1].pk, MONDAY)].notice == Notice.NOT_REPORTED
    assert saved[(rows[1].pk, TUESDAY)].reason == "child_illness"
    assert active_id(browser) == f"c-{top.pk}-{TUESDAY:%Y%m%d}"  # the focus came back

    # A correction of a past day needs its reason: refused first, nothing lost.
    press(browser, Keys.ARROW_LEFT, attendance_letter("absent:other"))
    old = browser.driver.find_element(By.TAG_NAME, "table")
    press(browser, Keys.ENTER)
    wait_for_new_page(browser, old)
    assert "Viikkoa ei tallennettu" in browser.text(".error-summary")
    assert "Kerro, miksi päivän 9.3.2026 kirjausta korjataan." in browser.text(".error-summary")
    assert cell_value(browser, top.pk, MONDAY) == "absent:other:on_the_day"
    assert "Tallennettu nyt: Läsnä" in browser.text("table")
    browser.screenshot("attendance-week-refused", width=TABLET[0])
    reason = browser.driver.find_element(By.ID, "id_correction_reason")
    reason.send_keys("Merkitty väärälle asiakkaalle", Keys.ENTER)
    wait_for_new_page(browser, reason)
    corrected = AttendanceDay.objects.get(period=top, day=MONDAY)
    assert (corrected.status, corrected.correction_reason) == (
        "absent",
        "Merkitty väärälle asiakkaalle",
    )
    browser.screenshot("attendance-week-tablet", width=TABLET[0])

    # Three weeks back the place reads only; the worker corrects.
    browser.click('main a[rel="prev"]')
    browser.click('main a[rel="prev"]')
    browser.click('main a[rel="prev"]')
    assert "vastuutyöntekijä korjaa" in browser.text(".notice")
    assert not browser.driver.find_elements(By.CSS_SELECTOR, f"#c-{top.pk}-20260216")
    browser.screenshot("attendance-week-read-only", width=TABLET[0])

    # A closure for the whole place in one action, shown as not organised.
    browser.click('main a[href$="/suljettu/"]')
    for field, value in (("id_first_day", "16.3.2026"), ("id_last_day", "17.3.2026")):
        browser.driver.find_element(By.ID, field).send_keys(value)
    browser.driver.find_element(By.ID, "id_reason").send_keys("Muutto uusiin tiloihin")
    browser.submit_and_wait()
    assert ClosedDay.objects.filter(profile__place=people.place).count() == 2
    assert "Viikko 12" in browser.text("h1")
    assert "Muutto uusiin tiloihin" in browser.text("table")
    assert not browser.driver.find_elements(By.CSS_SELECTOR, f"#c-{top.pk}-20260316")
    browser.screenshot("attendance-week-closure", width=TABLET[0])
