"""Realistic demo data: one organiser, its units and places, staff for every role, clients.

Runs only on an empty database (running it twice is safe) and prints the demo users. Identity
codes are artificial (individual numbers 900–999), names are invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from polku.accounts.models import ProducerType, RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.clients import identity
from polku.clients.models import Client

DEMO_PASSWORD = "polku-demo-2026"

STAFF = [
    # username, first, last, title, [(role, unit key)]
    ("sanna.virtanen", "Sanna", "Virtanen", "sosiaaliohjaaja", [(Role.WORKER, "sos_j")]),
    ("jukka.lehtonen", "Jukka", "Lehtonen", "sosiaaliohjaaja", [(Role.WORKER, "sos_k")]),
    (
        "paivi.nieminen",
        "Päivi",
        "Nieminen",
        "sosiaalityöntekijä",
        [(Role.DECISION_MAKER, "sos_j"), (Role.DECISION_MAKER, "sos_k")],
    ),
    (
        "marko.heikkinen",
        "Marko",
        "Heikkinen",
        "työtoiminnan ohjaaja",
        [(Role.PLACE_SUPERVISOR, "verstas")],
    ),
    (
        "leena.koskinen",
        "Leena",
        "Koskinen",
        "vastaava ohjaaja",
        [(Role.PLACE_SUPERVISOR, "kiertokulku"), (Role.PLACE_SUPERVISOR, "seurakunta")],
    ),
    (
        "riitta.manninen",
        "Riitta",
        "Manninen",
        "aikuissosiaalityön päällikkö",
        [(Role.MANAGER, "organiser")],
    ),
    (
        "hanna.laine",
        "Hanna",
        "Laine",
        "työllisyysasiantuntija",
        [(Role.EMPLOYMENT_OFFICIAL, "tvv")],
    ),
    ("ville.paakayttaja", "Ville", "Salminen", "pääkäyttäjä", [(Role.ADMINISTRATOR, "organiser")]),
]

CLIENTS = [
    # username, first, last, born, individual, sign, unit key, language
    ("mikko.korhonen", "Mikko", "Korhonen", dt.date(1987, 3, 14), 901, "-", "sos_j", "fi"),
    ("aino.makinen", "Aino", "Mäkinen", dt.date(1999, 11, 2), 912, "Y", "sos_j", "fi"),
    ("johan.lindqvist", "Johan", "Lindqvist", dt.date(1978, 6, 21), 935, "-", "sos_k", "sv"),
    ("emma.salo", "Emma", "Salo", dt.date(2003, 1, 30), 948, "A", "sos_k", "fi"),
]


class Command(BaseCommand):
    help = "Load Polku's demo data into an empty database and print the demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("fi")
        if Unit.objects.exists():
            self.stdout.write("Demo data is already loaded; nothing was changed.")
        else:
            with transaction.atomic():
                self._create()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._print_users()

    def _create(self) -> None:
        units: dict[str, Unit] = {}
        units["organiser"] = Unit.objects.create(
            kind=UnitKind.ORGANISER,
            name="Järvilaakson hyvinvointialue",
            business_id="3221000-1",
            street_address="Rantakatu 1",
            postal_code="40100",
            city="Järvenkylä",
        )
        units["mun_j"] = Unit.objects.create(
            kind=UnitKind.MUNICIPALITY, name="Järvenkylän kaupunki"
        )
        units["mun_k"] = Unit.objects.create(kind=UnitKind.MUNICIPALITY, name="Koskimäen kunta")
        units["tvv"] = Unit.objects.create(
            kind=UnitKind.EMPLOYMENT_AUTHORITY,
            name="Järvilaakson työllisyysalue",
            municipality=units["mun_j"],
            city="Järvenkylä",
        )
        units["sos_j"] = Unit.objects.create(
            kind=UnitKind.SOCIAL_SERVICES,
            name="Aikuissosiaalityö, Järvenkylä",
            parent=units["organiser"],
            municipality=units["mun_j"],
            street_address="Torikatu 5",
            postal_code="40100",
            city="Järvenkylä",
            phone="029 123 4500",
        )
        units["sos_k"] = Unit.objects.create(
            kind=UnitKind.SOCIAL_SERVICES,
            name="Aikuissosiaalityö, Koskimäki",
            parent=units["organiser"],
            municipality=units["mun_k"],
            street_address="Koskitie 12",
            postal_code="41500",
            city="Koskimäki",
            phone="029 123 4600",
        )
        places = [
            (
                "verstas",
                "Toimintakeskus Verstas",
                ProducerType.OWN_UNIT,
                "mun_j",
                "Pajakatu 3",
                "40100",
                "Järvenkylä",
            ),
            (
                "kiertokulku",
                "Kierrätyskeskus Kiertokulku ry",
                ProducerType.ASSOCIATION,
                "mun_k",
                "Teollisuustie 8",
                "41500",
                "Koskimäki",
            ),
            (
                "seurakunta",
                "Järvenkylän seurakunnan työpaja",
                ProducerType.RELIGIOUS_COMMUNITY,
                "mun_j",
                "Kirkkotie 2",
                "40100",
                "Järvenkylä",
            ),
            (
                "puhdas",
                "Puhdas Piha Oy",
                ProducerType.COMPANY,
                "mun_j",
                "Varastokatu 14",
                "40150",
                "Järvenkylä",
            ),
        ]
        for key, name, producer, municipality, street, postcode, city in places:
            units[key] = Unit.objects.create(
                kind=UnitKind.WORK_ACTIVITY_PLACE,
                name=name,
                producer_type=producer,
                parent=units["organiser"],
                municipality=units[municipality],
                street_address=street,
                postal_code=postcode,
                city=city,
            )

        for username, first, last, title, roles in STAFF:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                title=title,
            )
            for role, unit_key in roles:
                RoleAssignment.objects.create(user=user, role=role, unit=units[unit_key])

        for username, first, last, born, individual, sign, unit_key, language in CLIENTS:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                language=language,
            )
            RoleAssignment.objects.create(user=user, role=Role.CLIENT, unit=units[unit_key])
            Client.objects.create(
                first_name=first,
                last_name=last,
                identity_code=identity.build_code(born, individual, sign=sign),
                birth_date=born,
                language=language,
                user=user,
            )

    def _print_users(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        rows = (
            RoleAssignment.objects.select_related("user", "unit")
            .filter(user__username__in=[s[0] for s in STAFF] + [c[0] for c in CLIENTS])
            .order_by("user__username", "role")
        )
        for row in rows:
            self.stdout.write(
                f"  {row.user.username:<20} {row.get_role_display():<35} {row.unit.name}"
            )
        self.stdout.write("")
