"""Demo groups (issue 22, seed 002's KOPPI groups), built through the real services with the
clock set to each day, every date relative to the day the demo is loaded:

- **ATK-kurssi** (*ryhmämuotoinen kuntouttava työtoiminta*, Järvenkylä, with Järvenkylän
  aikuisopisto): Thursdays 9–12, started three weeks ago, a theme a session, instructed by
  Sanna Virtanen and Marko Heikkinen. Mikko Korhonen and Aino Mäkinen take part as kuty
  participants under their activation plans (Mikko's Thursday counts with his three days at
  Verstas), Satu Kettunen through social rehabilitation. The past sessions are recorded by
  Marko Heikkinen (one illness of Aino's); the second session has the mid-point feedback.
- **Nuorten ryhmä** (a low-threshold group, not kuty, Koskimäki, with Koskimäen
  nuorisopalvelut): Tuesdays 13–15, starting in two days, so the reminder job
  (``polku.jobs.tasks.group_reminders``) has a group to remind of; Emma Salo, Johan Lindqvist
  (in Swedish) and Hanna Koivisto through other services.

A scripted mark the rules refuse (a Thursday Mikko already spends at Verstas by a moved day
would make more than eight hours) is left unrecorded.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from polku.accounts.models import Unit, User
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.groups import services
from polku.groups.models import Enrolment, Group, GroupKind, LegalStatus, SessionStatus
from polku.groups.services import MarkEntry

ATK_THEMES = [
    "Tietokoneen perusteet",
    "Sähköposti",
    "Verkkoasiointi ja vahva tunnistautuminen",
    "Työnhaku verkossa",
    "Tekstinkäsittely: ansioluettelo",
    "Taulukot",
    "Tietoturva",
    "Kuvat ja tiedostot",
    "Oma tietokone kuntoon",
    "Loppupalaute ja jatko",
]
YOUTH_THEMES = [
    "Tutustuminen ja ryhmän pelisäännöt",
    "Arjen taidot: ruoanlaitto",
    "Liikunta: frisbeegolf",
    "Työelämään tutustuminen",
    "Oma polku eteenpäin (loppupalaute)",
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _relationship(name: tuple[str, str]) -> ClientRelationship:
    first, last = name
    return (
        ClientRelationship.objects.filter(
            client__first_name=first, client__last_name=last, ended_on__isnull=True
        )
        .select_related("client", "responsible_worker")
        .get()
    )


def _enrol(
    group: Group, name: tuple[str, str], status: str, *, other_service: str = ""
) -> Enrolment:
    relationship = _relationship(name)
    today = clock.today()
    start = max(group.starts_on, relationship.started_on)
    agreed = min(max(group.starts_on - dt.timedelta(days=7), relationship.started_on), today)
    worker = relationship.responsible_worker
    if worker is None:
        raise ValueError(f"relationship {relationship.pk} has no responsible worker")
    with clock.frozen(_at(max(agreed, min(start, today)), 12)):
        return services.enrolment_add(
            actor=worker,
            group=group,
            relationship=relationship,
            status=status,
            other_service=other_service,
            agreed_on=agreed,
            agreement=(
                "Osallistuu ryhmään joka viikko. Poissaolosta ilmoitetaan ohjaajalle "
                "ja vastuutyöntekijälle."
            ),
            starts_on=start,
            compensation="toimintaraha" if status == LegalStatus.KUTY else "",
        )


def _weekly(first: dt.date, weekday: int, count: int) -> list[dt.date]:
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
    return [day + dt.timedelta(days=7 * n) for n in range(count)]


def create_groups(units: dict[str, Unit]) -> None:
    users = {u.username: u for u in User.objects.all()}
    today = clock.today()
    # ATK-kurssi: Thursdays, the first three weeks ago.
    first_thursday = _weekly(today - dt.timedelta(days=21), 4, 1)[0]
    sanna, marko = users["sanna.virtanen"], users["marko.heikkinen"]
    with clock.frozen(_at(first_thursday - dt.timedelta(days=14), 10)):
        atk = services.group_create(
            actor=sanna,
            name="ATK-kurssi",
            kind=GroupKind.KUTY,
            organiser=units["sos_j"],
            partner_name="Järvenkylän aikuisopisto",
            description=(
                "Tietokoneen käytön perusteet kymmenellä kerralla: sähköposti, verkkoasiointi "
                "ja työnhaku. Ryhmä kokoontuu aikuisopiston atk-luokassa."
            ),
            instructors=[sanna, marko],
            weekdays="4",
            starts_at=dt.time(9),
            ends_at=dt.time(12),
            location="Järvenkylän aikuisopisto, atk-luokka 2, Opintie 3",
            capacity=8,
            starts_on=first_thursday,
            ends_on=first_thursday + dt.timedelta(days=7 * (len(ATK_THEMES) - 1)),
        )
        sessions = [
            services.session_add(
                actor=sanna, group=atk, day=day, starts_at=dt.time(9), ends_at=dt.time(12), theme=t
            )
            for day, t in zip(_weekly(first_thursday, 4, len(ATK_THEMES)), ATK_THEMES, strict=True)
        ]
    people = [
        _enrol(atk, ("Mikko", "Korhonen"), LegalStatus.KUTY),
        _enrol(atk, ("Aino", "Mäkinen"), LegalStatus.KUTY),
        _enrol(
            atk,
            ("Satu", "Kettunen"),
            LegalStatus.OTHER_SERVICE,
            other_service="Sosiaalinen kuntoutus",
        ),
    ]
    for index, session in enumerate(s for s in sessions if s.day < today):
        with clock.frozen(_at(session.day, 13)):
            for enrolment in people:
                if enrolment.starts_on > session.day:
                    continue
                ill = enrolment.client.first_name == "Aino" and index == 1
                entry = (
                    MarkEntry(
                        enrolment, SessionStatus.ABSENT, reason="own_illness", notice="on_the_day"
                    )
                    if ill
                    else MarkEntry(enrolment, SessionStatus.PRESENT)
                )
                try:
                    services.session_attendance_record(
                        actor=marko, session=session, entries=[entry]
                    )
                except ValidationError:
                    continue  # a scripted day the rules refuse stays unrecorded
            if index == 1:
                session.refresh_from_db()
                services.session_feedback_record(
                    actor=marko,
                    session=session,
                    feedback_note=(
                        "Puolivälin palaute: sähköposti ja verkkoasiointi koettiin hyödyllisiksi; "
                        "toivottiin lisää aikaa omaan harjoitteluun."
                    ),
                    version=session.version,
                )
    # Nuorten ryhmä: a low-threshold group starting in two days (the reminder job's case).
    jukka, leena = users["jukka.lehtonen"], users["leena.koskinen"]
    start = today + dt.timedelta(days=2)
    youth = services.group_create(
        actor=jukka,
        name="Nuorten ryhmä",
        kind=GroupKind.LOW_THRESHOLD,
        organiser=units["sos_k"],
        partner_name="Koskimäen nuorisopalvelut",
        description="Matalan kynnyksen ryhmä alle 30-vuotiaille: joka kerralla oma teema.",
        instructors=[jukka, leena],
        weekdays="2",
        starts_at=dt.time(13),
        ends_at=dt.time(15),
        location="Nuorisotila Kipinä, Koskitie 8",
        capacity=10,
        starts_on=start,
        ends_on=start + dt.timedelta(days=7 * len(YOUTH_THEMES)),
    )
    for day, theme in zip(_weekly(start, 2, len(YOUTH_THEMES)), YOUTH_THEMES, strict=True):
        services.session_add(
            actor=jukka,
            group=youth,
            day=day,
            starts_at=dt.time(13),
            ends_at=dt.time(15),
            theme=theme,
        )
    _enrol(
        youth,
        ("Emma", "Salo"),
        LegalStatus.OTHER_SERVICE,
        other_service="Nuorten sosiaalinen kuntoutus",
    )
    _enrol(
        youth,
        ("Johan", "Lindqvist"),
        LegalStatus.OTHER_SERVICE,
        other_service="Social rehabilitering",
    )
    _enrol(youth, ("Hanna", "Koivisto"), LegalStatus.OTHER_SERVICE, other_service="Nuorten työpaja")
