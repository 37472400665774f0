"""Browser tests: Debian's Chromium driven by Selenium against pytest-django's live server.

Every page a test visits is checked with axe-core; serious and critical violations fail the test.
Every page is also checked at a 390 px phone width: it must not scroll sideways.
Screenshots go to tests/browser/screenshots/ for people to look at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from tests.seeds import restore_seeded_rows

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PHONE_WIDTH = 390
NEW_DOCUMENT_WAIT = 10  # seconds an action may take to leave the page it was done on


@pytest.fixture(scope="session")
def driver() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="polku-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=fi",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


def left_behind(element: Any) -> bool:
    """True once ``element`` is no longer in the shown document. While the next page replaces
    it, Chromium may answer "does not belong to the document" instead of a stale reference."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise
    return False


class Browser:
    """A small page object: visit, log in, check accessibility, take screenshots."""

    def __init__(self, driver: WebDriver, base_url: str) -> None:
        self.driver = driver
        self.base_url = base_url
        self.checked: list[str] = []

    def get(self, path: str) -> None:
        self.driver.get(self.base_url + path)
        self.check_accessibility()

    def login(self, username: str, password: str, *, second_factor: bool = True) -> None:
        """Log in with the password and, for staff, a real code from their TOTP device (made
        enrolled when missing). ``second_factor=False`` stops after the password."""
        from polku.accounts.models import User
        from tests.second_factor import current_code, is_staff_user, staff_device

        user = User.objects.get(username=username)
        device = staff_device(user) if second_factor and is_staff_user(user) else None
        self.driver.delete_all_cookies()
        self.get("/kirjaudu/")
        self.driver.find_element(By.ID, "id_username").send_keys(username)
        self.driver.find_element(By.ID, "id_password").send_keys(password)
        self.submit_and_wait()
        if device is not None:
            assert self.path.startswith("/kaksivaihe/"), self.path
            self.type_code(current_code(device, forget_last=True))

    def type_code(self, code: str) -> None:
        """Type a second-factor or recovery code on the current page and send it."""
        field = self.driver.find_element(By.ID, "id_code")
        field.clear()
        field.send_keys(code)
        self.submit_and_wait()

    def submit_and_wait(self) -> None:
        """Send the main form and wait for the next page, so a following click cannot land on
        the page being left (the language buttons are on every page)."""
        button = self.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]")
        button.click()
        WebDriverWait(self.driver, 15).until(lambda driver: left_behind(button))
        self.check_accessibility()

    def click(self, css: str) -> None:
        """Click an element. A link or a button leads to a page (or changes this one), which
        is then checked; a radio button, a checkbox or a label changes only the form, so there
        is no new document to wait for (waiting would cost ``NEW_DOCUMENT_WAIT`` seconds)."""
        element = self.driver.find_element(By.CSS_SELECTOR, css)
        in_form_only = element.tag_name in ("label", "option") or (
            element.tag_name == "input"
            and element.get_attribute("type") in ("radio", "checkbox", "text", "date")
        )
        element.click()
        if not in_form_only:
            self.check_accessibility()

    @property
    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.base_url)

    def text(self, css: str = "body") -> str:
        return str(self.driver.find_element(By.CSS_SELECTOR, css).text)

    def wait_for_the_new_document(self) -> None:
        """Wait until the page to check is the one the last action led to, fully loaded.

        A click on a submit button or a link returns before the browser has left the old page:
        axe injected then lands in the old document and the next script runs in the new one
        ("axe is not defined"). Every checked document is marked (``window.polkuChecked``), so
        while the marked one is still shown the navigation has not happened yet: wait for it to
        go, then for the new one to load. An action that changes the page in place (htmx) keeps
        the document; after ``NEW_DOCUMENT_WAIT`` seconds that page is checked as it is.
        """
        try:
            WebDriverWait(
                self.driver,
                NEW_DOCUMENT_WAIT,
                poll_frequency=0.05,
                ignored_exceptions=(WebDriverException,),  # a script run while unloading
            ).until(lambda driver: not driver.execute_script("return window.polkuChecked === true"))
        except TimeoutException:
            # The page was changed in place (htmx). POLKU_BROWSER_WAIT_LOG names a file that
            # lists each such wait, to find the actions that need no new document.
            if log := os.environ.get("POLKU_BROWSER_WAIT_LOG"):
                with open(log, "a", encoding="utf-8") as out:
                    out.write(f"{os.environ.get('PYTEST_CURRENT_TEST', '')}\t{self.path}\n")
        WebDriverWait(
            self.driver, 30, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)
        ).until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def check_accessibility(self) -> None:
        """Run axe-core on the current page; fail on serious or critical violations."""
        self.wait_for_the_new_document()
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        violations: list[dict[str, Any]] = self.driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            window.polkuChecked = true;
            axe.run(document, {resultTypes: ['violations']})
              .then(result => done(result.violations))
              .catch(error => done([
                {id: 'axe-error', impact: 'critical', help: String(error), nodes: []}
              ]));
            """
        )
        bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node.get("target")) for node in v.get("nodes", [])[:5])
            for v in bad
        ]
        assert not bad, f"axe-core on {self.path}: " + "; ".join(details)
        self.check_phone_width()
        self.checked.append(self.path)

    def check_phone_width(self) -> None:
        """At a 390 px phone width the page must not scroll sideways."""
        size = self.driver.get_window_size()
        self.driver.set_window_size(PHONE_WIDTH, size["height"])
        try:
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
        finally:
            self.driver.set_window_size(size["width"], size["height"])
        assert int(width) <= PHONE_WIDTH, (
            f"{self.path} scrolls sideways at {PHONE_WIDTH} px: {width} px wide"
        )

    def screenshot(self, name: str, *, width: int = 1280) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        height = self.driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
        self.driver.set_window_size(width, min(int(height) + 120, 3000))
        path = SCREENSHOTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(1280, 900)
        return path


@pytest.fixture
def browser(driver: WebDriver, live_server: Any) -> Browser:
    driver.delete_all_cookies()
    restore_seeded_rows()
    return Browser(driver, live_server.url)
