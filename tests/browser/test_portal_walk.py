"""A client walks their OmaPolku on a phone (390 px), in Finnish and in Swedish (issue 19): the
start page with their worker and phone hours, who does what, a meeting, the plan, goals and the
days left; their documents; a decision with its appeal deadline; the info package; their days;
the goals page. axe-core checks every page (conftest) and each is screenshotted."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.clients import services as client_services
from polku.core import clock
from polku.evaluation import services as evaluation_services
from polku.evaluation.tests.builders import goal_fields
from polku.placements import services as placement_services
from polku.placements.models import Decision
from polku.portal.models import ReachableTime
from tests.browser.conftest import PHONE_WIDTH, Browser
from tests.factories import PASSWORD, role_user
from tests.people import build_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fi": {
        "worker": "Oma työntekijäsi",
        "hours": "Voit soittaa näinä päivinä: maanantai, tiistai, torstai, klo 09.00–11.00.",
        "who": "Kuka tekee mitä",
        "meeting": "Missä: Torikatu 5",
        "goal": "Tulen ajoissa kolmena päivänä viikossa.",
        "days_left": "Päiviä jäljellä",
        "documents": "Omat asiakirjasi",
        "deadline": "voit pyytää siihen oikaisua viimeistään",
        "appeal": "Jos päätös on mielestäsi väärä",
        "info": "Tietopaketti",
        "rules": "Kuntouttava työtoiminta ei ole työsuhde.",
        "my_days": "Sinun päiväsi",
    },
    "sv": {
        "worker": "Din egen kontaktperson",
        "hours": "Du kan ringa de här dagarna: måndag, tisdag, torsdag, kl. 09.00–11.00.",
        "who": "Vem gör vad",
        "meeting": "Var: Torikatu 5",
        "goal": "Tulen ajoissa kolmena päivänä viikossa.",
        "days_left": "Dagar kvar",
        "documents": "Dina handlingar",
        "deadline": "kan du begära omprövning senast den",
        "appeal": "Om du tycker att beslutet är fel",
        "info": "Informationspaket",
        "rules": "Arbetsverksamheten är inte ett arbete.",
        "my_days": "Dina dagar",
    },
}


def _seed_template() -> None:
    """Transactional tests flush the tables, data migrations included: put the form back."""
    importlib.import_module("polku.evaluation.migrations.0002_first_template").forward(apps, None)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_client_walks_omapolku_on_a_phone(browser: Browser, language: str) -> None:
    _seed_template()
    people = build_people()
    period = running_period(people)
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma.asiakas")
    person.save(update_fields=["user"])
    ReachableTime.objects.create(
        user=people.worker,
        phone="029 123 4511",
        weekdays="124",
        starts_at=dt.time(9),
        ends_at=dt.time(11),
    )
    evaluation_services.goal_create(
        actor=people.worker,
        relationship=period.relationship,
        **goal_fields(wording="Tulen ajoissa kolmena päivänä viikossa."),
    )
    client_services.meeting_book(
        actor=people.worker,
        relationship=period.relationship,
        starts_at=(timezone.localtime(clock.now()) + dt.timedelta(days=3)).replace(
            hour=13, minute=0, second=0, microsecond=0
        ),
        duration_minutes=60,
        channel="in_person",
        location="Torikatu 5",
    )
    decision = Decision.objects.get(period=period)
    placement_services.decision_deliver(
        actor=people.worker, decision=decision, method="letter", sent_on=decision.decided_on
    )
    words = WORDS[language]

    browser.driver.set_window_size(PHONE_WIDTH, 844)
    try:
        browser.login("oma.asiakas", PASSWORD)
        assert browser.path == "/omapolku/"
        if language == "sv":
            browser.click('button[name="language"][value="sv"]')
        main = browser.text("main")
        for key in ("worker", "hours", "who", "meeting", "goal", "days_left"):
            assert words[key] in main, key
        assert people.worker.get_full_name() in main
        assert people.decision_maker.get_full_name() in main
        assert people.place_supervisor.get_full_name() in main
        browser.screenshot(f"portal-start-{language}-phone", width=PHONE_WIDTH)

        browser.click('main a[href="/omapolku/asiakirjat/"]')
        assert words["documents"] in browser.text("h1")
        assert words["deadline"] in browser.text("main")
        browser.screenshot(f"portal-documents-{language}-phone", width=PHONE_WIDTH)

        browser.click(f'main a[href="/omapolku/asiakirjat/paatokset/{decision.pk}/"]')
        assert words["appeal"] in browser.text("main")
        browser.screenshot(f"portal-decision-{language}-phone", width=PHONE_WIDTH)

        browser.get(f"/omapolku/asiakirjat/tietopaketti/{period.pk}/")
        assert words["info"] in browser.text("h1")
        assert words["rules"] in browser.text("main")
        browser.screenshot(f"portal-info-package-{language}-phone", width=PHONE_WIDTH)

        browser.get("/omapolku/paivani/")
        assert words["my_days"] in browser.text("h1")
        assert words["days_left"] in browser.text("main")

        browser.get("/arviointi/omat/")
        assert "Tulen ajoissa kolmena päivänä viikossa." in browser.text("main")
    finally:
        browser.driver.set_window_size(1280, 900)
    assert {
        "/omapolku/",
        "/omapolku/asiakirjat/",
        f"/omapolku/asiakirjat/paatokset/{decision.pk}/",
        f"/omapolku/asiakirjat/tietopaketti/{period.pk}/",
        "/omapolku/paivani/",
    } <= set(browser.checked)
