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
from polku.placements.models import DecisionKind, Period, PeriodKind, PeriodStatus
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


def test_a_swedish_clients_info_package_is_all_in_swedish_whoever_prints_it(
    client: HttpClient, people: People
) -> None:
    """The document's name was made in the language of the page it was printed from: a
    Finnish worker's Swedish copy was titled in Finnish, and a Swedish-speaking viewer's
    Finnish copy in Swedish."""
    period = period_of(people)
    person = period.relationship.client
    person.language = "sv"
    person.save(update_fields=["language"])
    client.force_login(people.worker)  # the page is in Finnish
    url = reverse("placements:period", args=[period.pk])
    for_client = pdf_text(client.get(url, {"pdf": "client"}).content)
    assert "Informationspaket för arbetsverksamhetsperioden" in for_client
    assert "Tietopaketti työtoimintajaksoa varten" not in for_client
    client.cookies["polku_language"] = "sv"  # the place's copy stays Finnish
    for_place = pdf_text(client.get(url, {"pdf": "place"}).content)
    assert "Informationspaket" not in for_place


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


def introductory(people: People, *, decided: bool = True) -> Period:
    """An introductory period at S10, with its decision made unless `decided` is False."""
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
    if decided:
        decide_introductory(people, period)
    relationship.stage = Stage.S10_INTRODUCTORY_PERIOD
    relationship.save(update_fields=["stage"])
    period.refresh_from_db()
    return period


def decide_introductory(people: People, period: Period) -> None:
    decision = services.decision_draft(
        actor=people.worker,
        relationship=period.relationship,
        kind=DecisionKind.INTRODUCTORY_PERIOD,
        period=period,
        decision_maker=people.decision_maker,
        grounds="Paikan sopivuus selvitetään tutustumisjaksolla.",
    )
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )


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


def test_an_introductory_period_ends_only_at_s10(people: People) -> None:
    period = introductory(people)
    relationship = period.relationship
    for stage in (Stage.S9_KUTY_STARTS, Stage.S11_PERIOD, Stage.S5_ACTIVATION_PLAN):
        relationship.stage = stage
        relationship.save(update_fields=["stage"])
        with pytest.raises(ValidationError) as refused:
            services.introductory_period_conclude(
                actor=people.worker,
                period=period,
                outcome="continue",
                note="Sopii hyvin.",
                version=period.version,
            )
        assert refused.value.error_list[0].code == PlacementError.WRONG_STAGE
        assert "S10" in refused.value.messages[0]
    period.refresh_from_db()
    assert period.outcome == ""
    assert period.status != PeriodStatus.ENDED


def test_an_introductory_period_ends_only_after_its_decision(people: People) -> None:
    period = introductory(people, decided=False)
    with pytest.raises(ValidationError) as refused:
        services.introductory_period_conclude(
            actor=people.worker,
            period=period,
            outcome="continue",
            note="Sopii hyvin.",
            version=period.version,
        )
    assert refused.value.error_list[0].code == PlacementError.DECISION_NOT_MADE
    assert refused.value.messages == ["Tästä tutustumisjaksosta ei ole vielä tehty päätöstä."]
    # A draft is not enough; the made decision is.
    decide_introductory(people, period)
    period.refresh_from_db()
    services.introductory_period_conclude(
        actor=people.worker,
        period=period,
        outcome="continue",
        note="Sopii hyvin.",
        version=period.version,
    )
    period.refresh_from_db()
    assert period.outcome == "continue"


def test_a_full_period_has_no_introductory_outcome(people: People) -> None:
    period = period_of(people)
    with pytest.raises(ValidationError) as refused:
        services.introductory_period_conclude(
            actor=people.worker, period=period, outcome="continue", note="x", version=period.version
        )
    assert refused.value.error_list[0].code == PlacementError.WRONG_STAGE


def test_back_in_mapping_after_the_introductory_period_a_new_second_plan_is_drafted(
    people: People,
) -> None:
    from polku.pathways import services as pathway_services
    from polku.pathways.errors import PathwayError
    from polku.pathways.models import ActivationPlan, PlanStatus

    period = introductory(people)
    relationship = period.relationship
    services.introductory_period_conclude(
        actor=people.worker,
        period=period,
        outcome="back_to_mapping",
        note="Paikka ei sopinut; kartoitetaan muita vaihtoehtoja.",
        version=period.version,
    )
    relationship.refresh_from_db()
    pathway_services.transition(
        actor=people.worker, relationship=relationship, target=Stage.S5_ACTIVATION_PLAN
    )
    relationship.refresh_from_db()
    pathway_services.transition(
        actor=people.worker, relationship=relationship, target=Stage.S6_REFLECTION
    )
    relationship.refresh_from_db()
    old = ActivationPlan.objects.filter(relationship=relationship, round=2).get()
    assert old.status == PlanStatus.SIGNED
    # The old signed second plan no longer speaks for the pathway: S7 needs a new one, and
    # the place it chose is not the chosen place any more.
    from polku.pathways import machine
    from polku.placements.selectors import chosen_place

    assert machine.missing_for(relationship, Stage.S7_SECOND_PLAN) == [
        "Toista aktivointisuunnitelmaa ei ole vielä aloitettu."
    ]
    second = pathway_services.plan_second(
        actor=people.worker,
        relationship=relationship,
        chosen_option=None,
        how="phone",
        back_to_mapping=True,
    )
    assert second.round == 2
    assert second.status == PlanStatus.DRAFT
    assert second.number > old.number
    assert chosen_place(relationship) is None
    relationship.refresh_from_db()
    assert relationship.stage == Stage.S7_SECOND_PLAN
    # One second plan at a time: the new draft is finished, not started again.
    relationship.stage = Stage.S6_REFLECTION
    relationship.save(update_fields=["stage"])
    with pytest.raises(ValidationError) as refused:
        pathway_services.plan_second(
            actor=people.worker,
            relationship=relationship,
            chosen_option=None,
            how="phone",
            back_to_mapping=True,
        )
    assert refused.value.error_list[0].code == PathwayError.EXISTS
