"""The notice to the chief shop steward and the decision, as a user meets them: the PDFs read
back by their text, the steward notice holding nothing but the name and §9 items 1–3, the
disclosure logged, and the decision maker signing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.core.tests.test_documents import pdf_text
from polku.placements.models import Decision, DecisionStatus, PlaceProfile, StewardNotice
from tests.people import People
from tests.url_matrix import decision_of, period_of

pytestmark = pytest.mark.django_db


def test_the_steward_notice_holds_only_the_name_and_section_9_items(
    client: HttpClient, people: People
) -> None:
    period = period_of(people)
    PlaceProfile.objects.update_or_create(
        place=period.place, defaults={"steward_name": "Pirjo Pääluottamus"}
    )
    person = period.relationship.client
    person.street_address = "Salainen katu 5"
    person.phone = "040 999 8888"
    person.save()
    client.force_login(people.worker)
    url = reverse("placements:steward_notice", args=[period.pk])
    response = client.get(url, {"pdf": "1"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert person.full_name in text
    assert "Päivärytmi" in text  # the goal
    assert period.place.name in text
    assert "Pirjo Pääluottamus" in text
    for secret in (
        person.identity_code,
        person.masked_identity_code,
        "Salainen katu",
        "040 999 8888",
    ):
        assert secret not in text
    assert "Ei muita" not in text  # other services are not among items 1–3


def test_sending_the_notice_is_a_disclosure_and_before_the_start(
    client: HttpClient, people: People
) -> None:
    period = period_of(people)
    client.force_login(people.worker)
    url = reverse("placements:steward_notice", args=[period.pk])
    refused = client.post(url, {"sent_on": clock.today().strftime("%d.%m.%Y"), "method": "letter"})
    assert refused.status_code == 200
    assert "pääluottamusmiestä" in refused.content.decode()  # the place has none recorded
    PlaceProfile.objects.update_or_create(place=period.place, defaults={"steward_name": "Pirjo P"})
    late = client.post(url, {"sent_on": period.starts_on.strftime("%d.%m.%Y"), "method": "letter"})
    assert late.status_code == 200
    assert not StewardNotice.objects.exists()
    done = client.post(url, {"sent_on": clock.today().strftime("%d.%m.%Y"), "method": "letter"})
    assert done.status_code == 302
    event = AuditEvent.objects.get(kind=EventKind.DISCLOSURE, what="steward notice")
    assert (event.recipient, event.legal_basis) == ("chief_shop_steward", "189/2001 §16")


def test_the_decision_maker_signs_and_the_pdf_prints_the_deadline(
    client: HttpClient, people: People
) -> None:
    decision = decision_of(people)
    client.force_login(people.decision_maker)
    page = client.get(reverse("placements:decision", args=[decision.pk]))
    assert page.status_code == 200
    assert "Tee ja allekirjoita" in page.content.decode()
    assert AuditEvent.objects.filter(
        kind=EventKind.ACCESS, what="decision page", basis="decision_maker"
    ).exists()
    bad = client.post(
        reverse("placements:decision_make", args=[decision.pk]),
        {"decided_on": "", "version": decision.version},
    )
    assert "Anna päätöksen päivämäärä." in bad.content.decode()
    today = clock.today().strftime("%d.%m.%Y")
    made = client.post(
        reverse("placements:decision_make", args=[decision.pk]),
        {"decided_on": today, "version": decision.version},
    )
    assert made.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DECIDED
    delivered = client.post(
        reverse("placements:decision_deliver", args=[decision.pk]),
        {"method": "handed_over", "sent_on": today},
    )
    assert delivered.status_code == 302
    text = pdf_text(client.get(reverse("placements:decision_pdf", args=[decision.pk])).content)
    assert "Oikaisuvaatimusohje" in text
    assert decision.decision_maker.get_full_name() in text
    assert decision.drafted_by.get_full_name() in text  # the preparer in the header
    assert decision.relationship.client.full_name in text
    assert "3 päivänä viikossa" in text or "3 päivää viikossa" in text
    # The deadline follows from the delivery, after the decision: the page shows it.
    shown = client.get(reverse("placements:decision", args=[decision.pk])).content.decode()
    deadline = clock.today() + dt.timedelta(days=30)
    assert "Oikaisuvaatimus viimeistään" in shown
    assert f"{deadline.year}" in shown


def test_a_made_decision_is_stored_as_made(client: HttpClient, people: People) -> None:
    decision = decision_of(people)
    services_make(people, decision)
    decision.refresh_from_db()
    stored = bytes(decision.document)
    assert pdf_text(stored).count("Oikaisuvaatimusohje") == 1
    Decision.objects.filter(pk=decision.pk).update(grounds="Muutettu jälkikäteen")
    client.force_login(people.worker)
    served = client.get(reverse("placements:decision_pdf", args=[decision.pk])).content
    assert served == stored
    assert "Muutettu jälkikäteen" not in pdf_text(served)


def services_make(people: People, decision: Decision) -> None:
    from polku.placements import services

    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )


def test_a_made_decision_keeps_its_appeal_text_version(people: People) -> None:
    decision = decision_of(people)
    assert Decision.objects.get(pk=decision.pk).appeal_text_version == ""


@pytest.mark.parametrize(
    ("language", "expected", "absent", "filename"),
    [
        (
            "sv",
            [
                "Anmälan till huvudförtroendemannen",
                "Om arbetsverksamhet i rehabiliteringssyfte",
                "Deltagaren står inte i anställningsförhållande till platsen",
                "Anordnaren av verksamheten ansvarar för deltagarens olycksfallsförsäkring",
            ],
            ["Tietoa kuntouttavasta työtoiminnasta", "Osallistuja"],
            "anmalan-till-huvudfortroendeman.pdf",
        ),
        (
            "fi",
            [
                "Tietoa kuntouttavasta työtoiminnasta",
                "Osallistuja ei ole työsuhteessa paikkaan",
            ],
            ["Om arbetsverksamhet", "Deltagaren"],
            "ilmoitus-paaluottamusmiehelle.pdf",
        ),
        # English is not a language of the notice: a Finnish notice.
        ("en", ["Tietoa kuntouttavasta työtoiminnasta"], ["Deltagaren", "About"], None),
    ],
)
def test_the_steward_notice_is_in_the_clients_language_with_its_leaflet(
    client: HttpClient, people: People, language, expected, absent, filename
) -> None:
    period = period_of(people)
    PlaceProfile.objects.update_or_create(
        place=period.place, defaults={"steward_name": "Pirjo Pääluottamus"}
    )
    person = period.relationship.client
    person.language = language
    person.save()
    client.force_login(people.worker)  # a Finnish-speaking worker
    response = client.get(reverse("placements:steward_notice", args=[period.pk]), {"pdf": "1"})
    text = " ".join(pdf_text(response.content).split())
    for words in expected:
        assert words in text
    for words in absent:
        assert words not in text
    assert person.full_name in text
    assert period.starts_on.strftime("%-d.%-m.%Y") in text
    if filename:
        assert filename in response["Content-Disposition"]
