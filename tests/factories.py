"""factory_boy factories with a Finnish Faker, and builders for units and role users.

Builders create reachable state: the same rows the services and the configuration pages make.
"""

from __future__ import annotations

import datetime as dt
import random

import factory
from factory.django import DjangoModelFactory
from faker import Faker

from polku.accounts.models import ProducerType, RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.clients import identity
from polku.clients.models import Client

PASSWORD = "testi-salasana-123"

# Client last names are unique within a test (conftest clears them between tests), so a test
# can tell clients apart on a page by name; 400 Finnish surnames are plenty for one test. No
# name is part of another ("Lehto" and "Lehtonen"): a test that finds one name on a page must
# not find it inside another client's.
FAKE = Faker("fi_FI")
ISSUED: set[str] = set()


def unique_last_name() -> str:
    while True:
        name = str(FAKE.unique.last_name())
        if not any(name in other or other in name for other in ISSUED):
            ISSUED.add(name)
            return name


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    kind = UnitKind.SOCIAL_SERVICES
    name = factory.Sequence(lambda n: f"Aikuissosiaalityö {n}")
    city = factory.Faker("city", locale="fi_FI")
    street_address = factory.Faker("street_address", locale="fi_FI")
    postal_code = factory.Faker("postcode", locale="fi_FI")


class PlaceFactory(UnitFactory):
    kind = UnitKind.WORK_ACTIVITY_PLACE
    name = factory.Sequence(lambda n: f"Työpaja {n}")
    producer_type = ProducerType.ASSOCIATION


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"kayttaja{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    # Unique among clients and users alike, so a test that looks for a client's name on a page
    # never finds the viewer's own name instead.
    last_name = factory.LazyFunction(unique_last_name)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


def artificial_identity_code(rng: random.Random | None = None) -> tuple[str, dt.date]:
    """A valid, clearly artificial code (individual number 900–999) and its birth date."""
    rng = rng or random.Random()
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 45 * 365))
    sign = rng.choice(["-", "Y", "X"]) if born.year < 2000 else rng.choice(["A", "B"])
    return identity.build_code(born, rng.randrange(900, 1000), sign=sign), born


class ClientFactory(DjangoModelFactory[Client]):
    class Meta:
        model = Client

    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.LazyFunction(unique_last_name)
    identity_code = factory.LazyFunction(lambda: artificial_identity_code()[0])
    birth_date = factory.LazyAttribute(lambda o: identity.birth_date(o.identity_code))


def role_user(role: Role, unit: Unit, **fields: object) -> User:
    """A user holding ``role`` in ``unit``."""
    user = UserFactory.create(**fields)
    RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user
