"""Demo feedback (issue 19): survey answers at two places, one with enough answers to show
(Toimintakeskus Verstas, at least 7 this year and last year) and one without (Kierrätyskeskus
Kiertokulku, 3); two ended clients with an OmaPolku login, one who answered the survey through
the real service (Ismo Kinnunen) and one to whom it is open, in Swedish (Sofia Backman); a
feedback-box message and an answered complaint of Mikko Korhonen; a complaint that Jukka
Lehtonen recorded with Johan Lindqvist.

The answers before Polku are loaded as if typed in from paper forms
(``feedback.services.survey_answers_load``): no client is named anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.roles import Role
from polku.accounts.system import system_actor
from polku.clients.models import Client
from polku.core import clock
from polku.feedback import services
from polku.feedback.models import Statement
from polku.feedback.selectors import offered_periods

# (scores for the nine statements in order, words or "") per paper response
VERSTAS_THIS_YEAR = [
    ((4, 4, 3, 4, 4, 3, 3, 2, 4), "Ohjaaja neuvoi kärsivällisesti."),
    ((3, 4, 4, 4, 3, 2, 2, 2, 3), ""),
    ((4, 3, 3, 4, 4, 3, 3, 3, 4), "Sain tehdä oikeita tilaustöitä."),
    ((3, 3, 2, 3, 3, 2, 2, 1, 3), "Jatkosta olisin halunnut puhua aiemmin."),
    ((4, 4, 4, 4, 4, 4, 3, 3, 4), ""),
    ((2, 3, 3, 3, 2, 2, 2, 2, 2), "Tehtävät olivat välillä liian raskaita."),
    ((4, 4, 3, 4, 4, 3, 3, 2, 4), ""),
]
VERSTAS_LAST_YEAR = [((3, 3, 3, 4, 3, 2, 2, 2, 3), "")] * 5 + [
    ((4, 4, 4, 4, 4, 3, 3, 3, 4), "Päivärytmi palasi."),
    ((2, 2, 3, 3, 3, 2, 1, 1, 2), ""),
    ((3, 4, 3, 3, 4, 3, 3, 2, 3), ""),
]
KIERTOKULKU_THIS_YEAR = [
    ((3, 3, 4, 4, 3, 3, 2, 2, 3), "Mukava työyhteisö."),
    ((4, 3, 3, 4, 4, 2, 2, 2, 3), ""),
    ((2, 2, 3, 3, 2, 2, 2, 1, 2), ""),
]

ANSWERING = ("Ismo", "Kinnunen", "ismo.kinnunen", "fi")
OPEN_TO = ("Sofia", "Backman", "sofia.backman", "sv")


def _responses(
    rows: Sequence[tuple[tuple[int, ...], str]],
) -> list[dict[str, tuple[int | None, str]]]:
    result = []
    for scores, words in rows:
        answers: dict[str, tuple[int | None, str]] = {
            statement.value: (score, "") for statement, score in zip(Statement, scores, strict=True)
        }
        if words:
            answers[Statement.PLACE.value] = (answers[Statement.PLACE.value][0], words)
        result.append(answers)
    return result


def client_login(first: str, last: str, username: str, language: str) -> Client | None:
    """An OmaPolku login for a demo client made without one (by the closure demo); nothing if
    the client already has one or the username is taken."""
    person = Client.objects.filter(first_name=first, last_name=last, user__isnull=True).first()
    if person is None or User.objects.filter(username=username).exists():
        return None
    from polku.demo.management.commands.demo_data import DEMO_PASSWORD

    user = User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        language=language,
    )
    relationship = person.relationships.order_by("-started_on").first()
    if relationship is not None:
        RoleAssignment.objects.create(user=user, role=Role.CLIENT, unit=relationship.unit)
    Client.objects.filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    return person


def _moment(days_ago: int, hour: int = 10) -> dt.datetime:
    day = clock.today() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def create_feedback(units: dict[str, Unit]) -> None:
    """The demo's survey answers, feedback-box message and complaints (see the module)."""
    actor = system_actor()
    today = clock.today()
    for place, month, rows in (
        (
            units["verstas"],
            today.replace(month=1, day=1) if today.month > 1 else today,
            VERSTAS_THIS_YEAR,
        ),
        (units["verstas"], today.replace(year=today.year - 1, month=6, day=1), VERSTAS_LAST_YEAR),
        (units["kiertokulku"], today, KIERTOKULKU_THIS_YEAR),
    ):
        services.survey_answers_load(
            actor=actor, place=place, month=month, responses=_responses(rows)
        )
    answering = client_login(*ANSWERING)
    if answering is not None and answering.user is not None:
        for period in offered_periods(answering):
            services.survey_answer(
                actor=answering.user,
                client=answering,
                period=period,
                answers=_responses([((4, 3, 4, 4, 4, 3, 3, 3, 4), "Hyvä jakso, kiitos.")])[0],
            )
    client_login(*OPEN_TO)

    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["mikko.korhonen", "johan.lindqvist", "jukka.lehtonen", "riitta.manninen"]
        )
    }
    mikko = Client.objects.get(user=users["mikko.korhonen"])
    with clock.frozen(_moment(6)):
        services.message_send(
            actor=users["mikko.korhonen"],
            client=mikko,
            text="Verstaalla on kylmä aamuisin. Voisiko lämmitystä lisätä?",
            place=units["verstas"],
            show_name=True,
        )
    with clock.frozen(_moment(12)):
        complaint = services.complaint_make(
            actor=users["mikko.korhonen"],
            client=mikko,
            what_happened="Tapaamisaikani peruttiin kaksi kertaa ilman, että minulle "
            "kerrottiin etukäteen.",
            when="Lokakuussa",
            wish="Haluan, että peruutuksista ilmoitetaan ajoissa.",
            reply_by="omapolku",
        )
    manager = users["riitta.manninen"]
    with clock.frozen(_moment(10)):
        complaint = services.complaint_handle(
            actor=manager, complaint=complaint, version=complaint.version, state="in_progress"
        )
    with clock.frozen(_moment(4)):
        services.complaint_handle(
            actor=manager,
            complaint=complaint,
            version=complaint.version,
            state="answered",
            answer="Pahoittelemme peruutuksia. Jatkossa peruutuksista ilmoitetaan vähintään "
            "päivää ennen, ja uusi aika sovitaan samalla.",
            answered_on=clock.today(),
        )
    johan = Client.objects.get(user=users["johan.lindqvist"])
    relationship = johan.relationships.filter(ended_on__isnull=True).first()
    if relationship is not None:
        with clock.frozen(_moment(2, 14)):
            services.complaint_assist(
                actor=users["jukka.lehtonen"],
                relationship=relationship,
                what_happened="Resorna till platsen tar över en timme och ersättningen har dröjt.",
                wish="Snabbare beslut om reseersättning.",
                reply_by="letter",
                contact="Keskustie 6, 41520 Koskimäki",
            )
