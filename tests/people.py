"""One small deployment with a user for every role, used by permission and matrix tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.clients import services
from polku.clients.models import Client, ClientRelationship, Meeting, WorkerAssignment
from polku.core import clock
from tests.factories import ClientFactory, PlaceFactory, UnitFactory, UserFactory, role_user

ROLE_NAMES = (
    "worker",
    "worker_other_unit",
    "decision_maker",
    "place_supervisor",
    "client",
    "manager",
    "employment_official",
    "administrator",
    "no_role",
)


@dataclass
class People:
    organiser: Unit
    unit: Unit
    other_unit: Unit
    place: Unit
    company_place: Unit
    employment_authority: Unit
    worker: User
    worker_other_unit: User
    decision_maker: User
    place_supervisor: User
    client: User
    client_record: Client
    manager: User
    employment_official: User
    administrator: User
    no_role: User
    relationship: ClientRelationship
    meeting: Meeting
    other_relationship: ClientRelationship
    handover: WorkerAssignment


def build_people() -> People:
    organiser = UnitFactory.create(kind=UnitKind.ORGANISER, name="Testilän hyvinvointialue")
    unit = UnitFactory.create(name="Aikuissosiaalityö, Testilä", parent=organiser)
    other_unit = UnitFactory.create(name="Aikuissosiaalityö, Muualla", parent=organiser)
    place = PlaceFactory.create(name="Toimintakeskus Testi", parent=organiser)
    company_place = PlaceFactory.create(
        name="Testi Oy", parent=organiser, producer_type=ProducerType.COMPANY
    )
    tvv = UnitFactory.create(
        kind=UnitKind.EMPLOYMENT_AUTHORITY, name="Testilän työllisyysalue", joint_plan_access=True
    )
    client_user = role_user(Role.CLIENT, unit, first_name="Kalle", last_name="Asiakas")
    client_record = ClientFactory.create(first_name="Kalle", last_name="Asiakas", user=client_user)
    worker = role_user(
        Role.WORKER, unit, first_name="Sanna", last_name="Ohjaaja", title="sosiaaliohjaaja"
    )
    decision_maker = role_user(Role.DECISION_MAKER, unit)
    relationship = build_relationship(worker=worker, client=client_record, unit=unit)
    meeting = services.meeting_book(
        actor=worker,
        relationship=relationship,
        # 10.00 Helsinki time the day after tomorrow: tests can book around it on the same day.
        starts_at=(timezone.localtime(clock.now()) + dt.timedelta(days=2)).replace(
            hour=10, minute=0, second=0, microsecond=0
        ),
        duration_minutes=60,
        channel="in_person",
        location="Torikatu 5",
    )
    other_relationship = build_relationship(worker=decision_maker, unit=unit)
    handover = services.handover_propose(
        actor=decision_maker,
        relationship=other_relationship,
        worker=worker,
        note="Siirto lomien ajaksi.",
    )
    return People(
        organiser=organiser,
        unit=unit,
        other_unit=other_unit,
        place=place,
        company_place=company_place,
        employment_authority=tvv,
        worker=worker,
        worker_other_unit=role_user(Role.WORKER, other_unit),
        decision_maker=decision_maker,
        place_supervisor=role_user(Role.PLACE_SUPERVISOR, place),
        client=client_user,
        client_record=client_record,
        manager=role_user(Role.MANAGER, organiser),
        employment_official=role_user(Role.EMPLOYMENT_OFFICIAL, tvv),
        administrator=role_user(Role.ADMINISTRATOR, organiser),
        no_role=UserFactory.create(),
        relationship=relationship,
        meeting=meeting,
        other_relationship=other_relationship,
        handover=handover,
    )


def build_relationship(
    *, worker: User | None, unit: Unit, client: Client | None = None, days_ago: int = 10
) -> ClientRelationship:
    """A relationship opened through the services; assigned to ``worker`` when given."""
    from polku.accounts.models import RoleAssignment

    receiver = worker or RoleAssignment.objects.filter(unit=unit, role=Role.WORKER).first().user  # type: ignore[union-attr]
    person = client or ClientFactory.create()
    relationship = services.relationship_open(
        actor=receiver,
        client=person,
        unit=unit,
        started_on=clock.today() - dt.timedelta(days=days_ago),
        source="self",
        reason="Pitkäaikainen työttömyys, asiakas haluaa päästä mukaan toimintaan.",
    )
    if worker is not None:
        services.worker_assign(actor=worker, relationship=relationship, worker=worker)
    return relationship
