"""The relationship's eligibility page: labels and reasons in the viewer's language, the inputs
saved with a change event and the read logged, contradictory inputs refused on the form, who
may open it, and the rule versions on the configuration site."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import Client
from polku.eligibility.models import EligibilityCheck, EligibilityRule, Route
from tests.people import People

pytestmark = pytest.mark.django_db

BORN = dt.date(2000, 6, 15)


def url(people: People) -> str:
    return reverse("eligibility:eligibility", args=[people.relationship.pk])


def visible_text(html: str) -> str:
    body = html.split("<main", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def form(**overrides: str) -> dict[str, str]:
    data = {
        "assessed_on": "31.12.2025",
        "subsidy_days_total": "600",
        "subsidy_days_12m": "200",
        "social_assistance_main_income": "no",
        "employment_plan": "employment_plan",
    }
    data.update(overrides)
    return data


@pytest.fixture
def worker(client: HttpClient, people: People) -> HttpClient:
    Client.objects.filter(pk=people.client_record.pk).update(birth_date=BORN)
    client.force_login(people.worker)
    return client


def test_the_page_is_linked_from_the_client_page(worker: HttpClient, people: People) -> None:
    page = worker.get(reverse("clients:detail", args=[people.client_record.pk]))
    assert url(people) in page.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fi",
            [
                "Polku kertoo, viranhaltija päättää.",
                "Työmarkkinatukipäivät yhteensä",
                "Onko toimeentulotuki asiakkaan pääasiallinen toimeentulo?",
                "Monialainen työllistymissuunnitelma",
                "Työttömyysetuuden seuraamukset",
            ],
        ),
        (
            "sv",
            [
                "Polku informerar, tjänsteinnehavaren beslutar.",
                "Dagar med arbetsmarknadsstöd totalt",
                "Är utkomststöd klientens huvudsakliga försörjning?",
                "Sektorsövergripande sysselsättningsplan",
                "Sanktioner i arbetslöshetsförmånen",
            ],
        ),
    ],
)
def test_the_page_speaks_the_viewers_language(
    worker: HttpClient, people: People, language: str, words: list[str]
) -> None:
    worker.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = worker.get(url(people))
    assert page.status_code == 200
    text = visible_text(page.content.decode())
    for word in words:
        assert word in text


def test_saving_shows_the_route_and_reasons_in_the_viewers_language(
    worker: HttpClient, people: People
) -> None:
    response = worker.post(url(people), form())
    assert response.status_code == 302
    check = EligibilityCheck.objects.get()
    assert check.route == Route.ACTIVATION_PLAN
    assert check.rule is not None
    assert check.rule.valid_from == dt.date(2025, 1, 1)

    fi = visible_text(worker.get(url(people)).content.decode())
    assert "Aktivointisuunnitelma" in fi
    assert "Asiakas on 31.12.2025 25-vuotias eli täyttänyt 25 vuotta." in fi
    assert "sääntö voimassa 1.1.2025–31.12.2025" in fi
    assert "600 päivältä" in fi

    worker.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    sv = visible_text(worker.get(url(people)).content.decode())
    assert "Aktiveringsplan" in sv
    assert "regeln gäller 1.1.2025–31.12.2025" in sv
    assert "Aktivointisuunnitelma" not in sv
    for raw in ("activation_plan", "employment_plan", "not_within", "True", "False", "None"):
        assert raw not in fi
        assert raw not in sv


def test_the_form_keeps_the_saved_inputs_for_a_correction(
    worker: HttpClient, people: People
) -> None:
    """After saving, the form shows the saved inputs (the date is today's), not empty fields."""
    assert worker.post(url(people), form()).status_code == 302
    page = worker.get(url(people)).content.decode()
    data = form()
    for name in ("subsidy_days_total", "subsidy_days_12m"):
        assert re.search(rf'name="{name}" value="{data[name]}"', page), name
    for name in ("social_assistance_main_income", "employment_plan"):
        assert re.search(rf'name="{name}" value="{data[name]}"[^>]*checked', page), name


def test_a_case_the_day_the_new_rule_takes_effect_is_judged_by_it(
    worker: HttpClient, people: People
) -> None:
    worker.post(url(people), form(assessed_on="1.1.2026"))
    check = EligibilityCheck.objects.get()
    assert check.route == Route.MTS
    text = visible_text(worker.get(url(people)).content.decode())
    assert "HE 109/2025" in text
    assert "1.1.2026 alkaen" in text


def test_saving_writes_a_change_event_and_reading_an_access_event(
    worker: HttpClient, people: People
) -> None:
    before = AuditEvent.objects.count()
    worker.get(url(people))
    read = AuditEvent.objects.order_by("pk").last()
    assert read is not None
    assert AuditEvent.objects.count() == before + 1
    assert (read.kind, read.what, read.client_id) == (
        EventKind.ACCESS,
        "eligibility page",
        people.client_record.pk,
    )
    assert read.basis == "responsible_worker"

    worker.post(url(people), form())
    check = EligibilityCheck.objects.get()
    change = AuditEvent.objects.get(kind=EventKind.CHANGE, what="eligibility check")
    assert change.record_id == str(check.pk)
    assert change.client_id == people.client_record.pk
    assert change.actor_id == people.worker.pk
    assert change.changes["subsidy_days_total"] == [None, 600]
    assert change.changes["route"] == [None, "activation_plan"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"subsidy_days_total": "100", "subsidy_days_12m": "101"},
            "Viimeisen 12 kalenterikuukauden päiviä ei voi olla enemmän kuin päiviä yhteensä.",
        ),
        (
            {"subsidy_days_total": "900", "subsidy_days_12m": "367"},
            "12 kalenterikuukaudessa on enintään 366 päivää.",
        ),
        ({"subsidy_days_total": "-5"}, "Päivien määrä ei voi olla negatiivinen."),
        (
            {"assessed_on": "14.6.2000"},
            "Päivä ei voi olla ennen asiakkaan syntymäpäivää (15.6.2000).",
        ),
    ],
)
def test_contradictory_inputs_are_refused_on_the_form(
    worker: HttpClient, people: People, overrides: dict[str, str], message: str
) -> None:
    response = worker.post(url(people), form(**overrides))
    assert response.status_code == 200
    assert message in visible_text(response.content.decode())
    assert not EligibilityCheck.objects.exists()
    assert not AuditEvent.objects.filter(kind=EventKind.CHANGE, what="eligibility check").exists()


