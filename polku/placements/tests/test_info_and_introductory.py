"""The info package (to the client, and to a place that is not the organiser's own unit) and
how an introductory period ends (S10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import ProducerType
from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import Stage
from polku.core import clock
from polku.core.tests.test_documents import pdf_text
from polku.pathways import machine
from polku.placements import services
from polku.placements.errors import PlacementError
from polku.placements.models import Period, PeriodKind, PeriodStatus
from polku.placements.selectors import chosen_place
from polku.placements.tests.builders import at_s8
from tests.people import People
from tests.url_matrix import period_of

pytestmark = pytest.mark.django_db


def test_the_client_and_the_place_get_their_own_info_packages(
    client: HttpClient, people: People
) -> None:
    period = period_of(people)
    person = period.relationship.client
    client.force_login(people.worker)
    url = reverse("placements:period", args=[period.pk])
    for_client = pdf_text(client.get(url, {"pdf": "client"}).content)
    assert "9,00 €" in for_client or "9.00 €" in for_client
    assert "Poissaolot" in for_client
    for_place = pdf_text(client.get(url, {"pdf": "place"}).content)
    assert person.full_name in for_place
    assert person.masked_identity_code not in for_place
    assert "Ei muita" not in for_place  # other services are not the place's business
    done = client.post(
        url,
        {
            "action": "info",
            "recipient": "place",
            "delivered_on": clock.today().strftime("%d.%m.%Y"),
            "method": "handed_over",
        },
    )
    assert done.status_code == 302
    event = AuditEvent.objects.get(kind=EventKind.DISCLOSURE, what="info package")
    assert event.recipient == "work_activity_place"


def test_the_organisers_own_unit_gets_no_info_package(people: People) -> None:
    period = period_of(people)
    place = period.place
    place.producer_type = ProducerType.OWN_UNIT
    place.save()
    with pytest.raises(ValidationError) as refused:
        services.info_package_deliver(
            actor=people.worker,
            period=period,
            recipient="place",
            delivered_on=clock.today(),
            method="letter",
        )
    assert refused.value.error_dict["recipient"][0].code == PlacementError.OWN_UNIT


def introductory(people: People) -> Period:
    relationship = at_s8(people)
    place = chosen_place(relationship)
    assert place is not None
    period = services.period_plan(
        actor=people.worker,
        relationship=relationship,
        place=place,
        kind=PeriodKind.INTRODUCTORY,
        starts_on=clock.today(),
        ends_on=clock.today() + dt.timedelta(days=13),
        weekdays="123",
        hours_per_day=Decimal(4),
        goal="Kokeilla paikkaa",
        description="Tutustumisjakso",
        tasks="",
        support_and_guidance="Ohjaaja",
        other_services="Ei muita",
        evaluate_by=clock.today() + dt.timedelta(days=13),
    )
    relationship.stage = Stage.S10_INTRODUCTORY_PERIOD
    relationship.save(update_fields=["stage"])
    return period


def test_an_introductory_period_ends_with_a_choice_and_what_was_learnt(people: People) -> None:
    period = introductory(people)
    relationship = period.relationship
    assert machine.missing_for(relationship, Stage.S5_ACTIVATION_PLAN)
    with pytest.raises(ValidationError) as refused:
        services.introductory_period_conclude(
            actor=people.worker, period=period, outcome="", note=" ", version=period.version
        )
    assert set(refused.value.error_dict) == {"outcome", "note"}
    services.introductory_period_conclude(
        actor=people.worker,
        period=period,
        outcome="back_to_mapping",
        note="Paikka ei sopinut; kartoitetaan muita vaihtoehtoja.",
        version=period.version,
    )
    period.refresh_from_db()
    assert period.status == PeriodStatus.ENDED
    assert machine.missing_for(relationship, Stage.S5_ACTIVATION_PLAN) == []
    assert machine.missing_for(relationship, Stage.S11_PERIOD) == [
        "Tutustumisjaksoa ei ole vielä arvioitu."
    ]


def test_a_full_period_has_no_introductory_outcome(people: People) -> None:
    period = period_of(people)
    with pytest.raises(ValidationError) as refused:
        services.introductory_period_conclude(
            actor=people.worker, period=period, outcome="continue", note="x", version=period.version
        )
    assert refused.value.error_list[0].code == PlacementError.WRONG_STAGE
