"""Goals and evaluation in the browser, in Finnish and in Swedish: the worker's goals page with
the progress chart, the evaluation page, the place supervisor's section and the client's
OmaPolku pages; axe-core checks every page (inline SVG with role="img" and a title)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from polku.evaluation import services
from polku.evaluation.tests.builders import client_user_for, complete_sections, period_with_goals
from tests.browser.conftest import Browser
from tests.factories import PASSWORD
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seed_template() -> None:
    """Transactional tests flush the tables, data migrations included: put the form back."""
    importlib.import_module("polku.evaluation.migrations.0002_first_template").forward(apps, None)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_goals_and_evaluation_pages(browser: Browser, language: str) -> None:
    _seed_template()
    people = build_people()
    period, goals = period_with_goals(people, goals=2)
    me = client_user_for(period)
    relationship = period.relationship
    mid = services.evaluation_start(actor=people.worker, relationship=relationship, kind="mid")
    complete_sections(people, mid, goals, [1, 0])
    mid.refresh_from_db()
    services.evaluation_finish(
        actor=people.worker,
        evaluation=mid,
        version=mid.version,
        met_on=period.starts_on,
        participants="Asiakas, ohjaaja",
    )
    final = services.evaluation_start(actor=people.worker, relationship=relationship, kind="final")

    browser.login(people.worker.username, PASSWORD)
    if language == "sv":
        browser.click('button[name="language"][value="sv"]')
    browser.get(f"/arviointi/asiakkuus/{relationship.pk}/")
    text = browser.text()
    assert ("Mål och utvärdering" if language == "sv" else "Tavoitteet ja arviointi") in text
    charts = browser.driver.find_elements("css selector", 'svg[role="img"]')
    # Each chart is drawn for a wide page and for a phone; the page's width shows one of them.
    assert len(charts) == 4
    assert len([chart for chart in charts if chart.is_displayed()]) == 2
    browser.screenshot(f"evaluation-overview-{language}")
    browser.get(f"/arviointi/{final.pk}/")
    assert ("Slututvärdering" if language == "sv" else "Loppuarviointi") in browser.text("h1")
    browser.screenshot(f"evaluation-final-{language}")
    browser.get(f"/arviointi/asiakkuus/{relationship.pk}/tavoite/")
    browser.click(".logout button")

    browser.login(people.place_supervisor.username, PASSWORD)
    if language == "sv":
        browser.click('button[name="language"][value="sv"]')
    browser.get("/arviointi/paikka/")
    browser.get(f"/arviointi/paikka/{final.pk}/")
    browser.driver.find_element(
        "css selector", 'input[name="value_punctuality"][value="3"]'
    ).click()
    browser.submit_and_wait()
    assert final.sections.get(part="place").data["punctuality"]["value"] == 3
    browser.screenshot(f"evaluation-place-{language}")
    browser.click(".logout button")

    browser.login(me.username, PASSWORD)
    if language == "sv":
        browser.click('button[name="language"][value="sv"]')
    browser.get("/arviointi/omat/")
    assert ("Mina mål" if language == "sv" else "Omat tavoitteeni") in browser.text("h1")
    browser.get(f"/arviointi/omat/{mid.pk}/")
    browser.get(f"/arviointi/omat/{final.pk}/")
    browser.screenshot(f"evaluation-client-{language}")
