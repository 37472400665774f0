"""Demo clients at S12 and S13 with goals and evaluations (SPEC §5).

Each is walked through S1–S11 with the placements demo's steps, with the clock frozen at each
step's day, then: goals written with the client in the period's first week, the mid-period
evaluation filled in by each party and finished at a joint meeting seven weeks in, and the
final evaluation, in progress (S12: the place has rated, the goals are being discussed, the
self-evaluation is missing) or finished yesterday (S13). ``create_evaluations`` is called from
the demo command after ``create_placements``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.roles import Role
from polku.clients.models import ClientRelationship, Stage
from polku.core import clock
from polku.demo.placements import (
    DECISION_MAKER,
    DemoPlacement,
    _decide,
    _draft,
    _moment,
    _move,
    _notify,
    _period,
    _six_months,
    _to_s8,
    _visit,
    _workday,
)
from polku.evaluation import services
from polku.evaluation.models import Evaluation, Goal
from polku.evaluation.selectors import section_of

EVALUATED = [
    (
        DemoPlacement(
            "Petri",
            "Heikkilä",
            "s11",
            "sos_j",
            "sanna.virtanen",
            "verstas",
            "kiertokulku",
            "Väinönkatu 30 C 12",
            "40100",
            "Järvenkylä",
            "Haluan oppia korjaamaan huonekaluja ja päästä takaisin töihin.",
            ("kalusteiden kunnostus", "puutyöt"),
            160,
            born=dt.date(1982, 2, 11),
            individual=994,
        ),
        "s12",
        112,  # the period began 16 weeks ago
    ),
    (
        DemoPlacement(
            "Sari",
            "Lahtinen",
            "s11",
            "sos_j",
            "sanna.virtanen",
            "verstas",
            "kiertokulku",
            "Puistokatu 4 A 8",
            "40100",
            "Järvenkylä",
            "Haluan säännöllisen päivärytmin ja sitten opiskelemaan.",
            ("puutyöt",),
            190,
            born=dt.date(1991, 9, 23),
            individual=997,
        ),
        "s13",
        140,  # the period began 20 weeks ago
    ),
]

GOALS: list[dict[str, Any]] = [
    {
        "wording": "Tulen työtoimintaan ajoissa kolmena päivänä viikossa.",
        "life_area": "daily_routine",
        "actions": "Herätyskello ja bussiaikataulu; ilmoitan poissaolosta aamulla ohjaajalle.",
        "helper_name": "Työtoiminnan ohjaaja, Toimintakeskus Verstas",
        "helper_contact": "puh. 014 555 0101",
        "level_minus_2": "Käyn harvemmin kuin kerran viikossa.",
        "level_minus_1": "Käyn yhtenä tai kahtena päivänä viikossa.",
        "level_0": "Käyn kolmena päivänä viikossa ja tulen ajoissa.",
        "level_plus_1": "Käyn kolmena päivänä viikossa ajoissa ja ilmoitan aina poissaoloista.",
        "level_plus_2": "Käyn neljänä päivänä viikossa ajoissa.",
        "baseline": -1,
        "weight": None,
    },
    {
        "wording": "Opin kunnostamaan tuolin alusta loppuun itsenäisesti.",
        "life_area": "work",
        "actions": "Ohjaaja näyttää työvaiheet; teen yhden tuolin kuukaudessa.",
        "helper_name": "Verstaan ohjaaja",
        "helper_contact": "puh. 014 555 0101",
        "level_minus_2": "En ole aloittanut kunnostusta.",
        "level_minus_1": "Teen työvaiheita ohjaajan kanssa.",
        "level_0": "Kunnostan tuolin itse, ohjaaja tarkistaa lopuksi.",
        "level_plus_1": "Kunnostan tuolin itse ja neuvon toista asiakasta.",
        "level_plus_2": "Kunnostan myös pöydän itsenäisesti.",
        "baseline": -1,
        "weight": 2,
    },
    {
        "wording": "Hoidan laskut ajallaan joka kuukausi.",
        "life_area": "finances",
        "actions": "E-laskut käyttöön; talous- ja velkaneuvonnan aika.",
        "helper_name": "Talous- ja velkaneuvonta",
        "helper_contact": "puh. 029 566 0123",
        "level_minus_2": "Laskuja menee perintään.",
        "level_minus_1": "Osa laskuista myöhästyy.",
        "level_0": "Kaikki laskut maksetaan eräpäivään mennessä.",
        "level_plus_1": "Laskut ajallaan, ja olen tehnyt budjetin.",
        "level_plus_2": "Laskut ajallaan, budjetti ja säästän joka kuukausi.",
        "baseline": -2,
        "weight": None,
    },
]

SELF_WORDS = {
    "housing": "Asun yksiössä keskustassa. Asunto on hyvä.",
    "daily_routine": "Herään nyt aamuisin, kun on minne mennä.",
    "health": "Selkä vaivaa välillä, muuten jaksan paremmin.",
    "future": "Haluaisin kokeilla puusepän opintoja.",
}


# The same goals and words for a Swedish-speaking client, written in Swedish with them.
GOALS_SV: list[dict[str, Any]] = [
    GOALS[0]
    | {
        "wording": "Jag kommer i tid till arbetsverksamheten tre dagar i veckan.",
        "actions": "Väckarklocka och busstidtabell; jag meddelar handledaren på morgonen om "
        "jag är borta.",
        "helper_name": "Handledaren för arbetsverksamheten, Toimintakeskus Verstas",
        "helper_contact": "tfn 014 555 0101",
        "level_minus_2": "Jag kommer mer sällan än en gång i veckan.",
        "level_minus_1": "Jag kommer en eller två dagar i veckan.",
        "level_0": "Jag kommer tre dagar i veckan och i tid.",
        "level_plus_1": "Jag kommer tre dagar i veckan i tid och meddelar alltid om jag är borta.",
        "level_plus_2": "Jag kommer fyra dagar i veckan i tid.",
    },
    GOALS[1]
    | {
        "wording": "Jag lär mig att renovera en stol från början till slut på egen hand.",
        "actions": "Handledaren visar arbetsmomenten; jag gör en stol i månaden.",
        "helper_name": "Handledaren på verkstaden",
        "helper_contact": "tfn 014 555 0101",
        "level_minus_2": "Jag har inte börjat renovera.",
        "level_minus_1": "Jag gör arbetsmomenten med handledaren.",
        "level_0": "Jag renoverar stolen själv, handledaren kontrollerar till sist.",
        "level_plus_1": "Jag renoverar stolen själv och hjälper en annan klient.",
        "level_plus_2": "Jag renoverar också ett bord på egen hand.",
    },
    GOALS[2]
    | {
        "wording": "Jag betalar mina räkningar i tid varje månad.",
        "actions": "E-fakturor; en tid hos ekonomi- och skuldrådgivningen.",
        "helper_name": "Ekonomi- och skuldrådgivningen",
        "helper_contact": "tfn 029 566 0123",
        "level_minus_2": "Räkningar går till indrivning.",
        "level_minus_1": "En del räkningar blir försenade.",
        "level_0": "Alla räkningar betalas senast på förfallodagen.",
        "level_plus_1": "Räkningarna i tid, och jag har gjort en budget.",
        "level_plus_2": "Räkningarna i tid, en budget och jag sparar varje månad.",
    },
]

SELF_WORDS_SV = {
    "housing": "Jag bor i en etta i centrum. Bostaden är bra.",
    "daily_routine": "Nu vaknar jag på morgnarna, när jag har någonstans att gå.",
    "health": "Ryggen värker ibland, annars orkar jag bättre.",
    "future": "Jag skulle vilja pröva på snickarstudier.",
}

# What the worker and the place write in the evaluations, in the client's language.
EVALUATION_WORDS = {
    "fi": {
        "actions": "Kävimme tavoitteen läpi ohjaajan kanssa viikoittain.",
        "helped": "Säännölliset päivät ja ohjaajan tuki.",
        "next": "Jatketaan samaan tapaan; tarkistetaan seuraavassa tapaamisessa.",
        "comment": "Edistynyt tasaisesti.",
        "participants": "Asiakas, {worker}, työtoiminnan ohjaaja",
    },
    "sv": {
        "actions": "Vi gick igenom målet med handledaren varje vecka.",
        "helped": "Regelbundna dagar och handledarens stöd.",
        "next": "Vi fortsätter på samma sätt och ser över det vid nästa möte.",
        "comment": "Har gjort jämna framsteg.",
        "participants": "Klienten, {worker}, handledare inom arbetsverksamheten",
    },
}


def goals_for(relationship: ClientRelationship) -> list[dict[str, Any]]:
    """The demo goals in the client's language."""
    return GOALS_SV if relationship.client.language == "sv" else GOALS


