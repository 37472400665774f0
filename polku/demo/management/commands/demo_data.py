"""Realistic demo data: one organiser, its units, places of every producer type with their
profiles, staff for every role, and clients at every stage from S1 to S11 (S8–S11 in
``polku.demo.placements``).

Runs only on an empty database (running it twice is safe) and prints the demo users. Identity
codes are artificial (individual numbers 900–999), names are invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from polku.accounts.models import RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.clients import identity, services
from polku.clients.models import Client, InformingTopic, Outcome
from polku.core import clock
from polku.demo.attendance import create_attendance
from polku.demo.closure import DemoClosure, create_closures, walk
from polku.demo.evaluation import create_evaluations
from polku.demo.feedback import create_feedback
from polku.demo.groups import create_groups
from polku.demo.metrics import create_metrics_pathways
from polku.demo.network import create_network
from polku.demo.placements import (
    PLACEMENTS,
    STAGE_DESCRIPTIONS,
    DemoPlacement,
    create_placements,
    create_places,
)
from polku.demo.portal import create_portal
from polku.demo.records import create_records
from polku.metrics import facts, summary
from polku.placements.models import Decision, DecisionStatus

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

# The staff titles in Swedish and English (``User.title_in``): a Swedish-speaking client reads
# their worker's title in Swedish on OmaPolku.
TITLE_TRANSLATIONS = {
    "sosiaaliohjaaja": ("socialhandledare", "social counsellor"),
    "sosiaalityöntekijä": ("socialarbetare", "social worker"),
    "työtoiminnan ohjaaja": ("handledare inom arbetsverksamhet", "work activity instructor"),
    "vastaava ohjaaja": ("ansvarig handledare", "senior instructor"),
    "aikuissosiaalityön päällikkö": ("chef för vuxensocialt arbete", "head of adult social work"),
    "työllisyysasiantuntija": ("sysselsättningsexpert", "employment specialist"),
    "pääkäyttäjä": ("huvudanvändare", "main user"),
}

# What each client login shows in OmaPolku beyond the start page, their plan and documents.
OMAPOLKU_HINTS = {
    "mikko.korhonen": "days at Verstas, an absence reported, goals, a complaint answered",
    "johan.lindqvist": "an introductory period; a complaint recorded with his worker",
    "aino.makinen": "a decision made, the period to begin",
    "emma.salo": "the introductory visit ahead",
    "petri.heikkila": "the final evaluation waits for his self-evaluation",
    "sofia.backman": "ended: the survey about her period is open; her certificate",
    "ismo.kinnunen": "ended: answered the survey; his certificate",
}

# A client who comes back: an earlier relationship at Koskimäki, ended, and a new one at
# Järvenkylä with Sanna Virtanen, who must state a purpose to open the earlier one.
RETURNING_CLIENT = ("Riikka", "Hakala", dt.date(1985, 6, 12), 966, "-")

# Clients without an OmaPolku account, at the first stages of the pathway.
PATHWAY_CLIENTS = [
    # first, last, born, individual, sign, unit key, stage, worker username
    ("Pekka", "Laaksonen", dt.date(1972, 9, 8), 922, "-", "sos_j", "s1", None),
    ("Minna", "Hämäläinen", dt.date(1990, 4, 17), 927, "Y", "sos_j", "s1", None),
    ("Tuomas", "Rantanen", dt.date(1995, 12, 3), 931, "-", "sos_k", "s1", None),
    ("Satu", "Kettunen", dt.date(1983, 2, 25), 944, "-", "sos_j", "s2", "sanna.virtanen"),
    ("Olli", "Väisänen", dt.date(2001, 7, 11), 955, "A", "sos_j", "s3", "sanna.virtanen"),
    ("Jenni", "Lindroos", dt.date(1968, 5, 30), 963, "-", "sos_k", "s3", "jukka.lehtonen"),
    ("Kari", "Turunen", dt.date(1976, 10, 19), 977, "X", "sos_j", "s3_held", "sanna.virtanen"),
    ("Anne", "Salonen", dt.date(1980, 3, 2), 981, "-", "sos_j", "s4", "sanna.virtanen"),
    ("Jari", "Mattila", dt.date(1974, 8, 14), 985, "-", "sos_j", "s5", "sanna.virtanen"),
    ("Hanna", "Koivisto", dt.date(1993, 1, 9), 988, "Y", "sos_k", "s6", "jukka.lehtonen"),
    ("Timo", "Heinonen", dt.date(1986, 11, 27), 991, "-", "sos_j", "s7", "sanna.virtanen"),
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
            name_sv="Järvilaakso välfärdsområde",
            business_id="3221000-1",
            street_address="Rantakatu 1",
            postal_code="40100",
            city="Järvenkylä",
        )
        # The Swedish names as Finland-Swedish texts name a monolingual Finnish municipality
        # (Kuopio stad, Keitele kommun); a bilingual one's would be its official name
        # (Helsingfors stad, Esbo stad).
        units["mun_j"] = Unit.objects.create(
            kind=UnitKind.MUNICIPALITY, name="Järvenkylän kaupunki", name_sv="Järvenkylä stad"
        )
        units["mun_k"] = Unit.objects.create(
            kind=UnitKind.MUNICIPALITY, name="Koskimäen kunta", name_sv="Koskimäki kommun"
        )
        units["tvv"] = Unit.objects.create(
            kind=UnitKind.EMPLOYMENT_AUTHORITY,
            name="Järvilaakson työllisyysalue",
            name_sv="Järvilaakso sysselsättningsområde",
            municipality=units["mun_j"],
            joint_plan_access=True,
            city="Järvenkylä",
        )
        units["sos_j"] = Unit.objects.create(
            kind=UnitKind.SOCIAL_SERVICES,
            name="Aikuissosiaalityö, Järvenkylä",
            name_sv="Vuxensocialarbete, Järvenkylä",
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
            name_sv="Vuxensocialarbete, Koskimäki",
            parent=units["organiser"],
            municipality=units["mun_k"],
            street_address="Koskitie 12",
            postal_code="41500",
            city="Koskimäki",
            phone="029 123 4600",
        )
        create_places(units)

        for username, first, last, title, roles in STAFF:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                title=title,
                title_sv=TITLE_TRANSLATIONS.get(title, ("", ""))[0],
                title_en=TITLE_TRANSLATIONS.get(title, ("", ""))[1],
                # The daily notice job e-mails staff with an address (the console in the demo).
                email=f"{username}@jarvilaakso.example",
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
            # Recorded before their relationships open (some months back), so a log request
            # of any day of their relationship can be recorded.
            with clock.frozen(clock.now() - dt.timedelta(days=365)):
                Client.objects.create(
                    first_name=first,
                    last_name=last,
                    identity_code=identity.build_code(born, individual, sign=sign),
                    birth_date=born,
                    language=language,
                    user=user,
                )
        self._pathway(units)
        self._returning_client(units)
        create_placements(units)
        create_attendance({u.username: u for u in User.objects.all()})
        create_evaluations(units)
        create_network(units)
        create_closures(units)
        create_records()
        create_portal()
        create_feedback(units)
        create_groups(units)
        create_metrics_pathways(units)
        # The dashboard reads past months' attendance and the pathway's facts from the summaries
        # the nightly job counts.
        summary.refresh()
        facts.refresh()

    def _print_omapolku(self) -> None:
        """Every client login with what their OmaPolku shows (at /omapolku/)."""
        self.stdout.write("")
        self.stdout.write("OmaPolku, the clients' own pages (/omapolku/, the same password):")
        for person in (
            Client.objects.exclude(user=None).select_related("user").order_by("user__username")
        ):
            username = person.user.username if person.user else ""
            relationship = person.relationships.order_by("-started_on").first()
            stage = relationship.stage.upper() if relationship else "-"
            hint = OMAPOLKU_HINTS.get(username, "")
            if person.language == "sv":
                hint = f"(in Swedish) {hint}"
            self.stdout.write(f"  {username:<20} {stage:<4} {hint}".rstrip())

    def _returning_client(self, units: dict[str, Unit]) -> None:
        """A client whose earlier relationship at another unit (Koskimäki) has ended and who
        now has a new one with a Järvenkylä worker: the earlier one is listed by unit and
        dates, and opening it asks for the purpose of use.

        The earlier relationship is walked through the services like the closure demo's
        clients (``polku.demo.closure.walk``): a work-activity period at Kiertokulku, its
        evaluations, the certificate and the follow-up plan, the end (S14) with the destination
        "moved away", and the follow-up contact one month later (S15: reached, no need there;
        she will contact Järvenkylä's services). Five days ago she did."""
        first, last, born, individual, _sign = RETURNING_CLIENT
        users = {u.username: u for u in User.objects.all()}
        worker = users["sanna.virtanen"]
        spec = DemoClosure(
            DemoPlacement(
                first,
                last,
                "s11",
                "sos_k",
                "jukka.lehtonen",
                "kiertokulku",
                "harjula",
                "Koskitie 30 A 4",
                "41500",
                "Koskimäki",
                "Haluaisin päästä takaisin työelämään; kierrätys ja korjaaminen kiinnostavat.",
                ("kierrätys", "korjaustyöt"),
                430,
                born=born,
                individual=individual,
            ),
            ends_in=-300,
            closed="call_done",
            supervisor="leena.koskinen",
            destination="moved_away",
            next_step="Muuttaa Järvenkylään; ottaa yhteyttä Järvenkylän aikuissosiaalityöhön, "
            "jos tarvitsee tukea.",
            responsible="Asiakas itse; Järvenkylän aikuissosiaalityö, p. 029 123 4500",
            reached_note="Muuttanut Järvenkylään; ottaa tarvittaessa yhteyttä sikäläiseen "
            "aikuissosiaalityöhön.",
        )
        earlier = walk(spec, units, users)
        with clock.frozen(clock.now() - dt.timedelta(days=5)):
            current = services.relationship_open(
                actor=worker,
                client=earlier.client,
                unit=units["sos_j"],
                started_on=clock.today(),
                source="self",
                reason="Muutti Järvenkylään ja haluaa jatkaa kuntouttavaa työtoimintaa.",
            )
            services.worker_assign(actor=worker, relationship=current, worker=worker)

    def _pathway(self, units: dict[str, Unit]) -> None:
        """Clients at S1–S3, made through the services so every step is on their timeline."""
        users = {u.username: u for u in User.objects.all()}
        receiver = {"sos_j": users["sanna.virtanen"], "sos_k": users["jukka.lehtonen"]}
        now = clock.now()
        sources = [
            "self",
            "employment_authority",
            "kela",
            "close_person",
            "outreach",
            "other_authority",
            "self",
        ]
        for index, (first, last, born, individual, sign, unit_key, stage, worker_name) in enumerate(
            PATHWAY_CLIENTS
        ):
            started = now - dt.timedelta(days=3 + index * 4)
            with clock.frozen(started):
                person = services.client_create(
                    actor=receiver[unit_key],
                    first_name=first,
                    last_name=last,
                    identity_code=identity.build_code(born, individual, sign=sign),
                    birth_date=born,
                    language="fi",
                    phone=f"040 {100 + index} {2000 + index * 7}",
                    postal_code=units[unit_key].postal_code,
                    city=units[unit_key].city,
                )
                relationship = services.relationship_open(
                    actor=receiver[unit_key],
                    client=person,
                    unit=units[unit_key],
                    started_on=clock.today(),
                    source=sources[index % len(sources)],
                    reason="Pitkäaikainen työttömyys; asiakas toivoo tukea arjen rytmiin ja työelämään.",
                )
                if worker_name is None:
                    continue
                worker = users[worker_name]
                services.worker_assign(actor=worker, relationship=relationship, worker=worker)
                if stage == "s2":
                    continue
                meeting_at = (timezone.localtime(started) + dt.timedelta(days=2)).replace(
                    hour=10, minute=0, second=0, microsecond=0
                )
                if stage == "s3":
                    meeting_at = (timezone.localtime(now) + dt.timedelta(days=3 + index)).replace(
                        hour=9 + index % 5, minute=30, second=0, microsecond=0
                    )
                meeting = services.meeting_book(
                    actor=worker,
                    relationship=relationship,
                    starts_at=meeting_at,
                    duration_minutes=60,
                    channel="in_person",
                    location=units[unit_key].address,
                )
                services.invitation_send(actor=worker, meeting=meeting)
            if stage in ("s3_held", "s4", "s5", "s6", "s7"):
                with clock.frozen(meeting_at + dt.timedelta(hours=1)):
                    services.meeting_record(
                        actor=worker,
                        meeting=meeting,
                        version=meeting.version,
                        informing={topic: (True, "") for topic in InformingTopic.values},
                        mark_held=True,
                        overall_situation="Asuu yksin vuokra-asunnossa. Työttömänä kolme vuotta, "
                        "toimeentulotuki pääasiallinen tulo. Terveys kohtalainen.",
                        service_need="Päivärytmin tukeminen ja polku kohti työelämää.",
                        client_wishes="Haluaisin tehdä jotain käsillä, esimerkiksi puutöitä.",
                        outcome=Outcome.ACTIVATION_PLAN,
                        outcome_note="Aktivointisuunnitelma tehdään yhdessä työllisyysalueen kanssa.",
                    )
                relationship.refresh_from_db()
                self._plans(relationship, worker, stage, units)

    def _plans(self, relationship: Any, worker: User, stage: str, units: dict[str, Unit]) -> None:
        """S4–S7 through the plan services."""
        from polku.clients.models import Stage
        from polku.pathways import services as plans
        from polku.pathways.models import Assessment, OptionKind, Party

        if stage == "s3_held":
            return
        if stage == "s4":
            plans.transition(actor=worker, relationship=relationship, target=Stage.S4_ASSESSMENT)
            plans.document_save(
                actor=worker,
                model=Assessment,
                relationship=relationship,
                version=None,
                complete=False,
                fields={
                    "summary": "Pitkittynyt työttömyys, yksinäisyys ja katkonainen päivärytmi.",
                    "client_view": "Haluaisin päästä porukkaan ja saada rytmiä arkeen.",
                },
            )
            return
        plan = plans.plan_start(actor=worker, relationship=relationship, plan_type="activation")
        plan = plans.plan_update(
            actor=worker,
            plan=plan,
            version=plan.version,
            notice_given_on=clock.today() - dt.timedelta(days=2),
            notice_method="meeting",
            employment_authority=units["tvv"],
            official_name="Hanna Laine",
            education="Peruskoulu; aloitettu artesaanin tutkinto 2012, kesken.",
            work_history="Kaupan varastotyöt 2008–2016, lyhyitä keikkatöitä.",
            earlier_services="Työkokeilu 2019 keskeytyi terveyssyistä.",
            agreed_measures="Kuntouttava työtoiminta 3 päivää viikossa, 4 tuntia päivässä.",
            job_search_obligation="Ei työnhakuvelvollisuutta kuntouttavan työtoiminnan aikana.",
            last_resort_informed=True,
            benefits_informed=True,
        )
        for key in ("verstas", "kiertokulku"):
            plans.option_add(actor=worker, plan=plan, kind=OptionKind.PLACE, place=units[key])
        plans.option_add(
            actor=worker, plan=plan, kind=OptionKind.OWN, note="Kansalaisopiston puutyökurssi"
        )
        if stage == "s5":
            return
        for party, name in (
            (Party.CLIENT, relationship.client.full_name),
            (Party.WORKER, worker.get_full_name()),
            (Party.OFFICIAL, "Hanna Laine"),
        ):
            plan = plans.plan_sign(
                actor=worker,
                plan=plan,
                party=party,
                signer_name=name,
                method="in_person",
                signed_on=clock.today(),
            )
        plans.plan_reflection(
            actor=worker, plan=plan, reflection_due=clock.today() + dt.timedelta(days=10)
        )
        option = plan.options.order_by("pk")[0]
        plans.visit_add(
            actor=worker,
            plan=plan,
            option=option,
            visited_on=clock.today(),
            with_worker=True,
            impression="Asiakas piti puutyöpajasta.",
        )
        if stage == "s6":
            return
        relationship.refresh_from_db()
        plans.plan_second(
            actor=worker, relationship=relationship, chosen_option=option, how="phone"
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
        self.stdout.write(
            "The manager's metrics: riitta.manninen at /johto/mittarit/ (48 more pathways of "
            "the last eleven months, owned by a worker without a login, eeva.esimerkki)."
        )
        self.stdout.write("")
        self.stdout.write(
            "A returning client: sanna.virtanen's client Riikka Hakala, whose earlier "
            "relationship at Koskimäki ended with the destination 'moved away' (S14) and the "
            "follow-up contact made (S15); opening it asks for the purpose of use."
        )
        self.stdout.write("")
        self.stdout.write(
            "Clients at the placement stages (worker; decision maker paivi.nieminen):"
        )
        for spec in PLACEMENTS:
            who = spec.username or f"{spec.first} {spec.last}"
            stage = spec.stage.removesuffix("_decision").upper()
            self.stdout.write(
                f"  {who:<20} {stage:<4} {spec.worker:<16} {STAGE_DESCRIPTIONS[spec.stage]}"
            )
        drafts = (
            Decision.objects.filter(status=DecisionStatus.DRAFT)
            .select_related("relationship__client", "decision_maker")
            .order_by("pk")
        )
        for draft in drafts:
            self.stdout.write(
                f"  {draft.decision_maker.username} makes the decision "
                f"{reverse('placements:decision', args=[draft.pk])} "
                f"({draft.relationship.client.full_name}, {draft.kind})"
            )
        self.stdout.write(
            f"Place supervisors' clients under way: {reverse('placements:place_clients')} "
            "(marko.heikkinen: mikko.korhonen; leena.koskinen: johan.lindqvist)."
        )
        self.stdout.write(
            "Attendance: mikko.korhonen has five weeks of days at Verstas (absences with "
            "reasons, a day moved by agreement, a training day closed) and has reported his "
            f"next day away in OmaPolku ({reverse('portal:my_attendance')}); Kiertokulku has "
            "not recorded johan.lindqvist's latest day (an alert on jukka.lehtonen's "
            "start page; sanna.virtanen's shows Mikko's first unexcused absence)."
        )
        self._print_omapolku()
        self.stdout.write("")
        if settings.POLKU_STAFF_OTP_REQUIRED:
            self.stdout.write(
                "Second factor: ON. Staff set up an authenticator app at their first login "
                "(POLKU_STAFF_OTP_REQUIRED=false switches it off for a demo)."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Second factor: OFF for this demo (POLKU_STAFF_OTP_REQUIRED=false); "
                    "every page says so. Production requires it."
                )
            )
        self.stdout.write("")