def test_the_sanction_section_shows_what_the_rules_say(worker: HttpClient, people: People) -> None:
    fi = visible_text(worker.get(url(people), {"failures": "2"}).content.decode())
    assert "Toinen laiminlyönti 12 kuukauden aikana: sääntöjen mukaan 7 päivää ilman etuutta" in fi
    assert "1290/2002" in fi
    assert "2.5.2022 alkaen" in fi
    worker.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    sv = visible_text(worker.get(url(people), {"failures": "4"}).content.decode())
    assert "ingen förmån förrän skyldigheten att vara i arbete har uppfyllts" in sv
    refused = worker.get(url(people), {"failures": "-1"}).content.decode()
    assert "Kontrollera följande" in visible_text(refused)
    assert 'class="reasons"' not in refused


def test_a_decision_maker_with_a_basis_reads_and_records(
    client: HttpClient, people: People
) -> None:
    from tests.url_matrix import decision_of

    relationship = decision_of(people).relationship
    address = reverse("eligibility:eligibility", args=[relationship.pk])
    client.force_login(people.decision_maker)
    assert client.get(address).status_code == 200
    read = AuditEvent.objects.filter(what="eligibility page").order_by("pk").last()
    assert read is not None
    assert read.basis == "decision_maker"
    response = client.post(address, form(assessed_on="1.6.2026"))
    assert response.status_code == 302
    assert EligibilityCheck.objects.get().recorded_by == people.decision_maker


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("worker_other_unit", 404),
        ("decision_maker", 404),  # no basis on this relationship
        ("place_supervisor", 403),
        ("client", 403),
        ("manager", 403),
        ("administrator", 403),
    ],
)
def test_who_may_not_open_the_page(
    client: HttpClient, people: People, who: str, status: int
) -> None:
    client.force_login(getattr(people, who))
    assert client.get(url(people)).status_code == status
    assert client.post(url(people), form()).status_code == status
    assert not EligibilityCheck.objects.exists()


def test_the_administrator_adds_a_rule_version_on_the_configuration_site(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    add = reverse("admin:eligibility_eligibilityrule_add")
    assert client.get(add).status_code == 200
    data = {
        "valid_from": "1.1.2027",
        "valid_to": "",
        "section": "189/2001 3 § (muutos 2027)",
        "note": "",
        "age_limit": "30",
        "days_12m_under_limit": "",
        "days_total_at_limit": "",
        "assistance_months_under_limit": "",
        "assistance_months_at_limit": "",
        "assistance_routes_to_activation_plan": "on",
        "benefit_routes_to_mts": "on",
        "mts_section": "381/2023",
    }
    refused = client.post(add, data | {"valid_to": "31.12.2026"})
    assert refused.status_code == 200
    assert "Päättymispäivä ei voi olla ennen alkamispäivää." in refused.content.decode()
    response = client.post(add, data)
    assert response.status_code == 302
    rule = EligibilityRule.objects.get(valid_from=dt.date(2027, 1, 1))
    assert rule.age_limit == 30
    assert not rule.employment_plan_required
    event = AuditEvent.objects.get(record_id=str(rule.pk), what="configuration")
    assert event.changes["age_limit"] == [None, 30]
    # Nobody deletes a version.
    assert (
        client.get(reverse("admin:eligibility_eligibilityrule_delete", args=[rule.pk])).status_code
        == 403
    )


def test_the_seeded_versions_are_listed_on_the_configuration_site(
    client: HttpClient, people: People
) -> None:
    client.force_login(people.administrator)
    page = client.get(reverse("admin:eligibility_eligibilityrule_changelist")).content.decode()
    assert "3 sääntöversiota" in page
    assert "HE 109/2025" in page
    page = client.get(reverse("admin:eligibility_sanctionrule_changelist")).content.decode()
    assert "1290/2002" in page