def _words(evaluation: Evaluation) -> dict[str, str]:
    return EVALUATION_WORDS["sv" if evaluation.relationship.client.language == "sv" else "fi"]


def _at(day: dt.date, hour: int = 10) -> Any:
    """The clock at ``day`` or, on a weekend, the Friday before (never after today)."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return clock.frozen(_moment(day, hour))


def _supervisor(place: Unit) -> User:
    assignment = RoleAssignment.objects.filter(unit=place, role=Role.PLACE_SUPERVISOR).first()
    if assignment is None:
        raise ValueError(f"{place.name} has no supervisor in the demo data.")
    return assignment.user


def _to_s11(
    spec: DemoPlacement, start: dt.date, units: dict[str, Unit], users: dict[str, User]
) -> ClientRelationship:
    """The placements demo's steps with an earlier start: visit, period, decision, notice."""
    relationship, chosen_on = _to_s8(spec, units, users)
    worker, maker, place = users[spec.worker], users[DECISION_MAKER], units[spec.place]
    visited = _workday(chosen_on + dt.timedelta(days=5))
    _visit(relationship, place, worker, visited)
    planned = _workday(visited + dt.timedelta(days=2))
    period = _period(
        relationship,
        place,
        worker,
        planned,
        kind="full",
        starts_on=start,
        ends_on=_six_months(start),
    )
    decision = _draft(relationship, period, worker, maker, planned, "kuty")
    decided = _workday(planned + dt.timedelta(days=1))
    _decide(decision, worker, maker, decided)
    notified = _workday(decided + dt.timedelta(days=1))
    _notify(period, worker, notified)
    _move(relationship, worker, Stage.S9_KUTY_STARTS, notified)
    _move(relationship, worker, Stage.S11_PERIOD, start)
    relationship.refresh_from_db()
    return relationship


