"""The pathway state machine: every allowed transition with and without what it needs, and
every pair of stages that is not a transition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from polku.clients import services as client_services
from polku.clients.models import ClientRelationship, Outcome, Stage
from polku.core import clock
from polku.pathways import checks, machine, services
from polku.pathways.errors import PathwayError
from polku.pathways.models import ActivationPlan, Assessment, OptionKind
from tests.builders import draft_plan, ready_to_sign, relationship_after_first_meeting, signed_plan
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db
S = Stage


def at(relationship: ClientRelationship, stage: Stage) -> ClientRelationship:
    ClientRelationship.objects.filter(pk=relationship.pk).update(stage=stage)
    relationship.refresh_from_db()
    return relationship


def test_pairs_outside_the_machine_are_refused_with_an_explanation(people: People) -> None:
    allowed = set(machine.transitions())
    relationship = people.relationship
    refused = 0
    for source in Stage:
        for target in Stage:
            if source == target or (source, target) in allowed:
                continue
            missing = machine.missing_for(at(relationship, source), target)
            assert len(missing) == 1, (source, target)
            assert "ei siirry" in missing[0], (source, target)
            refused += 1
    assert refused == 15 * 14 - len(allowed)


def test_s1_to_s2_needs_the_responsible_worker(people: People) -> None:
    relationship = build_relationship(worker=None, unit=people.unit)
    assert machine.missing_for(relationship, S.S2_RESPONSIBLE_WORKER) == [
        "Vastuutyöntekijää ei ole vielä nimetty."
    ]
    client_services.worker_assign(
        actor=people.worker, relationship=relationship, worker=people.worker
    )
    relationship.refresh_from_db()
    assert relationship.stage == S.S2_RESPONSIBLE_WORKER  # the service moved it


def test_s2_to_s3_needs_a_booked_first_meeting(people: People) -> None:
    relationship = build_relationship(worker=people.worker, unit=people.unit)
    assert machine.missing_for(relationship, S.S3_FIRST_MEETING)
    client_services.meeting_book(
        actor=people.worker,
        relationship=relationship,
        # 16.00 local five days ahead: clear of the builders' 10.00, whatever the hour now.
        starts_at=timezone.make_aware(
            dt.datetime.combine(clock.today() + dt.timedelta(days=5), dt.time(16))
        ),
        duration_minutes=30,
        channel="phone",
    )
    relationship.refresh_from_db()
    assert relationship.stage == S.S3_FIRST_MEETING


def test_s3_branches_follow_the_first_meeting(people: People) -> None:
    booked = people.relationship  # first meeting booked, not held
    assert machine.missing_for(booked, S.S4_ASSESSMENT)
    assert machine.missing_for(booked, S.S5_ACTIVATION_PLAN)
    to_plan = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    assert machine.missing_for(to_plan, S.S5_ACTIVATION_PLAN) == []
    assert machine.missing_for(to_plan, S.S4_ASSESSMENT) == []
    client_plan = relationship_after_first_meeting(
        worker=people.worker, unit=people.unit, outcome=Outcome.CLIENT_PLAN
    )
    assert machine.missing_for(client_plan, S.S4_ASSESSMENT) == []
    assert machine.missing_for(client_plan, S.S5_ACTIVATION_PLAN) == [
        "Ensimmäisessä tapaamisessa kirjattu tulos ei johda tähän vaiheeseen."
    ]
    other = relationship_after_first_meeting(
        worker=people.worker, unit=people.unit, outcome=Outcome.OTHER_SERVICES
    )
    assert machine.missing_for(other, S.S4_ASSESSMENT)


def test_s4_to_s5_needs_a_completed_assessment(people: People) -> None:
    relationship = at(
        relationship_after_first_meeting(worker=people.worker, unit=people.unit), S.S4_ASSESSMENT
    )
    assert machine.missing_for(relationship, S.S5_ACTIVATION_PLAN) == [
        "Palvelutarpeen arviointi ei ole vielä valmis."
    ]
    services.document_save(
        actor=people.worker,
        model=Assessment,
        relationship=relationship,
        version=None,
        complete=True,
        fields={
            "summary": "Tarve arjen tukeen.",
            "conclusion": "Kuty sopii.",
            "client_view": "Haluan mukaan.",
        },
    )
    assert machine.missing_for(relationship, S.S5_ACTIVATION_PLAN) == []
    services.transition(actor=people.worker, relationship=relationship, target=S.S5_ACTIVATION_PLAN)
    assert relationship.stage == S.S5_ACTIVATION_PLAN


def test_s5_back_to_s4_is_always_allowed(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    assert machine.missing_for(plan.relationship, S.S4_ASSESSMENT) == []


def test_s5_to_s6_needs_the_signed_plan_and_a_decision_date(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    assert machine.missing_for(plan.relationship, S.S6_REFLECTION) == [
        "Kaikki osapuolet eivät ole vielä allekirjoittaneet aktivointisuunnitelmaa 1."
    ]
    plan = signed_plan(worker=people.worker, unit=people.unit)
    assert machine.missing_for(plan.relationship, S.S6_REFLECTION) == [
        "Päätökselle ei ole vielä sovittu määräpäivää."
    ]
    services.plan_reflection(
        actor=people.worker, plan=plan, reflection_due=clock.today() + dt.timedelta(days=14)
    )
    plan.relationship.refresh_from_db()
    assert plan.relationship.stage == S.S6_REFLECTION


def reflecting(people: People) -> ActivationPlan:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    services.plan_reflection(
        actor=people.worker, plan=plan, reflection_due=clock.today() + dt.timedelta(days=7)
    )
    plan.relationship.refresh_from_db()
    return plan


def test_s6_to_s7_needs_the_second_plan(people: People) -> None:
    plan = reflecting(people)
    assert machine.missing_for(plan.relationship, S.S7_SECOND_PLAN) == [
        "Toista aktivointisuunnitelmaa ei ole vielä aloitettu."
    ]
    services.plan_second(
        actor=people.worker,
        relationship=plan.relationship,
        chosen_option=plan.options.first(),
        how="phone",
    )
    plan.relationship.refresh_from_db()
    assert plan.relationship.stage == S.S7_SECOND_PLAN


def test_s7_to_s8_needs_a_signed_second_plan_with_a_place(people: People) -> None:
    plan = reflecting(people)
    second = services.plan_second(
        actor=people.worker,
        relationship=plan.relationship,
        chosen_option=plan.options.first(),
        how="meeting",
    )
    relationship = plan.relationship
    relationship.refresh_from_db()
    assert machine.missing_for(relationship, S.S8_INTRODUCTORY_VISIT) == [
        "Toista aktivointisuunnitelmaa ei ole vielä allekirjoitettu."
    ]
    assert machine.missing_for(relationship, S.S5_ACTIVATION_PLAN)  # not back to mapping
    for party in ("client", "worker", "official"):
        services.plan_sign(
            actor=people.worker,
            plan=second,
            party=party,
            signer_name="X",
            method="paper",
            signed_on=clock.today(),
        )
    assert machine.missing_for(relationship, S.S8_INTRODUCTORY_VISIT) == []
    services.transition(
        actor=people.worker, relationship=relationship, target=S.S8_INTRODUCTORY_VISIT
    )


def test_s7_back_to_mapping(people: People) -> None:
    plan = reflecting(people)
    services.plan_second(
        actor=people.worker,
        relationship=plan.relationship,
        chosen_option=None,
        how="phone",
        back_to_mapping=True,
    )
    relationship = plan.relationship
    relationship.refresh_from_db()
    assert machine.missing_for(relationship, S.S5_ACTIVATION_PLAN) == []
    assert machine.missing_for(relationship, S.S4_ASSESSMENT) == []
    assert machine.missing_for(relationship, S.S8_INTRODUCTORY_VISIT)


def test_s7_to_s8_refused_when_the_chosen_option_is_not_a_place(people: People) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    own = services.option_add(
        actor=people.worker, plan=plan, kind=OptionKind.OWN, note="Kansalaisopiston kurssi"
    )
    for party in ("client", "worker", "official"):
        plan = services.plan_sign(
            actor=people.worker,
            plan=plan,
            party=party,
            signer_name="X",
            method="paper",
            signed_on=clock.today(),
        )
    services.plan_reflection(actor=people.worker, plan=plan, reflection_due=clock.today())
    second = services.plan_second(
        actor=people.worker, relationship=plan.relationship, chosen_option=own, how="phone"
    )
    for party in ("client", "worker", "official"):
        services.plan_sign(
            actor=people.worker,
            plan=second,
            party=party,
            signer_name="X",
            method="paper",
            signed_on=clock.today(),
        )
    relationship = plan.relationship
    relationship.refresh_from_db()
    assert machine.missing_for(relationship, S.S8_INTRODUCTORY_VISIT) == [
        "Toiseen suunnitelmaan ei ole vielä valittu työtoimintapaikkaa."
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (S.S8_INTRODUCTORY_VISIT, S.S9_KUTY_STARTS),
        (S.S9_KUTY_STARTS, S.S10_INTRODUCTORY_PERIOD),
        (S.S9_KUTY_STARTS, S.S11_PERIOD),
        (S.S10_INTRODUCTORY_PERIOD, S.S11_PERIOD),
        (S.S11_PERIOD, S.S12_EVALUATION),
        (S.S12_EVALUATION, S.S13_CERTIFICATE),
        (S.S13_CERTIFICATE, S.S14_CLOSED),
        (S.S14_CLOSED, S.S15_FOLLOW_UP_CALL),
    ],
)
def test_later_stages_wait_for_what_is_recorded_there(
    people: People, source: Stage, target: Stage
) -> None:
    relationship = at(people.relationship, source)
    missing = machine.missing_for(relationship, target)
    assert missing
    assert all(m.endswith(".") for m in missing)
    with pytest.raises(ValidationError):
        services.transition(actor=people.worker, relationship=relationship, target=target)


def test_introductory_period_goes_back_to_mapping_once_it_ended_so(people: People) -> None:
    """The placements app records how the period ended (its tests walk the positive case)."""
    relationship = at(people.relationship, S.S10_INTRODUCTORY_PERIOD)
    assert machine.missing_for(relationship, S.S5_ACTIVATION_PLAN) == [
        "Tutustumisjakso ei päättynyt paluuseen kartoitukseen."
    ]


def test_an_ended_relationship_does_not_move(people: People) -> None:
    relationship = at(
        relationship_after_first_meeting(worker=people.worker, unit=people.unit), S.S3_FIRST_MEETING
    )
    ClientRelationship.objects.filter(pk=relationship.pk).update(ended_on=clock.today())
    relationship.refresh_from_db()
    assert machine.missing_for(relationship, S.S4_ASSESSMENT) == ["Asiakkuus on päättynyt."]


def test_transitions_are_audited_and_on_the_timeline(client, people: People) -> None:
    relationship = relationship_after_first_meeting(worker=people.worker, unit=people.unit)
    client.force_login(people.worker)
    from django.urls import reverse

    client.post(reverse("pathways:transition", args=[relationship.pk]), {"stage": "s4"})
    relationship.refresh_from_db()
    assert relationship.stage == S.S4_ASSESSMENT
    page = client.get(reverse("clients:detail", args=[relationship.client_id])).text
    assert "Palvelutarpeen arviointi ja asiakassuunnitelma" in page
    refused = client.post(
        reverse("pathways:transition", args=[relationship.pk]), {"stage": "s6"}, follow=True
    )
    assert "Vaihetta ei vaihdettu" in refused.text


def test_refusals_say_what_is_still_missing_in_the_error_and_under_the_buttons(
    client, people: People
) -> None:
    from django.urls import reverse

    relationship = at(
        relationship_after_first_meeting(worker=people.worker, unit=people.unit), S.S4_ASSESSMENT
    )
    client.force_login(people.worker)
    page = client.get(reverse("pathways:plans", args=[relationship.pk])).text
    assert "Palvelutarpeen arviointi ei ole vielä valmis." in page
    refused = client.post(
        reverse("pathways:transition", args=[relationship.pk]), {"stage": "s5"}, follow=True
    )
    assert "Vaihetta ei vaihdettu: Palvelutarpeen arviointi ei ole vielä valmis." in refused.text
    for source, target in machine.transitions():
        for sentence in machine.missing_for(at(people.relationship, source), target):
            assert " ei " in sentence or "ei " in sentence[:4] or "eivät" in sentence, sentence


def test_s7_holds_a_chosen_option_or_mapping_continues_never_both(people: People) -> None:
    from django.db import IntegrityError, transaction

    plan = reflecting(people)
    with pytest.raises(ValidationError) as error:
        services.plan_second(
            actor=people.worker,
            relationship=plan.relationship,
            chosen_option=plan.options.first(),
            how="phone",
            back_to_mapping=True,
        )
    assert error.value.error_dict["chosen_option"][0].code == PathwayError.CONTRADICTION
    assert not ActivationPlan.objects.filter(relationship=plan.relationship, round=2).exists()
    second = services.plan_second(
        actor=people.worker,
        relationship=plan.relationship,
        chosen_option=plan.options.first(),
        how="phone",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivationPlan.objects.filter(pk=second.pk).update(back_to_mapping=True)


def test_s7_to_s8_is_refused_for_a_contradictory_second_plan(people: People) -> None:
    """A plan saved before the constraint existed: the machine refuses it as well."""
    plan = reflecting(people)
    second = services.plan_second(
        actor=people.worker,
        relationship=plan.relationship,
        chosen_option=plan.options.first(),
        how="meeting",
    )
    for party in ("client", "worker", "official"):
        services.plan_sign(
            actor=people.worker,
            plan=second,
            party=party,
            signer_name="X",
            method="paper",
            signed_on=clock.today(),
        )
    relationship = plan.relationship
    relationship.refresh_from_db()
    assert machine.missing_for(relationship, S.S8_INTRODUCTORY_VISIT) == []
    second.refresh_from_db()
    assert checks.place_chosen_missing(second) == []
    second.back_to_mapping = True  # as if stored before the constraint existed
    assert checks.place_chosen_missing(second) == [
        "Toiseen suunnitelmaan on kirjattu, että kartoitus jatkuu, eikä valittua paikkaa."
    ]


def test_the_stepper_shows_a_skipped_assessment_as_skipped(client, people: People) -> None:
    from django.urls import reverse

    from polku.clients.selectors import stepper

    skipped = draft_plan(worker=people.worker, unit=people.unit).relationship  # S3 → S5
    states = {step.stage: step.state for step in stepper(skipped)}
    assert states[S.S3_FIRST_MEETING] == "done"
    assert states[S.S4_ASSESSMENT] == "skipped"
    assert states[S.S5_ACTIVATION_PLAN] == "current"
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[skipped.client_id])).text
    assert "(ohitettu)" in page
    assessed = at(
        relationship_after_first_meeting(worker=people.worker, unit=people.unit), S.S4_ASSESSMENT
    )
    services.document_save(
        actor=people.worker,
        model=Assessment,
        relationship=assessed,
        version=None,
        complete=True,
        fields={"summary": "Tarve.", "conclusion": "Kuty sopii.", "client_view": "Mukaan."},
    )
    services.transition(actor=people.worker, relationship=assessed, target=S.S5_ACTIVATION_PLAN)
    assert {step.stage: step.state for step in stepper(assessed)}[S.S4_ASSESSMENT] == "done"
