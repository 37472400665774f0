"""One small deployment with a user for every role, used by permission and matrix tests."""

from __future__ import annotations

from dataclasses import dataclass

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.clients.models import Client
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


def build_people() -> People:
    organiser = UnitFactory.create(kind=UnitKind.ORGANISER, name="Testilän hyvinvointialue")
    unit = UnitFactory.create(name="Aikuissosiaalityö, Testilä", parent=organiser)
    other_unit = UnitFactory.create(name="Aikuissosiaalityö, Muualla", parent=organiser)
    place = PlaceFactory.create(name="Toimintakeskus Testi", parent=organiser)
    company_place = PlaceFactory.create(
        name="Testi Oy", parent=organiser, producer_type=ProducerType.COMPANY
    )
    tvv = UnitFactory.create(kind=UnitKind.EMPLOYMENT_AUTHORITY, name="Testilän työllisyysalue")
    client_user = role_user(Role.CLIENT, unit, first_name="Kalle", last_name="Asiakas")
    client_record = ClientFactory.create(first_name="Kalle", last_name="Asiakas", user=client_user)
    return People(
        organiser=organiser,
        unit=unit,
        other_unit=other_unit,
        place=place,
        company_place=company_place,
        employment_authority=tvv,
        worker=role_user(Role.WORKER, unit, first_name="Sanna", last_name="Ohjaaja"),
        worker_other_unit=role_user(Role.WORKER, other_unit),
        decision_maker=role_user(Role.DECISION_MAKER, unit),
        place_supervisor=role_user(Role.PLACE_SUPERVISOR, place),
        client=client_user,
        client_record=client_record,
        manager=role_user(Role.MANAGER, organiser),
        employment_official=role_user(Role.EMPLOYMENT_OFFICIAL, tvv),
        administrator=role_user(Role.ADMINISTRATOR, organiser),
        no_role=UserFactory.create(),
    )
