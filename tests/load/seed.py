"""The load test's people and records, built through the services (STYLE.md §10).

A team is one deployment of `tests.people` (a unit with its worker, a place with its supervisor)
with a few more clients on the worker's caseload and periods under way at the place. Each load
run logs in with teams of its own, so no account logs in twice within one TOTP time step.

The plan written for the load generator (``Plan.write``) holds each account's username,
password and TOTP key, and the ids its pages need: it is test data, artificial throughout.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from tests.factories import PASSWORD, PlaceFactory, role_user
from tests.people import People, build_people, build_relationship
from tests.second_factor import staff_device


@dataclass
class Account:
    role: str  # "worker" or "place_supervisor"
    username: str
    password: str
    totp_key: str  # hex, as django-otp stores it
    clients: list[int] = field(default_factory=list)  # client ids (worker)
    relationships: list[int] = field(default_factory=list)  # relationship ids (worker)
    place: int | None = None  # the supervised place (place_supervisor)


@dataclass
class Plan:
    accounts: list[Account]

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps([asdict(account) for account in self.accounts]))
        return path


def _production_password(user: User) -> None:
    """The servers run the production settings, whose hashers the tests' MD5 is not one of:
    store the password as production would (PBKDF2)."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])


def _account(user: User, role: str) -> Account:
    _production_password(user)
    device = staff_device(user)
    return Account(role=role, username=user.username, password=PASSWORD, totp_key=device.key)


def seed_team(base: People, *, clients: int = 4, periods: int = 2) -> list[Account]:
    """One team in ``base``'s deployment: a new worker of its unit with ``clients`` clients, and
    a new place of its organiser whose new supervisor has ``periods`` of the worker's clients
    under way (and whose worker may log contacts with every one of them)."""
    worker = role_user(Role.WORKER, base.unit)
    place = PlaceFactory.create(parent=base.organiser)
    team = replace(
        base,
        worker=worker,
        place=place,
        place_supervisor=role_user(Role.PLACE_SUPERVISOR, place),
    )
    relationships = [build_relationship(worker=worker, unit=base.unit) for _ in range(clients)]
    for _ in range(periods):
        relationships.append(running_period(team, weekdays="1234").relationship)
    account = _account(worker, "worker")
    account.relationships = [relationship.pk for relationship in relationships]
    account.clients = [relationship.client_id for relationship in relationships]
    supervisor = _account(team.place_supervisor, "place_supervisor")
    supervisor.place = place.pk
    return [account, supervisor]


def seed(teams: int, **sizes: int) -> list[Plan]:
    """One deployment (``tests.people``) and ``teams`` teams in it, each its own plan (one per
    load run)."""
    base = build_people()
    return [Plan(seed_team(base, **sizes)) for _ in range(teams)]


def merge(plans: list[Plan]) -> Plan:
    return Plan([account for plan in plans for account in plan.accounts])


def secret_key() -> str:
    """The key every server process of one run shares (sessions are signed with it)."""
    return secrets.token_urlsafe(50)
