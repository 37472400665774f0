"""State builders for the pathway: reachable state, made through the real services."""

from __future__ import annotations

import datetime as dt

from polku.accounts.models import Unit, User
from polku.clients import services as client_services
from polku.clients.models import ClientRelationship, InformingTopic, Outcome
from polku.core import clock
from polku.pathways import services
from polku.pathways.models import ActivationPlan, OptionKind, Party
from tests.factories import PlaceFactory
from tests.people import build_relationship


def relationship_after_first_meeting(
    *, worker: User, unit: Unit, outcome: str = Outcome.ACTIVATION_PLAN
) -> ClientRelationship:
    """S3 with the first meeting held and recorded (a week ago)."""
    relationship = build_relationship(worker=worker, unit=unit, days_ago=20)
    week_ago = clock.now() - dt.timedelta(days=7)
    with clock.frozen(week_ago - dt.timedelta(days=1)):
        meeting = client_services.meeting_book(
            actor=worker,
            relationship=relationship,
            starts_at=week_ago,
            duration_minutes=60,
            channel="in_person",
        )
    with clock.frozen(week_ago + dt.timedelta(hours=2)):
        client_services.meeting_record(
            actor=worker,
            meeting=meeting,
            version=meeting.version,
            informing={topic: (True, "") for topic in InformingTopic.values},
            mark_held=True,
            overall_situation="Asuu yksin; päivärytmi puuttuu.",
            service_need="Arjen tuki.",
            client_wishes="Haluan tehdä jotain käsillä.",
            outcome=outcome,
        )
    relationship.refresh_from_db()
    return relationship


def draft_plan(*, worker: User, unit: Unit) -> ActivationPlan:
    """S5 with a first activation plan in draft."""
    relationship = relationship_after_first_meeting(worker=worker, unit=unit)
    return services.plan_start(actor=worker, relationship=relationship, plan_type="activation")


def ready_to_sign(*, worker: User, unit: Unit, options: int = 2) -> ActivationPlan:
    """A draft with the notice given, the information recorded and ``options`` options."""
    plan = draft_plan(worker=worker, unit=unit)
    plan = services.plan_update(
        actor=worker,
        plan=plan,
        version=plan.version,
        notice_given_on=clock.today() - dt.timedelta(days=3),
        notice_method="meeting",
        official_name="Tiina Työllisyys",
        education="Ammattikoulu, puuseppä",
        work_history="Varastotyöt 2010–2019",
        agreed_measures="Kuntouttava työtoiminta 3 päivää viikossa.",
        job_search_obligation="Ei työnhakuvelvoitetta jakson aikana.",
        last_resort_informed=True,
        benefits_informed=True,
    )
    places = [PlaceFactory.create(parent=unit.parent) for _ in range(options)]
    for place in places:
        services.option_add(actor=worker, plan=plan, kind=OptionKind.PLACE, place=place, note="")
    return plan


def signed_plan(*, worker: User, unit: Unit) -> ActivationPlan:
    plan = ready_to_sign(worker=worker, unit=unit)
    for party, name in (
        (Party.CLIENT, plan.relationship.client.full_name),
        (Party.WORKER, worker.get_full_name()),
        (Party.OFFICIAL, "Tiina Työllisyys"),
    ):
        plan = services.plan_sign(
            actor=worker,
            plan=plan,
            party=party,
            signer_name=name,
            method="in_person",
            signed_on=clock.today(),
        )
    return plan
