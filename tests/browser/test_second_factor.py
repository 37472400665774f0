"""A staff user sets up the second factor at the first login, then logs in with the app's code
and with a recovery code; every page passes axe-core."""

from __future__ import annotations

import re
import time

import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people
from tests.second_factor import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enrol_then_log_in_with_the_app_and_with_a_recovery_code(browser: Browser) -> None:
    people = build_people()
    worker = people.worker

    # First login: the password, then the enrolment page with its QR code.
    browser.login(worker.username, PASSWORD, second_factor=False)
    assert browser.path.startswith("/kaksivaihe/kayttoon/")
    assert browser.driver.find_element("css selector", ".qr svg")
    secret = browser.text("#otp-secret").replace(" ", "")
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    browser.screenshot("second-factor-enrol")
    browser.screenshot("second-factor-enrol-phone", width=390)
    browser.type_code(current_code(device))

    # The ten recovery codes, shown once.
    codes = [c.strip() for c in browser.text(".recovery-codes").split("\n") if c.strip()]
    assert len(codes) == 10
    browser.screenshot("second-factor-codes")
    browser.click("main a.button")
    assert browser.path == "/polku/tanaan/"
    browser.click(".logout button")

    # Next login: the code from the app.
    browser.login(worker.username, PASSWORD, second_factor=False)
    assert browser.path.startswith("/kaksivaihe/")
    assert "Toinen tunnistautumisvaihe" in browser.text("h1")
    browser.type_code("000000")
    assert "Koodi on väärä tai vanhentunut" in browser.text(".error-summary")
    time.sleep(1.1)  # the throttle's first wait
    browser.type_code(current_code(device, forget_last=True))
    assert browser.path == "/polku/tanaan/"
    browser.click(".logout button")

    # Without the phone: a recovery code, which works once.
    browser.login(worker.username, PASSWORD, second_factor=False)
    browser.click("main .hint a")
    assert browser.path.startswith("/kaksivaihe/varakoodi/")
    browser.type_code(codes[0])
    assert browser.path == "/polku/tanaan/"
    assert "9" in browser.text(".messages")
    browser.click(".logout button")


@override_settings(POLKU_STAFF_OTP_REQUIRED=False)
def test_the_demo_without_a_second_factor_says_so(browser: Browser) -> None:
    people = build_people()
    browser.get("/kirjaudu/")
    assert "Demo ilman toista tunnistautumisvaihetta" in browser.text(".demo-banner")
    browser.login(people.worker.username, PASSWORD, second_factor=False)
    assert browser.path == "/polku/tanaan/"
    assert "Demo ilman toista tunnistautumisvaihetta" in browser.text(".demo-banner")
    browser.screenshot("demo-without-second-factor", width=390)


def test_new_recovery_codes_and_a_new_phone_without_the_administrator(browser: Browser) -> None:
    people = build_people()
    worker = people.worker
    browser.login(worker.username, PASSWORD)
    old = TOTPDevice.objects.get(user=worker, confirmed=True)

    # From the user menu: the second factor, then ten new recovery codes for a code.
    browser.click(".who__link")
    assert browser.path == "/kaksivaihe/asetukset/"
    browser.screenshot("second-factor-own-phone", width=390)
    browser.click("main a.button[href='/kaksivaihe/uudet-varakoodit/']")
    browser.type_code(current_code(old, forget_last=True))
    codes = [c.strip() for c in browser.text(".recovery-codes").split("\n") if c.strip()]
    assert len(codes) == 10
    browser.click("main a.button")
    assert browser.path == "/kaksivaihe/asetukset/"

    # A new phone: a recovery code first, then the new app's QR code and a code from it.
    browser.click("main a.button[href='/kaksivaihe/uusi-puhelin/']")
    browser.type_code(codes[0])
    assert browser.path == "/kaksivaihe/uusi-puhelin/skannaa/"
    assert browser.driver.find_element("css selector", ".qr svg")
    new = TOTPDevice.objects.get(user=worker, confirmed=False)
    browser.screenshot("second-factor-new-phone-phone", width=390)
    browser.type_code(current_code(new))
    assert browser.path == "/kaksivaihe/asetukset/"
    assert "uudessa puhelimessasi" in browser.text(".messages")
    assert list(TOTPDevice.objects.filter(user=worker).values_list("pk", flat=True)) == [new.pk]
