"""Every pathway date is bounded by the events before it, and the error names the bound."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from polku.clients.models import Stage
from polku.core import clock
from polku.pathways import services
from polku.pathways.errors import PathwayError
from polku.pathways.models import ActivationPlan
from tests.builders import draft_plan, ready_to_sign, signed_plan
from tests.people import People

pytestmark = pytest.mark.django_db


def d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def sign(plan: ActivationPlan, people: People, signed_on: dt.date) -> ActivationPlan:
    return services.plan_sign(
        actor=people.worker,
        plan=plan,
        party="client",
        signer_name="X",
        method="paper",
        signed_on=signed_on,
    )


def test_a_signature_cannot_predate_the_relationship_or_the_notice(people: People) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    started = plan.relationship.started_on
    with pytest.raises(ValidationError) as error:
        sign(plan, people, dt.date(2020, 1, 1))
    (problem,) = error.value.error_dict["signed_on"]
    assert problem.code == PathwayError.BEFORE_RELATIONSHIP
    assert problem.messages == [
        f"Päivämäärä ei voi olla ennen {d(started)}, jolloin asiakkuus alkoi."
    ]
    assert plan.notice_given_on is not None
    with pytest.raises(ValidationError) as error:
        sign(plan, people, plan.notice_given_on - dt.timedelta(days=1))
    (problem,) = error.value.error_dict["signed_on"]
    assert problem.code == PathwayError.BEFORE_NOTICE
    assert d(plan.notice_given_on) in problem.messages[0]
    assert not plan.signatures.exists()
    sign(plan, people, plan.notice_given_on)
    assert plan.signatures.count() == 1


def test_the_notice_cannot_predate_the_relationship(people: People) -> None:
    plan = draft_plan(worker=people.worker, unit=people.unit)
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            actor=people.worker,
            plan=plan,
            version=plan.version,
            notice_given_on=dt.date(2020, 1, 1),
            notice_method="meeting",
        )
    assert error.value.error_dict["notice_given_on"][0].code == PathwayError.BEFORE_RELATIONSHIP


def test_a_visit_cannot_predate_the_first_plans_signing(client, people: People) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    assert plan.signed_on is not None
    option = plan.options.first()
    assert option is not None
    with pytest.raises(ValidationError) as error:
        services.visit_add(
            actor=people.worker,
            plan=plan,
            option=option,
            visited_on=dt.date(2020, 1, 1),
            with_worker=False,
            impression="",
        )
    assert error.value.error_dict["visited_on"][0].code == PathwayError.BEFORE_RELATIONSHIP
    ActivationPlan.objects.filter(pk=plan.pk).update(signed_on=clock.today() - dt.timedelta(days=1))
    day_before = clock.today() - dt.timedelta(days=2)
    client.force_login(people.worker)
    response = client.post(
        reverse("pathways:visit_add", args=[plan.pk]),
        {"option": option.pk, "visited_on": d(day_before), "impression": "Kiva"},
    )
    assert response.status_code == 200
    signed = d(clock.today() - dt.timedelta(days=1))
    assert (
        f"Päivämäärä ei voi olla ennen {signed}, jolloin ensimmäinen aktivointisuunnitelma "
        "allekirjoitettiin." in response.text
    )
    assert not plan.visits.exists()


def test_a_visit_needs_the_signed_first_plan(people: People) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    option = plan.options.first()
    assert option is not None
    with pytest.raises(ValidationError) as error:
        services.visit_add(
            actor=people.worker,
            plan=plan,
            option=option,
            visited_on=clock.today(),
            with_worker=False,
            impression="",
        )
    assert error.value.code == PathwayError.NO_FIRST
    assert not plan.visits.exists()


def test_every_refusal_has_a_code(people: People) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    for call in (
        lambda: services.plan_update(
            actor=people.worker,
            plan=plan,
            version=plan.version,
            notice_given_on=clock.today() + dt.timedelta(days=1),
            notice_method="meeting",
        ),
        lambda: services.plan_sign(
            actor=people.worker,
            plan=plan,
            party="client",
            signer_name=" ",
            method="paper",
            signed_on=clock.today(),
        ),
        lambda: services.transition(
            actor=people.worker, relationship=plan.relationship, target=Stage.S7_SECOND_PLAN
        ),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        leaves = (
            [leaf for leaves in error.value.error_dict.values() for leaf in leaves]
            if hasattr(error.value, "error_dict")
            else error.value.error_list
        )
        assert leaves
        assert all(leaf.code for leaf in leaves), error.value.messages
    assert not plan.signatures.exists()
