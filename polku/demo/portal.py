"""What the demo clients' OmaPolku shows besides their pathway (issue 19): the demo workers'
phone hours, and for each client with an OmaPolku login goals written with their worker (when
the pathway demo wrote none) and a meeting booked in the coming weeks, so that every demo
client's start page is full: their worker and how to reach them, who does what, a meeting, a
plan, goals and documents. Written through the real services; every date relative to today.
``create_portal`` is called from the demo command last.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from polku.accounts.models import User
from polku.clients import services as client_services
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.evaluation import services as evaluation_services
from polku.evaluation.models import Goal
from polku.portal.models import ReachableTime

# username: direct phone, ISO weekdays, phone hours
PHONE_HOURS = {
    "sanna.virtanen": ("029 123 4511", "124", dt.time(9), dt.time(11)),
    "jukka.lehtonen": ("029 123 4612", "123", dt.time(12), dt.time(13, 30)),
}

# username: the meeting's channel and place (an in-person meeting at the worker's unit)
MEETINGS = {
    "mikko.korhonen": ("in_person", ""),
    "aino.makinen": ("in_person", ""),
    "johan.lindqvist": ("phone", ""),
    "emma.salo": ("in_person", ""),
    # At S12: the final evaluation is under way and waits for his self-evaluation.
    "petri.heikkila": ("in_person", ""),
}

GOALS: list[dict[str, Any]] = [
    {
        "wording": "Tulen työtoimintaan ajoissa sovittuina päivinä.",
        "life_area": "daily_routine",
        "actions": "Herätyskello ja bussiaikataulu. Ilmoitan poissaolosta OmaPolussa.",
        "helper_name": "Työtoiminnan ohjaaja",
        "level_minus_2": "En käy lainkaan.",
        "level_minus_1": "Käyn osan sovituista päivistä.",
        "level_0": "Käyn kaikkina sovittuina päivinä ajoissa.",
        "level_plus_1": "Käyn ajoissa ja autan muita aloittamaan.",
        "level_plus_2": "Käyn ajoissa ja olen valmis lisäämään päiviä.",
        "baseline": -1,
    },
    {
        "wording": "Selvitän, millainen työ tai koulutus sopisi minulle.",
        "life_area": "work",
        "actions": "Kokeilen eri tehtäviä ja käyn työllisyysalueen tapaamisessa.",
        "helper_name": "Oma työntekijä",
        "level_minus_2": "En ole miettinyt asiaa.",
        "level_minus_1": "Tiedän yhden vaihtoehdon.",
        "level_0": "Tiedän kaksi vaihtoehtoa ja niiden seuraavat askeleet.",
        "level_plus_1": "Olen hakenut yhteen vaihtoehtoon.",
        "level_plus_2": "Olen päässyt työhön tai koulutukseen.",
        "baseline": -1,
    },
]


# The same goals, written in Swedish with a Swedish-speaking client.
GOALS_SV: list[dict[str, Any]] = [
    GOALS[0]
    | {
        "wording": "Jag kommer i tid till arbetsverksamheten de dagar vi har kommit överens om.",
        "actions": "Väckarklocka och busstidtabell. Jag meddelar frånvaro i OmaPolku.",
        "helper_name": "Handledaren för arbetsverksamheten",
        "level_minus_2": "Jag kommer inte alls.",
        "level_minus_1": "Jag kommer en del av de överenskomna dagarna.",
        "level_0": "Jag kommer i tid alla överenskomna dagar.",
        "level_plus_1": "Jag kommer i tid och hjälper andra att komma i gång.",
        "level_plus_2": "Jag kommer i tid och är redo att öka antalet dagar.",
    },
    GOALS[1]
    | {
        "wording": "Jag tar reda på vilket arbete eller vilken utbildning som skulle passa mig.",
        "actions": "Jag prövar olika uppgifter och går på ett möte hos sysselsättningsområdet.",
        "helper_name": "Kontaktpersonen",
        "level_minus_2": "Jag har inte funderat på saken.",
        "level_minus_1": "Jag vet ett alternativ.",
        "level_0": "Jag vet två alternativ och nästa steg för dem.",
        "level_plus_1": "Jag har sökt till ett av alternativen.",
        "level_plus_2": "Jag har fått ett arbete eller en studieplats.",
    },
]


# Clients of the evaluation demo given an OmaPolku login here: (first, last, username, language).
EVALUATION_LOGINS = [("Petri", "Heikkilä", "petri.heikkila", "fi")]


def create_portal() -> None:
    from polku.demo.feedback import client_login

    for login in EVALUATION_LOGINS:
        client_login(*login)
    users = {u.username: u for u in User.objects.filter(username__in=[*PHONE_HOURS, *MEETINGS])}
    for username, (phone, weekdays, starts_at, ends_at) in PHONE_HOURS.items():
        ReachableTime.objects.update_or_create(
            user=users[username],
            defaults={
                "phone": phone,
                "weekdays": weekdays,
                "starts_at": starts_at,
                "ends_at": ends_at,
            },
        )
    for number, (username, (channel, location)) in enumerate(MEETINGS.items()):
        person = Client.objects.get(user=users[username])
        relationship = person.relationships.open().select_related("unit").first()
        if relationship is None or relationship.responsible_worker is None:
            continue
        worker = relationship.responsible_worker
        if not Goal.objects.filter(relationship=relationship).exists():
            for fields in GOALS_SV if person.language == "sv" else GOALS:
                evaluation_services.goal_create(actor=worker, relationship=relationship, **fields)
        if not relationship.meetings.upcoming().exists():
            _book(relationship, worker, channel, location or relationship.unit.address, number)


def _book(
    relationship: ClientRelationship, worker: User, channel: str, location: str, number: int
) -> None:
    """A meeting on a workday 1–3 weeks ahead; the next free slot if the worker is busy."""
    day = clock.today() + dt.timedelta(days=8 + 2 * number)
    for _attempt in range(15):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10 + number % 4)))
        try:
            client_services.meeting_book(
                actor=worker,
                relationship=relationship,
                starts_at=starts_at,
                duration_minutes=60,
                channel=channel,
                location=location if channel == "in_person" else "",
            )
        except ValidationError:
            day += dt.timedelta(days=1)
        else:
            return