def _levels(evaluation: Evaluation, goals: list[Goal], worker: User, levels: list[int]) -> None:
    section = section_of(evaluation, "goals")
    words = _words(evaluation)
    services.goals_section_save(
        actor=worker,
        evaluation=evaluation,
        version=section.version,
        ratings={
            goal.pk: {
                "level": level,
                "actions": words["actions"],
                "helped": words["helped"],
                "next": words["next"],
            }
            for goal, level in zip(goals, levels, strict=True)
        },
        complete=True,
    )


def _place(evaluation: Evaluation, supervisor: User, value: int) -> None:
    section = section_of(evaluation, "place")
    services.place_section_save(
        actor=supervisor,
        evaluation=evaluation,
        version=section.version,
        ratings={
            row["key"]: {"value": value, "comment": _words(evaluation)["comment"]}
            for row in evaluation.template.item_rows()
        },
        complete=True,
    )


def _self(evaluation: Evaluation, worker: User) -> None:
    section = section_of(evaluation, "self")
    services.self_section_save(
        actor=worker,
        evaluation=evaluation,
        version=section.version,
        answers=SELF_WORDS_SV if evaluation.relationship.client.language == "sv" else SELF_WORDS,
        complete=True,
    )


def _finish(evaluation: Evaluation, worker: User) -> None:
    evaluation.refresh_from_db()
    services.evaluation_finish(
        actor=worker,
        evaluation=evaluation,
        version=evaluation.version,
        met_on=clock.today(),
        participants=_words(evaluation)["participants"].format(worker=worker.get_full_name()),
    )


def create_evaluations(units: dict[str, Unit]) -> None:
    """The clients of ``EVALUATED``: one at S12 (mid-period evaluation finished, final in
    progress) and one at S13 (both finished)."""
    users = {u.username: u for u in User.objects.all()}
    today = clock.today()
    for spec, stage, weeks_ago in EVALUATED:
        start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(days=weeks_ago)
        relationship = _to_s11(spec, start, units, users)
        worker, supervisor = users[spec.worker], _supervisor(units[spec.place])
        with _at(start + dt.timedelta(days=3)):
            goals = [
                services.goal_create(actor=worker, relationship=relationship, **fields)
                for fields in goals_for(relationship)
            ]
        mid_day = start + dt.timedelta(weeks=7)
        with _at(mid_day - dt.timedelta(days=7)):
            mid = services.evaluation_start(actor=worker, relationship=relationship, kind="mid")
            _place(mid, supervisor, 2)
        with _at(mid_day, 13):
            _levels(mid, goals, worker, [0, -1, -1])
            _self(mid, worker)
            _finish(mid, worker)
        with _at(today - dt.timedelta(days=10)):
            final = services.evaluation_start(actor=worker, relationship=relationship, kind="final")
            _place(final, supervisor, 3)
        if stage == "s12":
            with _at(today - dt.timedelta(days=3)):
                section = section_of(final, "goals")
                services.goals_section_save(
                    actor=worker,
                    evaluation=final,
                    version=section.version,
                    ratings={goals[0].pk: {"level": 1, "helped": "Bussikortti."}},
                    complete=False,
                )
            continue
        with _at(today - dt.timedelta(days=1), 13):
            _levels(final, goals, worker, [1, 0, 1])
            _self(final, worker)
            _finish(final, worker)
