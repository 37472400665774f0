"""The manager's dashboard, yearly statistics and export form in a browser, in Finnish and in
Swedish: each passes axe-core at 1280 px and keeps to a phone's 390 px (checked on every page by
the browser fixture); screenshots of both widths; the clients behind a figure, purpose first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from polku.core import clock
from polku.metrics.forms import day_text
from polku.metrics.tests import builders as b
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_dashboard_in_a_browser(browser: Browser, language: str) -> None:
    people = build_people()
    today = clock.today()
    for i in range(6):
        made = b.pathway(
            unit=people.unit,
            worker=people.worker,
            contact=today - dt.timedelta(days=200 + i),
            assigned=today - dt.timedelta(days=198),
            met=today - dt.timedelta(days=190),
            signed=today - dt.timedelta(days=160),
            options=2,
            place=people.place,
            start=today - dt.timedelta(days=140),
            end=today - dt.timedelta(days=50),
            visit=True,
            stage="s11",
            female=i % 2 == 0,
        )
        b.days(made["period"], people.worker, present=10, absent=2)
        b.finish_period(made["period"], people.worker, evaluated=True, levels=(0, 1))
    start = today - dt.timedelta(days=220)
    query = f"?starts_on={day_text(start)}&ends_on={day_text(today)}"

    browser.login(people.manager.username, PASSWORD)
    if language == "sv":
        browser.click('button[name="language"][value="sv"]')
    browser.get(reverse("metrics:dashboard") + query)
    heading = "Mätare för klientstigen" if language == "sv" else "Asiakaspolun mittarit"
    assert heading in browser.text("h1")
    field = browser.driver.find_element("id", "id_ends_on")
    assert field.get_attribute("value") == day_text(today)
    assert "<5" in browser.text()
    assert "Kalle Asiakas" not in browser.text()
    assert "Mittariasiakas" not in browser.text()
    browser.screenshot(f"metrics-dashboard-{language}")
    browser.screenshot(f"metrics-dashboard-{language}-phone", width=390)
    # At a phone's width every chart's text stays readable: a horizontal chart (drawn 360 wide)
    # is shown at 80 % of its size or more (13-unit text: 10.5 px or more), a vertical one
    # (720) scrolls at 640 px; the table comes before the chart.
    browser.driver.set_window_size(390, 900)
    widths = browser.driver.execute_script(
        "return ['chart-shares', 'chart-stages', 'chart-months'].map("
        "id => document.getElementById(id).getBoundingClientRect().width)"
    )
    order = browser.driver.execute_script(
        "const f = document.querySelector('#shares-title').closest('section')"
        ".querySelector('.metrics-figure');"
        "return [f.querySelector('.table-wrap').getBoundingClientRect().top,"
        " f.querySelector('.metrics-chart').getBoundingClientRect().top]"
    )
    browser.driver.set_window_size(1280, 900)
    assert widths[0] >= 0.8 * 360, widths
    assert widths[1] >= 0.8 * 360, widths
    assert widths[2] >= 600, widths
    assert order[0] < order[1]

    browser.get(reverse("metrics:statistics") + f"?vuosi={today.year}")
    assert ("Årsstatistik" if language == "sv" else "Vuositilasto") in browser.text("h1")

    browser.get(reverse("metrics:dashboard_export") + query)
    browser.submit_and_wait()  # no purpose: refused on the page
    label = "Exportens ändamål" if language == "sv" else "Viennin käyttötarkoitus"
    assert label in browser.text(".error-summary")

    # The clients behind a figure: the stage row's link, the purpose asked, then the names.
    browser.get(reverse("metrics:dashboard") + query)
    link = browser.driver.find_element(
        "css selector", f'a[href^="{reverse("metrics:figure_clients", args=["stages", "s11"])}"]'
    )
    browser.get(str(link.get_attribute("href")).removeprefix(browser.base_url))
    assert "Mittariasiakas" not in browser.text("main")
    browser.driver.find_element("id", "id_purpose").send_keys("Jonon selvitys")
    browser.submit_and_wait()
    assert "Mittariasiakas" in browser.text("main")
    browser.screenshot(f"metrics-clients-{language}-phone", width=390)
