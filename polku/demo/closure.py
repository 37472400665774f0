"""Demo clients at S13–S15: a period ending without its follow-up plan and with a certificate
drafted by the place; relationships ended with their destination, one with the follow-up
contact not yet due, one with it due today or earlier, and one with it done.

Every step goes through the real services with the clock frozen at the step's day (the helpers
of ``polku.demo.placements``): the period is planned, decided, notified and started, the place
records attendance, goals are written with the client in the first week, the mid-period
evaluation and the final evaluation are filled in by each party (all four sections) and finished
at a joint meeting (S11 → S12 → S13, the evaluation app's services), the certificate is drafted
and given, the follow-up plan made, the period and the relationship end, the calls are recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from polku.accounts.models import Unit, User
from polku.attendance.services import DayEntry, day_record
from polku.clients.models import ClientRelationship, Stage
from polku.closure import services as closure
from polku.closure.rules import call_again_on, call_due_on
from polku.core import clock
from polku.core.rules import add_months
from polku.demo.evaluation import _at, _finish, _levels, _place, _self, goals_for
from polku.demo.network import CARPENTRY_TRAINING
from polku.demo.placements import (
    DECISION_MAKER,
    DemoPlacement,
    _decide,
    _draft,
    _moment,
    _move,
    _notify,
    _period,
    _to_s8,
    _visit,
    _workday,
)
from polku.evaluation import services as evaluation
from polku.network.models import Opportunity
from polku.placements.models import Period


@dataclass(frozen=True)
class DemoClosure:
    placement: DemoPlacement
    ends_in: int  # the period's last day, days from today (negative: in the past)
    closed: str  # "", "ended" (call not due), "call_due", "call_again" (not reached), "call_done"
    supervisor: str
    certificate_language: str = "fi"
    # Where the client goes on: the follow-up plan's and the end's destination, the plan's next
    # step and who is responsible, and what the client said when reached at the follow-up call.
    destination: str = "studies"
    next_step: str = ""  # "": FOLLOW_UP_WORDS in the client's language
    responsible: str = ""
    reached_note: str = "Opinnot alkaneet; ei tuen tarvetta."
    opportunity: str = ""  # the title of the network opportunity the destination came through


def _spec(
    first: str, last: str, born: dt.date, individual: int, days_ago: int, language: str = "fi"
) -> DemoPlacement:
    swedish = language == "sv"
    return DemoPlacement(
        first,
        last,
        "s11",
        "sos_j",
        "sanna.virtanen",
        "verstas",
        "kiertokulku",
        "Väinönkatu 4 B 9",
        "40100",
        "Järvenkylä",
        (
            "Jag skulle vilja lära mig träarbete och senare börja studera."
            if swedish
            else "Haluaisin oppia puutöitä ja päästä myöhemmin opiskelemaan."
        ),
        ("träarbete", "möbelrenovering") if swedish else ("puutyöt", "kalusteiden kunnostus"),
        days_ago,
        born=born,
        individual=individual,
        language=language,
    )


CLOSURES = [
    DemoClosure(
        _spec("Petri", "Aaltonen", dt.date(1984, 2, 11), 973, 150), 10, "", "marko.heikkinen"
    ),
    DemoClosure(
        _spec("Sofia", "Backman", dt.date(1992, 8, 23), 976, 175, language="sv"),
        -12,
        "ended",
        "marko.heikkinen",
        certificate_language="sv",
    ),
    DemoClosure(
        _spec("Ismo", "Kinnunen", dt.date(1969, 12, 1), 983, 200),
        -40,
        "call_due",
        "marko.heikkinen",
    ),
    DemoClosure(
        _spec("Jarmo", "Peltonen", dt.date(1975, 10, 8), 979, 260),
        -55,
        "call_again",
        "marko.heikkinen",
    ),
    DemoClosure(
        _spec("Helmi", "Rautio", dt.date(1997, 5, 16), 987, 240),
        -75,
        "call_done",
        "marko.heikkinen",
        opportunity=CARPENTRY_TRAINING,
    ),
]

STAGE_DESCRIPTIONS = {
    "": "S13: the period ends in 10 days; the place drafted the certificate; no follow-up plan",
    "ended": "S14: ended a week ago with a Swedish certificate; the call is not due yet",
    "call_due": "S14: ended over a month ago; the follow-up contact is due",
    "call_again": "S14: ended almost two months ago; not reached at the follow-up contact, the "
    "repeat call is due",
    "call_done": "S15: ended two months ago; not reached at first, then reached: no need",
}


# What the place writes in the certificate and the worker in the follow-up plan, in the
# client's language (Sofia Backman's are Swedish throughout).
CERTIFICATE_WORDS = {
    "fi": {
        "tasks_done": "Kalusteiden kunnostus ja pintakäsittely\nTilaustöiden kokoonpano\n"
        "Verstaan järjestys ja työturvallisuus",
        "skills_shown": "Täsmällisyys ja sovituista ajoista kiinni pitäminen\n"
        "Yhteistyö työryhmässä\nOhjeiden mukaan työskentely",
        "skills_learned": "Käsityökalujen ja pylväsporakoneen turvallinen käyttö\n"
        "Pintakäsittelyaineiden valinta",
        "qualification_units": "Puuteollisuuden perustutkinto: Puutuotteiden valmistaminen",
    },
    "sv": {
        "tasks_done": "Renovering och ytbehandling av möbler\nMontering av beställningsarbeten\n"
        "Ordning och arbetssäkerhet på verkstaden",
        "skills_shown": "Noggrannhet och att hålla överenskomna tider\n"
        "Samarbete i arbetsgruppen\nAtt arbeta enligt anvisningar",
        "skills_learned": "Säker användning av handverktyg och pelarborrmaskin\n"
        "Val av ytbehandlingsmedel",
        "qualification_units": "Grundexamen inom träindustrin: Tillverkning av träprodukter",
    },
}
FOLLOW_UP_WORDS = {
    "fi": {
        "next_step": "Hakee puuseppäkoulutukseen; opinto-ohjaajan tapaaminen sovittu.",
        "responsible": "Opinto-ohjaaja, Järvilaakson ammattiopisto, p. 029 123 4700",
    },
    "sv": {
        "next_step": "Söker till snickarutbildningen; ett möte med studiehandledaren är bokat.",
        "responsible": "Studiehandledare, Järvilaakson ammattiopisto, tfn 029 123 4700",
    },
}


def _attendance(period: Period, supervisor: User, days: int) -> None:
    """The place records the first ``days`` scheduled days present, each on its day."""
    day, recorded = period.starts_on, 0
    while recorded < days and day <= min(period.ends_on, clock.today()):
        if day.isoweekday() in period.weekday_numbers:
            with clock.frozen(_moment(day, 15)):
                try:
                    day_record(
                        actor=supervisor,
                        entry=DayEntry(
                            period=period, day=day, status="present", hours=period.hours_per_day
                        ),
                    )
                except ValidationError:
                    pass  # a holiday or a closed day: the next scheduled day
                else:
                    recorded += 1
        day += dt.timedelta(days=1)


def _evaluate(
    relationship: ClientRelationship, worker: User, supervisor: User, period: Period, day: dt.date
) -> None:
    """S11 → S12 → S13 through the evaluation app's services: goals in the period's first week,
    the mid-period evaluation six weeks in, the final one finished at the joint meeting on
    ``day`` (each with all four sections; the self-evaluation from the client's paper form)."""
    start = period.starts_on
    with _at(start + dt.timedelta(days=3)):
        relationship.refresh_from_db()
        goals = [
            evaluation.goal_create(actor=worker, relationship=relationship, **fields)
            for fields in goals_for(relationship)
        ]
    mid_day = start + dt.timedelta(weeks=6)
    with _at(mid_day - dt.timedelta(days=5)):
        mid = evaluation.evaluation_start(actor=worker, relationship=relationship, kind="mid")
        _place(mid, supervisor, 2)
    with _at(mid_day, 13):
        _levels(mid, goals, worker, [0, -1, -1])
        _self(mid, worker)
        _finish(mid, worker)
    with _at(day - dt.timedelta(days=6)):
        relationship.refresh_from_db()
        final = evaluation.evaluation_start(actor=worker, relationship=relationship, kind="final")
        _place(final, supervisor, 3)
    with _at(day, 13):
        _levels(final, goals, worker, [1, 0, 1])
        _self(final, worker)
        _finish(final, worker)


def create_closures(units: dict[str, Unit]) -> None:
    """The clients of ``CLOSURES``, each walked to their stage."""
    users = {u.username: u for u in User.objects.all()}
    for spec in CLOSURES:
        walk(spec, units, users)


def walk(spec: DemoClosure, units: dict[str, Unit], users: dict[str, User]) -> ClientRelationship:
    """One client walked through the services to ``spec``'s stage; their relationship."""
    placement = spec.placement
    worker, maker = users[placement.worker], users[DECISION_MAKER]
    supervisor = users[spec.supervisor]
    place = units[placement.place]
    today = clock.today()
    ends_on = today + dt.timedelta(days=spec.ends_in)
    starts_on = add_months(ends_on + dt.timedelta(days=1), -3)
    starts_on -= dt.timedelta(days=starts_on.weekday())  # a Monday
    relationship, chosen_on = _to_s8(placement, units, users)
    visited = _workday(chosen_on + dt.timedelta(days=3))
    _visit(relationship, place, worker, visited)
    planned = _workday(visited + dt.timedelta(days=1))
    period = _period(
        relationship, place, worker, planned, kind="full", starts_on=starts_on, ends_on=ends_on
    )
    decision = _draft(relationship, period, worker, maker, planned, "kuty")
    decided = _workday(planned + dt.timedelta(days=1))
    _decide(decision, worker, maker, decided)
    notified = _workday(decided + dt.timedelta(days=1))
    _notify(period, worker, notified)
    _move(relationship, worker, Stage.S9_KUTY_STARTS, notified)
    _move(relationship, worker, Stage.S11_PERIOD, starts_on)
    _attendance(period, supervisor, days=24)
    last_weeks = min(ends_on, today) - dt.timedelta(days=14)
    _evaluate(relationship, worker, supervisor, period, last_weeks - dt.timedelta(days=2))
    relationship.refresh_from_db()
    if relationship.stage != Stage.S13_CERTIFICATE:
        raise ValueError(f"{placement.last}: the final evaluation did not reach S13.")
    period.refresh_from_db()
    words = CERTIFICATE_WORDS[spec.certificate_language]
    with clock.frozen(_moment(last_weeks, 13)):
        certificate = closure.certificate_save(
            actor=supervisor,
            period=period,
            version=None,
            language=spec.certificate_language,
            tasks_done=words["tasks_done"],
            skills_shown=words["skills_shown"],
            skills_learned=words["skills_learned"],
            qualification_units=words["qualification_units"],
            signer_name=supervisor.get_full_name(),
            signer_title=supervisor.title_in(spec.certificate_language),
        )
    if not spec.closed:
        return relationship
    ended_on = ends_on + dt.timedelta(days=3)
    with clock.frozen(_moment(ends_on - dt.timedelta(days=7), 10)):
        closure.follow_up_plan_save(
            actor=worker,
            period=period,
            version=None,
            destination=spec.destination,
            destination_detail="",
            next_step=spec.next_step or FOLLOW_UP_WORDS[placement.language]["next_step"],
            next_on=ends_on + dt.timedelta(days=14),
            responsible=spec.responsible or FOLLOW_UP_WORDS[placement.language]["responsible"],
        )
    with clock.frozen(_moment(ends_on, 14)):
        period.refresh_from_db()
        closure.period_end(actor=worker, period=period, version=period.version, ended_on=ends_on)
        certificate.refresh_from_db()
        closure.certificate_give(
            actor=worker, certificate=certificate, version=certificate.version, given_on=ends_on
        )
    with clock.frozen(_moment(ended_on, 11)):
        relationship.refresh_from_db()
        closure.relationship_end(
            actor=worker,
            relationship=relationship,
            version=relationship.version,
            ended_on=ended_on,
            destination=spec.destination,
            destination_detail="",
            no_further_need=True,
            opportunity=(
                Opportunity.objects.get(title=spec.opportunity) if spec.opportunity else None
            ),
        )
    if spec.closed not in ("call_again", "call_done"):
        return relationship
    called_on = _workday(call_due_on(ended_on))
    with clock.frozen(_moment(called_on, 10)):
        relationship.refresh_from_db()
        closure.follow_up_call_record(
            actor=worker,
            relationship=relationship,
            called_on=called_on,
            outcome="not_reached",
            note="Ei vastannut; jätin viestin ja tekstiviestin.",
        )
    if spec.closed == "call_done":
        called_on = call_again_on(called_on)
        with clock.frozen(_moment(called_on, 10)):
            relationship.refresh_from_db()
            closure.follow_up_call_record(
                actor=worker,
                relationship=relationship,
                called_on=called_on,
                outcome="reached",
                need="no_need",
                note=spec.reached_note,
            )
    return relationship


__all__ = ["CLOSURES", "STAGE_DESCRIPTIONS", "DemoClosure", "create_closures", "walk"]
