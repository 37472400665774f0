"""Small helpers the browser walks share: typing into fields, sending a page's forms, htmx
answers, and PDFs fetched with the browser's own session."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser.conftest import SCREENSHOTS, Browser


def fill(browser: Browser, field_id: str, value: str) -> None:
    element = browser.driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def choose(browser: Browser, field_id: str, value: str) -> None:
    """Pick the option whose value is ``value`` in the select ``field_id``."""
    Select(browser.driver.find_element(By.ID, field_id)).select_by_value(value)


def value_of(browser: Browser, field_id: str) -> str:
    return str(browser.driver.find_element(By.ID, field_id).get_attribute("value"))


def submit(browser: Browser, action_suffix: str) -> None:
    """Send the form of ``main`` whose action ends with ``action_suffix``."""
    browser.click(f'main form[action$="{action_suffix}"] button[type=submit]')


def htmx_submit(browser: Browser, css: str, done: str) -> None:
    """Send a form (or press a button) htmx swaps into the page; ``done`` shows once the answer
    is in. The document stays, so it is marked for a new check by hand."""
    browser.driver.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(browser.driver, 10).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, done)
    )
    browser.driver.execute_script("window.polkuChecked = false")
    browser.check_accessibility()


def fetch_pdf(browser: Browser, href: str) -> bytes:
    """The PDF behind ``href``, fetched with the browser's own session cookies (Chromium would
    show it in its viewer, which axe cannot check)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.driver.get_cookies())
    url = href if href.startswith("http") else browser.base_url + href
    assert url.startswith(browser.base_url)
    request = urllib.request.Request(url, headers={"Cookie": cookies})  # noqa: S310 (live server)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.headers["Content-Type"] == "application/pdf"
        data: bytes = response.read()
    assert data.startswith(b"%PDF")
    return data


def render_pages(data: bytes, name: str) -> list[Path]:
    """Every page of the PDF as a PNG in the screenshots folder: ``<name>-1.png`` and on."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for old in SCREENSHOTS.glob(f"{name}-*.png"):
        old.unlink()
    source = SCREENSHOTS / f"{name}.pdf"
    source.write_bytes(data)
    try:
        subprocess.run(  # noqa: S603 (a fixed program on our own file)
            ["/usr/bin/pdftoppm", "-png", "-r", "80", str(source), str(SCREENSHOTS / name)],
            check=True,
            timeout=60,
        )
    finally:
        source.unlink()
    pages = sorted(SCREENSHOTS.glob(f"{name}-*.png"))
    assert pages, f"pdftoppm rendered no page of {name}"
    assert all(page.stat().st_size > 5000 for page in pages)  # not blank
    return pages


def attendance_letter(code: str, language: str = "fi") -> str:
    """The key that records ``code`` ("present", "absent:own_illness" …) on the place's week
    grid and a group session alike: the one definition, ``polku.attendance.keys``."""
    from django.utils import translation

    from polku.attendance.keys import attendance_keys

    with translation.override(language):
        return next(key.key for key in attendance_keys() if key.code == code).lower()


def attendance_legend(language: str = "fi") -> list[str]:
    """The legend's lines for the letters as a page shows them: "L Läsnä" …"""
    from django.utils import translation

    from polku.attendance.keys import attendance_keys

    with translation.override(language):
        return [f"{key.key} {key.label}" for key in attendance_keys()]
