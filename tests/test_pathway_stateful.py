"""A hypothesis state machine that drives the S1–S11 services in random order (issues 13, 14).

Each example is one client's pathway: intake, naming, team cover, meetings, contacts, documents,
the first and second activation plan, signatures, refusal, visits, corrections and transitions,
then the placement: the introductory visit (recorded or skipped), periods (full and
introductory), decisions (drafted, made, delivered, corrected), the steward notice, the info
package and the end of an introductory period; with random dates, actors and inputs (blank and
whitespace included). After every step it checks what must always hold: no self-contradicting
state, no event dated before the events it follows, the legal limits of every period, a made
decision never changes, the stepper agrees with the data, every write has its change or
disclosure event, only the actors the services allow write, and every refusal is a
``ValidationError`` with a code. See docs/subsystems/testing.md, "The pathway state machine".
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, Max, Min, Model, OuterRef
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.attendance import services as attendance_services
from polku.attendance.days import PlaceCalendar
from polku.attendance.models import AbsenceReason, AttendanceDay, DayStatus, Notice
from polku.audit.models import AuditEvent, EventKind
from polku.clients import selectors as client_selectors
from polku.clients import services as client_services
from polku.clients.models import (
    Channel,
    Client,
    ClientRelationship,
    ContactKind,
    ContactLog,
    ContactOutcome,
    ContactSource,
    InformingItem,
    InformingTopic,
    Meeting,
    MeetingStatus,
    Outcome,
    Stage,
    WorkerAssignment,
)
from polku.core import clock
from polku.groups import services as group_services
from polku.groups.models import (
    Enrolment,
    Group,
    GroupKind,
    LegalStatus,
    Session,
    SessionAttendance,
    SessionStatus,
)
from polku.pathways import machine, services
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    DocumentStatus,
    FamiliarisationVisit,
    NoticeMethod,
    OptionKind,
    Party,
    PlanOption,
    PlanSignature,
    PlanStatus,
    PlanType,
    SignatureMethod,
)
from polku.placements import rules as placement_rules
from polku.placements import services as placement_services
from polku.placements.models import (
    ClosedDay,
    Decision,
    DecisionKind,
    DecisionStatus,
    Delivery,
    DeliveryMethod,
    InfoPackage,
    InfoRecipient,
    IntroductoryOutcome,
    IntroductoryVisit,
    Period,
    PeriodKind,
    PeriodStatus,
    PlaceProfile,
    StewardNotice,
    VisitStatus,
)
from tests.factories import FAKE, PlaceFactory, UnitFactory, artificial_identity_code, role_user

HELSINKI = ZoneInfo("Europe/Helsinki")
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=HELSINKI)

# ---------------------------------------------------------------------------------------------
# The world every example shares (built once per test, outside the examples' savepoints)


@dataclass
class World:
    unit: Unit
    place: Unit
    other_place: Unit
    company_place: Unit
    employment_authority: Unit
    actors: dict[str, User]
    group: Group | None = None  # a kuty group of the unit at ``place`` (issue 22)


def build_world() -> World:
    organiser = UnitFactory.create(kind=UnitKind.ORGANISER, name="Tilakonelän hyvinvointialue")
    unit = UnitFactory.create(name="Aikuissosiaalityö, Tilakonelä", parent=organiser)
    other_unit = UnitFactory.create(name="Aikuissosiaalityö, Muualla", parent=organiser)
    employment_authority = UnitFactory.create(
        kind=UnitKind.EMPLOYMENT_AUTHORITY, name="Tilakonelän työllisyysalue"
    )
    place = PlaceFactory.create(name="Toimintakeskus Tila", parent=organiser)
    # The organiser's own unit (no info package for the place), about 150 km from Helsinki.
    other_place = PlaceFactory.create(
        name="Työpaja Kone", parent=organiser, producer_type=ProducerType.OWN_UNIT
    )
    # A company may be in the register, but it cannot produce kuty (189/2001 §13 2 mom).
    company_place = PlaceFactory.create(
        name="Tila Oy", parent=organiser, producer_type=ProducerType.COMPANY
    )
    for unit_, (latitude, longitude) in (
        (place, ("60.17000", "24.94000")),  # Helsinki: 0 km from 00100, ~150 km from 33100
        (other_place, ("61.49800", "23.76000")),  # Tampere: the other way round
        (company_place, ("60.20000", "24.90000")),
    ):
        PlaceProfile.objects.create(
            place=unit_,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            steward_name=f"Luottamusmies {unit_.name}",
        )
    return World(
        unit=unit,
        place=place,
        other_place=other_place,
        company_place=company_place,
        employment_authority=employment_authority,
        actors={
            "worker": role_user(Role.WORKER, unit, first_name="Sanna", last_name="Ohjaaja"),
            "colleague": role_user(Role.WORKER, unit, first_name="Pekka", last_name="Kollega"),
            "other_unit_worker": role_user(Role.WORKER, other_unit),
            "decision_maker": role_user(Role.DECISION_MAKER, unit),
            "deputy": role_user(Role.DECISION_MAKER, unit, first_name="Dora", last_name="Varalla"),
            "official": role_user(Role.EMPLOYMENT_OFFICIAL, employment_authority),
            "place_supervisor": role_user(Role.PLACE_SUPERVISOR, place),
            "client": role_user(Role.CLIENT, unit),
        },
    )


def build_group(world: World) -> Group:
    """The unit's kuty group at the world's place, four hours on weekdays, its supervisor the
    instructor: the machine's client may take part in it besides their period."""
    with clock.frozen(START):
        return group_services.group_create(
            actor=world.actors["worker"],
            name="Tilakonelän ATK-ryhmä",
            kind=GroupKind.KUTY,
            organiser=world.unit,
            weekdays="12345",
            starts_at=dt.time(9),
            ends_at=dt.time(13),
            capacity=12,
            starts_on=START.date() - dt.timedelta(days=420),
            ends_on=START.date() + dt.timedelta(days=720),
            instructors=[world.actors["place_supervisor"]],
            place=world.place,
        )


# ---------------------------------------------------------------------------------------------
# Inputs. Valid values come more often than invalid ones, so examples get deep into the pathway;
# sampled_from shrinks towards the first element, which is the plain valid case.

UNIT_WRITERS = ("worker", "colleague", "decision_maker", "deputy")
# "responsible" is whoever is the responsible worker when the step runs (before naming: the
# worker who receives the client).
ACTORS = st.sampled_from(
    ["responsible"] * 6
    + ["worker", "colleague", "other_unit_worker", "decision_maker", "official", "client"]
    + ["place_supervisor"]
)
# Who covers for the responsible worker (a colleague of the unit), and who acts on decisions.
COVERERS = st.sampled_from(
    ["colleague"] * 3 + ["worker", "decision_maker", "other_unit_worker", "official"]
)
DECIDERS = st.sampled_from(
    ["decision_maker"] * 5 + ["deputy", "responsible", "colleague", "place_supervisor"]
)
DELIVERERS = st.sampled_from(
    ["responsible"] * 4 + ["decision_maker"] * 2 + ["colleague", "deputy", "official", "client"]
)
UNIT_WORKERS = st.sampled_from(["worker"] * 3 + ["colleague", "decision_maker", "official"])
VALID_TEXT = st.sampled_from(
    ["Asuu yksin; päivärytmi puuttuu.", "Haluan tehdä jotain käsillä.", "Ok"]
)
TEXT = st.one_of(
    VALID_TEXT, VALID_TEXT, VALID_TEXT, st.sampled_from(["", "   ", "\n\t"]), st.text()
)
REASON = st.one_of(st.sampled_from(["Tilanne muuttui.", "Tilanne muuttui.", "", "  "]), st.text())
# Days relative to today: mostly recent, sometimes long ago, sometimes in the future.
DAYS = st.one_of(st.integers(-3, 0), st.integers(-3, 0), st.integers(-400, 3))
TOPICS = st.fixed_dictionaries(
    {
        topic: st.sampled_from([(True, "")] * 8 + [(False, "Ei koske."), (False, "  ")])
        for topic in InformingTopic.values
    }
)
PICK = st.integers(0, 4)  # which meeting, option or plan: an index into the current rows
STAGES = st.sampled_from(list(Stage))
# The placement's inputs: ISO weekday digits as the form sends them (blank, five days, weekend
# days and non-digits included), hours 3–9, places (the company and a unit that is no place).
WEEKDAYS = st.sampled_from(
    ["123", "135", "1234", "24", "5", "12345", "", "67", "1357", "0", "8", "1,2", "1111"]
)
HOURS = st.sampled_from([Decimal(h) for h in ("6", "4", "8", "7.5", "3", "3.5", "8.5", "9")])
PLACES = st.sampled_from(["place"] * 4 + ["other_place", "company_place", "unit"])
SENT_VIA = st.sampled_from([*DeliveryMethod.values, ""])
CHECKED = st.sampled_from([True, True, True, False])
# Attendance (S11): who records, what, and on which day. Mostly the people who may, mostly a
# day near today or near the period's start; statuses, reasons and notices include blanks.
RECORDERS = st.sampled_from(
    ["responsible"] * 3
    + ["place_supervisor"] * 4
    + ["colleague", "client", "other_unit_worker", "official"]
)
DAY_STATUSES = st.sampled_from(
    [DayStatus.PRESENT] * 4 + [DayStatus.ABSENT] * 3 + [DayStatus.MOVED, ""]
)
ABSENCE_REASONS = st.sampled_from([*AbsenceReason.values, AbsenceReason.OWN_ILLNESS, "", "holiday"])
NOTICES = st.sampled_from([*Notice.values, Notice.ON_THE_DAY, ""])
# "schedule": one of the period's weekdays from its start to today (the offset picks which); "today" and "start": the offset in days from today or from the period's start.
ANCHORS = st.sampled_from(["schedule"] * 3 + ["today", "start"])
DAY_OFFSETS = st.one_of(st.integers(-3, 0), st.integers(-20, 3), st.integers(0, 60))
VERSIONS = st.sampled_from(["seen"] * 5 + ["none", "stale"])
PERIOD_OF_DECISION: dict[str, str] = {
    DecisionKind.KUTY: PeriodKind.FULL,
    DecisionKind.INTRODUCTORY_PERIOD: PeriodKind.INTRODUCTORY,
}


def _leaf_codes(error: ValidationError) -> list[str | None]:
    leaves = (
        [leaf for leaves in error.error_dict.values() for leaf in leaves]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    return [leaf.code for leaf in leaves]


# What the change events must cover: every row an example can write, without the bookkeeping
# columns a save touches (a content change is a write; a version bump alone is not).
WATCHED: tuple[type[Model], ...] = (
    Client,
    ClientRelationship,
    WorkerAssignment,
    Meeting,
    InformingItem,
    ContactLog,
    Assessment,
    ClientPlan,
    ActivationPlan,
    PlanOption,
    PlanSignature,
    FamiliarisationVisit,
    IntroductoryVisit,
    Period,
    Decision,
    Delivery,
    StewardNotice,
    InfoPackage,
    AttendanceDay,
    ClosedDay,
    Enrolment,
    SessionAttendance,
)
BOOKKEEPING = {"version", "updated_at", "created_at"}


@cache
def _content_queries() -> tuple[tuple[str, str], ...]:
    """One plain SELECT of the content columns per watched table (no ORM per write: the
    snapshot is taken after every write, and it is most of the test's time)."""
    quote = connection.ops.quote_name
    queries = []
    for model in WATCHED:
        columns = sorted(
            str(f.column) for f in model._meta.concrete_fields if f.attname not in BOOKKEEPING
        )
        select = ", ".join(quote(column) for column in columns)
        table = quote(model._meta.db_table)
        # Names from the models, quoted: no input reaches the SQL.
        queries.append((model._meta.label, f"SELECT {select} FROM {table}"))  # noqa: S608
    return tuple(queries)


def _content() -> dict[str, set[tuple[Any, ...]]]:
    snapshot = {}
    with connection.cursor() as cursor:
        for label, sql in _content_queries():
            cursor.execute(sql)
            snapshot[label] = set(cursor.fetchall())
    return snapshot


def _changed(before: dict[str, set[Any]], after: dict[str, set[Any]]) -> list[str]:
    return [label for label in before if before[label] != after[label]]


# How many examples got how far (the deepest stage number, 0 without a relationship): the test
# prints the shares at the end (``pytest -s``), to tune the head start by.
REACH: Counter[int] = Counter()
# How many attendance writes went through, by service (printed too).
ATTENDANCE_WRITES: Counter[str] = Counter()
# The group services' refusals by code (printed too, to see that the group rules get through).
GROUP_REFUSALS: Counter[str] = Counter()
ATTENDANCE_SERVICES = (
    "day_record",
    "week_record",
    "place_close",
    "enrolment_add",
    "session_add",
    "session_attendance_record",
)

# How deep head_start goes at most (the index of its last step, through an introductory period
# to the days the place marks).
HEAD_START_STEPS = 27

# Stage moves the services make themselves, besides the machine's transitions.
SERVICE_MOVES = {
    (None, Stage.S1_STARTED.value),
    (Stage.S1_STARTED.value, Stage.S2_RESPONSIBLE_WORKER.value),
    (Stage.S2_RESPONSIBLE_WORKER.value, Stage.S3_FIRST_MEETING.value),
}
MACHINE_MOVES = {(source.value, target.value) for source, target in machine.transitions()}


class PathwayMachine(RuleBasedStateMachine):
    """One client's pathway per example, rolled back to the shared world afterwards."""

    world: ClassVar[World]

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        FAKE.unique.clear()
        self.now = START
        self.client_id: int | None = None
        self.identity_code = ""
        self.relationship_id: int | None = None
        self.writes: list[str] = []
        self.refusals: list[tuple[str, list[str | None]]] = []
        self.content = _content()  # what the change events must account for, after each call
        self.dirty = True  # the invariants run again only after a write
        self.named = self.has_meetings = self.has_plan = self.has_signed_first = False
        self.responsible: int | None = None  # the responsible worker's pk
        self.users = {user.pk: user for user in self.world.actors.values()}
        self.stage = 0  # the relationship's stage number (0 before the relationship)
        self.deepest = 0  # the furthest stage this example reached (for the reach statistics)
        self.period_kinds: list[str] = []
        self.decision_statuses: list[str] = []
        # Team cover as the machine granted it: (covering, covered, day); a grant lasts the day.
        self.covers: set[tuple[int, int, dt.date]] = set()
        # The made decisions as they were made: a made decision never changes.
        self.made: dict[int, dict[str, Any]] = {}
        # Which invariant has seen which write: the placement invariants run once per write.
        self.generation = 0
        self.checked: dict[str, int] = {}
        # Whether attendance or a closure was written (the attendance invariants then run).
        self.attendance = False
        # Whether the client was enrolled in the group or a session was marked (issue 22).
        self.enrolled = self.marked = False

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        REACH[self.deepest] += 1
        ATTENDANCE_WRITES.update(w for w in self.writes if w in ATTENDANCE_SERVICES)
        GROUP_REFUSALS.update(
            f"{service}:{code}"
            for service, codes in self.refusals
            if service in ATTENDANCE_SERVICES[3:]
            for code in codes
        )

    # -- helpers ------------------------------------------------------------------------------

    def actor(self, name: str) -> User:
        if name == "responsible":
            return self.users[self.responsible] if self.responsible else self.world.actors["worker"]
        return self.world.actors[name]

    def summarise(self) -> None:
        """What the preconditions read, refreshed after each write (preconditions run often)."""
        relationship = self.relationship()
        plans = ActivationPlan.objects.filter(relationship=relationship)
        self.responsible = relationship.responsible_worker_id
        self.named = self.responsible is not None
        self.has_meetings = relationship.meetings.exists()
        self.has_plan = plans.exists()
        self.has_signed_first = plans.filter(round=1, status=PlanStatus.SIGNED).exists()
        self.stage = Stage(relationship.stage).number
        self.deepest = max(self.deepest, self.stage)
        self.period_kinds = list(relationship.periods.order_by("pk").values_list("kind", flat=True))
        self.decision_statuses = list(
            relationship.decisions.order_by("pk").values_list("status", flat=True)
        )

    @property
    def has_decided(self) -> bool:
        return DecisionStatus.DECIDED in self.decision_statuses

    def relationship(self) -> ClientRelationship:
        assert self.relationship_id is not None
        return ClientRelationship.objects.select_related("client").get(pk=self.relationship_id)

    def today(self) -> dt.date:
        with clock.frozen(self.now):
            return clock.today()

    def day(self, offset: int) -> dt.date:
        return self.today() + dt.timedelta(days=offset)

    def pick(self, rows: list[Any], index: int) -> Any:
        return rows[index % len(rows)] if rows else None

    def plans(self) -> list[ActivationPlan]:
        return list(
            ActivationPlan.objects.filter(relationship_id=self.relationship_id).order_by("number")
        )

    def draft_plan(self) -> ActivationPlan | None:
        return (
            ActivationPlan.objects.filter(
                relationship_id=self.relationship_id, status=PlanStatus.DRAFT
            )
            .order_by("-number")
            .first()
        )

    def periods(self, kind: str | None = None) -> list[Period]:
        rows = Period.objects.filter(relationship_id=self.relationship_id).order_by("pk")
        return list(rows.filter(kind=kind) if kind else rows)

    def decisions(self) -> list[Decision]:
        return list(Decision.objects.filter(relationship_id=self.relationship_id).order_by("pk"))

    def fresh(self, name: str) -> bool:
        """Whether the invariant ``name`` has not yet checked the latest write (reads alone
        change nothing, so an invariant checks each write once)."""
        if self.checked.get(name) == self.generation:
            return False
        self.checked[name] = self.generation
        return True

    def caseworker(self, actor: User) -> bool:
        """The responsible worker, or a colleague covering for them today."""
        worker = self.responsible
        return worker is not None and (
            actor.pk == worker or (actor.pk, worker, self.today()) in self.covers
        )

    def may_write(
        self,
        actor: User,
        service: str,
        decision: Decision | None = None,
        period: Period | None = None,
        place: Unit | None = None,
    ) -> bool:
        """Who the services must let through, and no one else: the oracle for PermissionDenied
        and for a write that went through."""
        if service == "client_create":
            return True  # the service leaves it to the intake page's capability check
        supervisor = self.world.actors["place_supervisor"]
        if service == "place_close":
            # Only a supervisor of the place closes it (the world's supervisor: `place`).
            return actor.pk == supervisor.pk and place == self.world.place
        if service in ("day_record", "week_record"):
            # The responsible worker or a colleague covering, and the supervisor of the
            # period's place (the machine's client has no OmaPolku login: never the client).
            assert period is not None
            return self.caseworker(actor) or (
                actor.pk == supervisor.pk and period.place_id == self.world.place.pk
            )
        if service == "session_add":
            # An instructor of the group or a worker of its organiser (the unit).
            return actor.pk in {self.actor(name).pk for name in (*UNIT_WRITERS, "place_supervisor")}
        if service == "session_attendance_record":
            return actor.pk == supervisor.pk  # the group's instructor only
        if service in ("relationship_open", "worker_assign", "cover_start"):
            return actor.pk in {self.actor(name).pk for name in UNIT_WRITERS}
        if self.relationship_id is None:
            return False
        if service == "decision_make":
            return decision is not None and decision.decision_maker_id == actor.pk
        if service == "decision_deliver":
            assert decision is not None
            return decision.decision_maker_id == actor.pk or self.caseworker(actor)
        return self.caseworker(actor)

    def call(
        self,
        service: str,
        actor_name: str,
        write: Callable[[User], Any],
        decision: Decision | None = None,
        period: Period | None = None,
        place: Unit | None = None,
    ) -> Any:
        """Run one service at the machine's clock; check its refusal or its audit event. A
        place's closure concerns no client: its change event names none."""
        actor = self.actor(actor_name)
        allowed = self.may_write(actor, service, decision, period, place)
        before = self.content
        last_event = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0
        refusal: ValidationError | None = None
        denied = False
        try:
            with clock.frozen(self.now):
                result = write(actor)
        except ValidationError as error:
            refusal = error
        except PermissionDenied:
            denied = True
        # Asserted outside the except blocks, so that hypothesis tells bugs apart by invariant
        # rather than by the line that raised the refusal.
        if refusal is not None:
            codes = _leaf_codes(refusal)
            self.refusals.append((service, codes))
            assert all(codes), f"{service} refused without a code: {refusal.messages} {codes}"
            return None
        if denied:
            assert not allowed, f"{service} refused {actor_name}"
            return None
        assert allowed, f"{service} let {actor_name} write"
        self.writes.append(service)
        self.content = _content()
        self.dirty = True
        self.generation += 1
        if self.relationship_id is not None:
            self.summarise()
        changed = _changed(before, self.content)
        if changed:
            # A write is a change event; giving data out (a decision delivered, the steward
            # notice, the info package) is a disclosure event, which records the write too.
            client_ids = set(
                AuditEvent.objects.filter(
                    kind__in=[EventKind.CHANGE, EventKind.DISCLOSURE], pk__gt=last_event
                ).values_list("client_id", flat=True)
            )
            client_id = result.pk if isinstance(result, Client) else self.client_id
            if service in ("place_close", "session_add"):
                client_id = None
            assert client_id in client_ids, f"{service} wrote {changed} without an event"
        return result

    # -- a head start: the plain path up to a random depth, through the same services ----------

    @initialize(
        # A fifth into the first plan (S1–S6), a fifth from the second plan to the decisions
        # (S7–S9), the rest the whole way to the period under way (S11).
        depth=st.one_of(
            st.integers(0, 8),
            st.integers(9, 19),
            st.just(HEAD_START_STEPS),
            st.just(HEAD_START_STEPS),
            st.just(HEAD_START_STEPS),
        ),
        outcome=st.sampled_from([Outcome.ACTIVATION_PLAN, Outcome.CLIENT_PLAN]),
        started=st.integers(-60, 0),
        notice=DAYS,  # the relationship's start at the earliest; the update rule tries any
        # Days after the notice (today at the latest); the sign rule tries any date.
        signed=st.lists(st.integers(0, 3), min_size=3, max_size=3),
        parties=st.permutations(Party.values),
        choice=st.sampled_from(["place"] * 8 + ["mapping", "both", "neither"]),
        postal_code=st.sampled_from(["", "00100"]),
        skip_visit=st.sampled_from([False, False, True]),
        introductory=st.sampled_from([False, False, True]),
        lead=st.integers(1, 21),
        months=st.integers(3, 24),
        weekdays=st.sampled_from(["123", "135", "24", "1234"]),
        hours=st.sampled_from([Decimal(4), Decimal(6), Decimal("7.5"), Decimal(8)]),
        settled=st.sampled_from([0, 1, 3, 8, 15, 22]),
        attended=st.lists(
            st.sampled_from([DayStatus.PRESENT] * 6 + [DayStatus.ABSENT, ""]),
            min_size=3,
            max_size=12,
        ),
    )
    def head_start(
        self,
        depth: int,
        outcome: str,
        started: int,
        notice: int,
        signed: list[int],
        parties: list[str],
        choice: str,
        postal_code: str,
        skip_visit: bool,
        introductory: bool,
        lead: int,
        months: int,
        weekdays: str,
        hours: Decimal,
        settled: int,
        attended: list[str],
    ) -> None:
        """Random rules alone seldom get past S3, so an example may start further on: up to the
        full period under way (S11), directly from S9 or through an introductory period."""
        notice = max(started, notice)
        # Through an introductory period, the full period starts after it (the two weeks).
        full_start = lead + 15 if introductory else lead
        steps: list[Callable[[], Any]] = [
            lambda: self.intake(
                "responsible", "Kalle", started, "self", "Työttömyys.", postal_code
            ),
            lambda: self.name_worker("responsible", "worker"),
            lambda: self.book_meeting("responsible", 1, 60, Channel.IN_PERSON),
            lambda: self.hold_first_meeting(outcome),
            lambda: self.head_start_plan(outcome),
            lambda: self.update_plan(
                "responsible", notice, NoticeMethod.MEETING, True, "Ok", None, False
            ),
            lambda: [
                self.add_option("responsible", OptionKind.PLACE, place, "")
                for place in ("place", "other_place")
            ],
            lambda: [
                self.sign(
                    "responsible",
                    party,
                    "Allekirjoittaja",
                    SignatureMethod.PAPER,
                    min(0, notice + days),
                )
                for party, days in zip(parties, signed, strict=True)
            ],
            lambda: self.agree_decision_date("responsible", 0, 7),
            lambda: self.second_plan(
                "responsible",
                0 if choice in ("place", "both") else None,
                choice in ("mapping", "both"),
                "meeting",
            ),
            # S7 → S8: the second plan signed, the place chosen.
            lambda: [
                self.sign("responsible", party, "Allekirjoittaja", SignatureMethod.PAPER, 0)
                for party in parties
            ],
            lambda: self.move("responsible", Stage.S8_INTRODUCTORY_VISIT),
            lambda: (
                self.skip_visit("responsible", "place", "Paikka on asiakkaalle tuttu.")
                if skip_visit
                else self.record_visit("responsible", "place", 0, True, True, "Puutyöt", "Ok")
            ),
            # S8 → S9: the full period, its kuty decision made, the steward notified.
            lambda: self.plan_period(
                "responsible",
                PeriodKind.FULL,
                "place",
                full_start,
                months,
                0,
                0,
                weekdays,
                hours,
                "Päivärytmi.",
                30,
                False,
            ),
            lambda: self.draft_decision(
                "responsible", DecisionKind.KUTY, -1, True, "decision_maker", "Perusteet."
            ),
            lambda: self.make_decision("decision_maker", -1, 0, False),
            lambda: self.deliver_decision("responsible", -1, DeliveryMethod.LETTER, 0, None),
            lambda: self.send_notice("responsible", -1, 0, DeliveryMethod.LETTER),
            lambda: self.deliver_info(
                "responsible", -1, InfoRecipient.CLIENT, 0, DeliveryMethod.HANDED_OVER
            ),
            lambda: self.move("responsible", Stage.S9_KUTY_STARTS),
        ]
        if introductory:
            # S9 → S10 → S11: two weeks at the place first, then on to the full period.
            steps += [
                lambda: self.plan_period(
                    "responsible",
                    PeriodKind.INTRODUCTORY,
                    "place",
                    1,
                    0,
                    0,
                    9,
                    weekdays,
                    hours,
                    "Tutustuminen.",
                    7,
                    False,
                ),
                lambda: self.draft_decision(
                    "responsible",
                    DecisionKind.INTRODUCTORY_PERIOD,
                    -1,
                    True,
                    "decision_maker",
                    "Perusteet.",
                ),
                lambda: self.make_decision("decision_maker", -1, 0, False),
                lambda: self.deliver_decision("responsible", -1, DeliveryMethod.HANDED_OVER, 0, 0),
                lambda: self.move("responsible", Stage.S10_INTRODUCTORY_PERIOD),
                lambda: self.head_start_conclude(),
            ]
        # S11: the full period has begun.
        steps += [
            lambda: self.head_start_begin(settled),
            lambda: self.head_start_attend(attended),
        ]
        for step in steps[: depth + 1]:
            refused = len(self.refusals)
            step()
            # A refusal (a random date or choice the step cannot take) ends the head start.
            if self.relationship_id is None or len(self.refusals) > refused:
                break

    def head_start_conclude(self) -> None:
        self.now += dt.timedelta(days=2)
        self.conclude("responsible", -1, IntroductoryOutcome.CONTINUE, "Sopii hyvin.", False)

    def head_start_begin(self, settled: int = 0) -> None:
        """Time passes to the full period's start; the pathway moves on to S11; then
        ``settled`` days pass, so that the period has days to record."""
        period = self.pick(self.periods(PeriodKind.FULL), -1)
        if period is not None:
            self.now = max(self.now, dt.datetime.combine(period.starts_on, START.timetz()))
        self.move("responsible", Stage.S11_PERIOD)
        self.now += dt.timedelta(days=settled)

    def head_start_attend(self, attended: list[str]) -> None:
        """The place marks the days of the schedule gone by (the latest ones, as ``attended``
        says: present, absent on the day, or left unmarked ""), each one through the service."""
        period = self.pick(self.periods(PeriodKind.FULL), -1)
        if period is None:
            return
        which = self.periods().index(period)
        last = min(period.ends_on, self.today())
        gone_by = placement_rules.period_dates(
            period.starts_on, last, [n - 1 for n in period.weekday_numbers]
        )
        for offset, status in enumerate(attended[: len(gone_by)]):
            if not status:
                continue
            self.record_day(
                "place_supervisor",
                which,
                "schedule",
                offset,
                status,
                None,
                AbsenceReason.OWN_ILLNESS,
                Notice.ON_THE_DAY,
                None,
                1,
                "",
                "",
                "seen",
            )

    def hold_first_meeting(self, outcome: str) -> None:
        self.now += dt.timedelta(hours=2)
        self.record_meeting(
            "responsible",
            0,
            {topic: (True, "") for topic in InformingTopic.values},
            True,
            "Asuu yksin; päivärytmi puuttuu.",
            outcome,
            False,
        )

    def head_start_plan(self, outcome: str) -> None:
        if outcome == Outcome.CLIENT_PLAN:
            self.move("responsible", Stage.S4_ASSESSMENT)
            self.save_document(
                "responsible", Assessment, "Tilanne.", "Kuty sopii.", "Haluan.", True
            )
        self.start_plan("responsible", PlanType.ACTIVATION, None)

    # -- S1: intake ---------------------------------------------------------------------------

    @precondition(lambda self: self.relationship_id is None)
    @rule(
        actor=ACTORS,
        first_name=TEXT,
        started=st.integers(-60, 2),
        source=st.sampled_from(ContactSource.values),
        reason=TEXT,
        # Without a postal code (or with an unknown one) the distance to a place is unknown.
        postal_code=st.sampled_from(["", "", "00100", "33100", "99999"]),
    )
    def intake(
        self,
        actor: str,
        first_name: str,
        started: int,
        source: str,
        reason: str,
        postal_code: str = "",
    ) -> None:
        if self.client_id is None:
            code, born = artificial_identity_code()
            client = self.call(
                "client_create",
                actor,
                lambda user: client_services.client_create(
                    actor=user,
                    first_name=first_name,
                    last_name=FAKE.unique.last_name(),
                    identity_code=code,
                    birth_date=born,
                    postal_code=postal_code,
                ),
            )
            if client is None:
                return
            self.client_id, self.identity_code = client.pk, code
        client = Client.objects.get(pk=self.client_id)
        relationship = self.call(
            "relationship_open",
            actor,
            lambda user: client_services.relationship_open(
                actor=user,
                client=client,
                unit=self.world.unit,
                started_on=self.day(started),
                source=source,
                reason=reason,
            ),
        )
        if relationship is not None:
            self.relationship_id = relationship.pk
            self.summarise()

    @precondition(lambda self: self.client_id is not None)
    @rule(actor=ACTORS)
    def intake_again(self, actor: str) -> None:
        """The same identity code again: refused as a duplicate."""
        code = self.identity_code
        self.call(
            "client_create",
            actor,
            lambda user: client_services.client_create(
                actor=user,
                first_name="Toinen",
                last_name="Kerta",
                identity_code=code,
                birth_date=dt.date(1990, 1, 1),
            ),
        )

    # -- S2: naming ---------------------------------------------------------------------------

    @precondition(lambda self: self.relationship_id is not None)
    @rule(actor=ACTORS, worker=UNIT_WORKERS)
    def name_worker(self, actor: str, worker: str) -> None:
        relationship = self.relationship()
        self.call(
            "worker_assign",
            actor,
            lambda user: client_services.worker_assign(
                actor=user, relationship=relationship, worker=self.actor(worker)
            ),
        )

    @precondition(lambda self: self.named)
    @rule(actor=COVERERS, purpose=st.sampled_from(["Sairausloma.", "Sairausloma.", "  "]))
    def cover(self, actor: str, purpose: str) -> None:
        """A colleague covers for the responsible worker today (team cover)."""
        covered = self.actor("responsible")
        grant = self.call(
            "cover_start",
            actor,
            lambda user: client_services.cover_start(
                actor=user, colleague=covered, unit=self.world.unit, purpose=purpose
            ),
        )
        if grant is not None:
            self.covers.add((self.actor(actor).pk, covered.pk, self.today()))

    # -- S3: meetings and contacts -------------------------------------------------------------

    @precondition(lambda self: self.named)
    @rule(
        actor=ACTORS,
        hours=st.integers(-2, 96),
        duration=st.sampled_from([60, 30, 90]),
        channel=st.sampled_from(Channel.values),
    )
    def book_meeting(self, actor: str, hours: int, duration: int, channel: str) -> None:
        relationship = self.relationship()
        self.call(
            "meeting_book",
            actor,
            lambda user: client_services.meeting_book(
                actor=user,
                relationship=relationship,
                starts_at=self.now + dt.timedelta(hours=hours),
                duration_minutes=duration,
                channel=channel,
            ),
        )

    def meetings(self) -> list[Meeting]:
        return list(Meeting.objects.filter(relationship_id=self.relationship_id).order_by("pk"))

    @precondition(lambda self: self.has_meetings)
    @rule(
        actor=ACTORS,
        which=PICK,
        informing=TOPICS,
        situation=TEXT,
        outcome=st.sampled_from([Outcome.ACTIVATION_PLAN, Outcome.CLIENT_PLAN, "", *Outcome]),
        mark_held=st.sampled_from([True, True, False]),
        stale=st.sampled_from([False, False, True]),
    )
    def record_meeting(
        self,
        actor: str,
        which: int,
        informing: dict[str, tuple[bool, str]],
        mark_held: bool,
        situation: str,
        outcome: str,
        stale: bool,
    ) -> None:
        meeting = self.pick(self.meetings(), which)
        if meeting is None:
            return
        self.call(
            "meeting_record",
            actor,
            lambda user: client_services.meeting_record(
                actor=user,
                meeting=meeting,
                version=meeting.version - 1 if stale else meeting.version,
                informing=informing,
                mark_held=mark_held,
                overall_situation=situation,
                service_need="Arjen tuki.",
                client_wishes="",
                outcome=outcome,
            ),
        )

    @precondition(lambda self: self.has_meetings)
    @rule(actor=ACTORS, which=PICK)
    def cancel_meeting(self, actor: str, which: int) -> None:
        meeting = self.pick(self.meetings(), which)
        if meeting is None:
            return
        self.call(
            "meeting_cancel",
            actor,
            lambda user: client_services.meeting_cancel(
                actor=user, meeting=meeting, version=meeting.version
            ),
        )

    @precondition(lambda self: self.has_meetings)
    @rule(actor=ACTORS, which=PICK)
    def send_invitation(self, actor: str, which: int) -> None:
        meeting = self.pick(self.meetings(), which)
        if meeting is None:
            return
        self.call(
            "invitation_send",
            actor,
            lambda user: client_services.invitation_send(actor=user, meeting=meeting),
        )

    @precondition(lambda self: self.named)
    @rule(
        actor=ACTORS,
        kind=st.sampled_from(ContactKind.values),
        days=DAYS,
        outcome=st.sampled_from(ContactOutcome.values),
        note=TEXT,
    )
    def log_contact(self, actor: str, kind: str, days: int, outcome: str, note: str) -> None:
        relationship = self.relationship()
        self.call(
            "contact_log",
            actor,
            lambda user: client_services.contact_log(
                actor=user,
                relationship=relationship,
                kind=kind,
                contacted_on=self.day(days),
                outcome=outcome,
                note=note,
            ),
        )

    @rule(hours=st.integers(1, 24 * 8))
    def time_passes(self, hours: int) -> None:
        self.now += dt.timedelta(hours=hours)

    # -- S4: assessment and client plan --------------------------------------------------------

    @precondition(lambda self: self.named)
    @rule(
        actor=ACTORS,
        model=st.sampled_from([Assessment, ClientPlan]),
        first=TEXT,
        second=TEXT,
        third=TEXT,
        complete=st.booleans(),
    )
    def save_document(
        self,
        actor: str,
        model: type[Assessment] | type[ClientPlan],
        first: str,
        second: str,
        third: str,
        complete: bool,
    ) -> None:
        relationship = self.relationship()
        names = (
            ("summary", "conclusion", "client_view")
            if model is Assessment
            else ("goals", "services_and_measures", "follow_up")
        )
        latest = model.objects.filter(relationship=relationship).order_by("-number").first()
        self.call(
            "document_save",
            actor,
            lambda user: services.document_save(
                actor=user,
                model=model,
                relationship=relationship,
                version=latest.version if latest else None,
                complete=complete,
                fields=dict(zip(names, (first, second, third), strict=True)),
            ),
        )

    @precondition(lambda self: self.named)
    @rule(actor=ACTORS, model=st.sampled_from([Assessment, ClientPlan]), reason=REASON)
    def revise_document(
        self, actor: str, model: type[Assessment] | type[ClientPlan], reason: str
    ) -> None:
        latest = (
            model.objects.filter(relationship_id=self.relationship_id).order_by("-number").first()
        )
        if latest is None:
            return
        self.call(
            "document_revise",
            actor,
            lambda user: services.document_revise(actor=user, doc=latest, reason=reason),
        )

    # -- S5: the first activation plan ---------------------------------------------------------

    @precondition(lambda self: self.named)
    @rule(
        actor=ACTORS,
        plan_type=st.sampled_from(PlanType.values),
        assessment_started=st.one_of(st.none(), DAYS),
    )
    def start_plan(self, actor: str, plan_type: str, assessment_started: int | None) -> None:
        relationship = self.relationship()
        self.call(
            "plan_start",
            actor,
            lambda user: services.plan_start(
                actor=user,
                relationship=relationship,
                plan_type=plan_type,
                assessment_started_on=(
                    None if assessment_started is None else self.day(assessment_started)
                ),
            ),
        )

    @precondition(lambda self: self.has_plan)
    @rule(
        actor=ACTORS,
        notice=st.one_of(st.none(), DAYS),
        method=st.sampled_from([NoticeMethod.MEETING, NoticeMethod.POST, ""]),
        informed=st.sampled_from([True, True, False]),
        measures=TEXT,
        review=st.one_of(st.none(), st.integers(0, 120)),
        stale=st.sampled_from([False, False, True]),
    )
    def update_plan(
        self,
        actor: str,
        notice: int | None,
        method: str,
        informed: bool,
        measures: str,
        review: int | None,
        stale: bool,
    ) -> None:
        plan = self.draft_plan()
        if plan is None:
            return
        self.call(
            "plan_update",
            actor,
            lambda user: services.plan_update(
                actor=user,
                plan=plan,
                version=plan.version - 1 if stale else plan.version,
                notice_given_on=None if notice is None else self.day(notice),
                notice_method=method,
                official_name="Tiina Työllisyys",
                employment_authority=self.world.employment_authority,
                agreed_measures=measures,
                last_resort_informed=informed,
                benefits_informed=informed,
                review_due=None if review is None else self.day(review),
            ),
        )

    @precondition(lambda self: self.has_plan)
    @rule(
        actor=ACTORS,
        kind=st.sampled_from(OptionKind.values),
        place=st.sampled_from(["place", "other_place", "company_place", None]),
        note=TEXT,
    )
    def add_option(self, actor: str, kind: str, place: str | None, note: str) -> None:
        plan = self.draft_plan()
        if plan is None:
            return
        unit = getattr(self.world, place) if place else None
        self.call(
            "option_add",
            actor,
            lambda user: services.option_add(
                actor=user, plan=plan, kind=kind, place=unit, note=note
            ),
        )

    @precondition(lambda self: self.has_plan)
    @rule(actor=ACTORS, which=PICK)
    def remove_option(self, actor: str, which: int) -> None:
        plan = self.draft_plan()
        option = self.pick(list(plan.options.order_by("pk")), which) if plan else None
        if option is None:
            return
        self.call(
            "option_remove",
            actor,
            lambda user: services.option_remove(actor=user, option=option),
        )

    @precondition(lambda self: self.has_plan)
    @rule(actor=ACTORS)
    def give_notice(self, actor: str) -> None:
        plan = self.draft_plan()
        if plan is None:
            return
        self.call(
            "notice_disclose",
            actor,
            lambda user: services.notice_disclose(actor=user, plan=plan),
        )

    @precondition(lambda self: self.has_plan)
    @rule(
        actor=ACTORS,
        party=st.sampled_from(Party.values),
        name=TEXT,
        method=st.sampled_from(SignatureMethod.values),
        days=DAYS,
    )
    def sign(self, actor: str, party: str, name: str, method: str, days: int) -> None:
        plan = self.draft_plan()
        if plan is None:
            return
        self.call(
            "plan_sign",
            actor,
            lambda user: services.plan_sign(
                actor=user,
                plan=plan,
                party=party,
                signer_name=name,
                method=method,
                signed_on=self.day(days),
            ),
        )

    @precondition(lambda self: self.has_plan)
    @rule(actor=ACTORS, explained=st.booleans())
    def refuse(self, actor: str, explained: bool) -> None:
        plan = self.draft_plan()
        if plan is None:
            return
        self.call(
            "plan_refuse",
            actor,
            lambda user: services.plan_refuse(
                actor=user, plan=plan, consequences_explained=explained
            ),
        )

    # -- S6: reflection and visits -------------------------------------------------------------

    @precondition(lambda self: self.has_plan)
    @rule(actor=ACTORS, which=PICK, days=st.integers(-3, 30))
    def agree_decision_date(self, actor: str, which: int, days: int) -> None:
        plan = self.pick(self.plans(), which)
        if plan is None:
            return
        self.call(
            "plan_reflection",
            actor,
            lambda user: services.plan_reflection(
                actor=user, plan=plan, reflection_due=self.day(days)
            ),
        )

    @precondition(lambda self: self.has_plan)
    @rule(
        actor=ACTORS,
        which=PICK,
        option=PICK,
        days=DAYS,
        with_worker=st.booleans(),
        impression=TEXT,
    )
    def visit(
        self, actor: str, which: int, option: int, days: int, with_worker: bool, impression: str
    ) -> None:
        plan = self.pick(self.plans(), which)
        chosen = self.pick(list(plan.options.order_by("pk")), option) if plan else None
        if chosen is None:
            return
        self.call(
            "visit_add",
            actor,
            lambda user: services.visit_add(
                actor=user,
                plan=plan,
                option=chosen,
                visited_on=self.day(days),
                with_worker=with_worker,
                impression=impression,
            ),
        )

    # -- S7: the second plan and corrections ---------------------------------------------------

    @precondition(lambda self: self.has_signed_first)
    @rule(
        actor=ACTORS,
        option=st.one_of(st.none(), PICK),
        back_to_mapping=st.booleans(),
        how=st.sampled_from(["meeting", "phone", ""]),
    )
    def second_plan(self, actor: str, option: int | None, back_to_mapping: bool, how: str) -> None:
        first = (
            ActivationPlan.objects.filter(
                relationship_id=self.relationship_id, round=1, status=PlanStatus.SIGNED
            )
            .order_by("-number")
            .first()
        )
        chosen = (
            self.pick(list(first.options.order_by("pk")), option)
            if first and option is not None
            else None
        )
        relationship = self.relationship()
        self.call(
            "plan_second",
            actor,
            lambda user: services.plan_second(
                actor=user,
                relationship=relationship,
                chosen_option=chosen,
                how=how,
                back_to_mapping=back_to_mapping,
            ),
        )

    @precondition(lambda self: self.has_plan)
    @rule(actor=ACTORS, which=PICK, reason=REASON)
    def correct(self, actor: str, which: int, reason: str) -> None:
        plan = self.pick(self.plans(), which)
        if plan is None:
            return
        self.call(
            "plan_correct",
            actor,
            lambda user: services.plan_correct(actor=user, plan=plan, reason=reason),
        )

    @precondition(lambda self: self.relationship_id is not None)
    @rule(actor=ACTORS, stage=STAGES)
    def move(self, actor: str, stage: Stage) -> None:
        relationship = self.relationship()
        self.call(
            "transition",
            actor,
            lambda user: services.transition(actor=user, relationship=relationship, target=stage),
        )

    @precondition(lambda self: self.relationship_id is not None)
    @rule(actor=ACTORS, which=PICK)
    def advance(self, actor: str, which: int) -> None:
        """A move the graph allows from the current stage (``move`` mostly tries others)."""
        relationship = self.relationship()
        target = self.pick(machine.allowed_targets(relationship.stage), which)
        if target is None:
            return
        self.call(
            "transition",
            actor,
            lambda user: services.transition(actor=user, relationship=relationship, target=target),
        )

    # -- S8: the introductory visit ------------------------------------------------------------

    def unit_named(self, name: str) -> Unit:
        return self.world.unit if name == "unit" else getattr(self.world, name)

    @precondition(lambda self: self.stage >= Stage.S7_SECOND_PLAN.number)
    @rule(
        actor=ACTORS,
        place=PLACES,
        days=DAYS,
        worker_present=CHECKED,
        reviewed=CHECKED,
        tasks=TEXT,
        summary=TEXT,
    )
    def record_visit(
        self,
        actor: str,
        place: str,
        days: int,
        worker_present: bool,
        reviewed: bool,
        tasks: str,
        summary: str,
    ) -> None:
        relationship = self.relationship()
        self.call(
            "visit_record",
            actor,
            lambda user: placement_services.visit_record(
                actor=user,
                relationship=relationship,
                place=self.unit_named(place),
                visited_on=self.day(days),
                participants="Asiakas, vastuutyöntekijä, ohjaaja",
                worker_present=worker_present,
                place_contact="Ohjaaja Olli",
                agreed_hours="ma–ke 9–13",
                agreed_tasks=tasks,
                handover_summary=summary,
                reviewed_with_client=reviewed,
            ),
        )

    @precondition(lambda self: self.stage >= Stage.S7_SECOND_PLAN.number)
    @rule(actor=ACTORS, place=PLACES, reason=REASON)
    def skip_visit(self, actor: str, place: str, reason: str) -> None:
        relationship = self.relationship()
        self.call(
            "visit_skip",
            actor,
            lambda user: placement_services.visit_skip(
                actor=user, relationship=relationship, place=self.unit_named(place), reason=reason
            ),
        )

    # -- S8–S10: periods, decisions, the steward notice, the info package ----------------------

    @precondition(lambda self: self.stage >= Stage.S7_SECOND_PLAN.number)
    @rule(
        actor=ACTORS,
        kind=st.sampled_from([PeriodKind.FULL, PeriodKind.FULL, PeriodKind.INTRODUCTORY, ""]),
        place=PLACES,
        lead=st.one_of(st.integers(1, 30), st.integers(-30, 400)),
        months=st.one_of(st.integers(3, 12), st.integers(2, 25)),
        trim=st.sampled_from([0, 0, 0, -1, 1, 20, -20]),
        length=st.integers(0, 16),
        weekdays=WEEKDAYS,
        hours=HOURS,
        goal=TEXT,
        evaluate=st.sampled_from([60, 30, 90, -1, None]),
        far_consent=st.booleans(),
    )
    def plan_period(
        self,
        actor: str,
        kind: str,
        place: str,
        lead: int,
        months: int,
        trim: int,
        length: int,
        weekdays: str,
        hours: Decimal,
        goal: str,
        evaluate: int | None,
        far_consent: bool,
    ) -> None:
        """A full period of ``months`` (``trim`` days off the month boundary), or an
        introductory one of ``length`` days, starting in ``lead`` days."""
        relationship = self.relationship()
        starts_on = self.day(lead)
        ends_on = (
            placement_rules.add_months(starts_on, months) + dt.timedelta(days=trim - 1)
            if kind != PeriodKind.INTRODUCTORY
            else starts_on + dt.timedelta(days=length)
        )
        self.call(
            "period_plan",
            actor,
            lambda user: placement_services.period_plan(
                actor=user,
                relationship=relationship,
                place=self.unit_named(place),
                kind=kind,
                starts_on=starts_on,
                ends_on=ends_on,
                weekdays=weekdays,
                hours_per_day=hours,
                goal=goal,
                description="Puutöitä verstaalla.",
                tasks="Hionta\nLakkaus",
                support_and_guidance="Työnohjaaja paikalla.",
                other_services="Ei muita.",
                evaluate_by=None if evaluate is None else starts_on + dt.timedelta(days=evaluate),
                far_consent=far_consent,
            ),
        )

    @precondition(lambda self: self.period_kinds)
    @rule(actor=ACTORS, which=PICK, days=st.one_of(st.integers(-3, 0), DAYS), method=SENT_VIA)
    def send_notice(self, actor: str, which: int, days: int, method: str) -> None:
        period = self.pick(self.periods(), which)
        if period is None:
            return
        self.call(
            "steward_notice_send",
            actor,
            lambda user: placement_services.steward_notice_send(
                actor=user, period=period, sent_on=self.day(days), method=method
            ),
        )

    @precondition(lambda self: self.stage >= Stage.S8_INTRODUCTORY_VISIT.number)
    @rule(
        actor=ACTORS,
        kind=st.sampled_from(
            [DecisionKind.KUTY] * 3 + [DecisionKind.INTRODUCTORY_PERIOD] * 2 + [*DecisionKind, ""]
        ),
        which=st.one_of(PICK, st.none()),
        same_kind=st.sampled_from([True, True, True, False]),
        maker=st.sampled_from(["decision_maker"] * 3 + ["deputy", "worker", None]),
        grounds=TEXT,
    )
    def draft_decision(
        self,
        actor: str,
        kind: str,
        which: int | None,
        same_kind: bool,
        maker: str | None,
        grounds: str,
    ) -> None:
        """``which`` period: of the decision's kind (``same_kind``) or any; None for none."""
        relationship = self.relationship()
        period_kind = PERIOD_OF_DECISION.get(kind) if same_kind else None
        period = None if which is None else self.pick(self.periods(period_kind), which)
        self.call(
            "decision_draft",
            actor,
            lambda user: placement_services.decision_draft(
                actor=user,
                relationship=relationship,
                kind=kind,
                period=period,
                decision_maker=self.actor(maker) if maker else None,
                grounds=grounds,
            ),
        )

    @precondition(lambda self: self.decision_statuses)
    @rule(
        actor=DECIDERS,
        which=PICK,
        days=st.one_of(st.integers(-2, 0), DAYS),
        stale=st.sampled_from([False, False, True]),
    )
    def make_decision(self, actor: str, which: int, days: int, stale: bool) -> None:
        decision = self.pick(self.decisions(), which)
        if decision is None:
            return
        self.call(
            "decision_make",
            actor,
            lambda user: placement_services.decision_make(
                actor=user,
                decision=decision,
                decided_on=self.day(days),
                version=decision.version - 1 if stale else decision.version,
            ),
            decision=decision,
        )

    @precondition(lambda self: self.has_decided)
    @rule(
        actor=DELIVERERS,
        which=PICK,
        method=st.sampled_from([*DeliveryMethod.values, DeliveryMethod.LETTER, "fax"]),
        sent=st.one_of(st.integers(-3, 0), DAYS),
        received=st.one_of(st.none(), st.integers(-2, 10)),
    )
    def deliver_decision(
        self, actor: str, which: int, method: str, sent: int, received: int | None
    ) -> None:
        """``received`` days after sending (a proven receipt), or None."""
        decision = self.pick(self.decisions(), which)
        if decision is None:
            return
        self.call(
            "decision_deliver",
            actor,
            lambda user: placement_services.decision_deliver(
                actor=user,
                decision=decision,
                method=method,
                sent_on=self.day(sent),
                received_on=None if received is None else self.day(sent + received),
            ),
            decision=decision,
        )

    @precondition(lambda self: self.has_decided)
    @rule(actor=ACTORS, which=PICK, grounds=TEXT)
    def correct_decision(self, actor: str, which: int, grounds: str) -> None:
        decision = self.pick(self.decisions(), which)
        if decision is None:
            return
        self.call(
            "decision_correct",
            actor,
            lambda user: placement_services.decision_correct(
                actor=user, decision=decision, grounds=grounds
            ),
        )

    @precondition(lambda self: self.period_kinds)
    @rule(
        actor=ACTORS,
        which=PICK,
        recipient=st.sampled_from([InfoRecipient.CLIENT] * 2 + [InfoRecipient.PLACE, ""]),
        days=DAYS,
        method=SENT_VIA,
    )
    def deliver_info(self, actor: str, which: int, recipient: str, days: int, method: str) -> None:
        period = self.pick(self.periods(), which)
        if period is None:
            return
        self.call(
            "info_package_deliver",
            actor,
            lambda user: placement_services.info_package_deliver(
                actor=user,
                period=period,
                recipient=recipient,
                delivered_on=self.day(days),
                method=method,
            ),
        )

    @precondition(lambda self: PeriodKind.INTRODUCTORY in self.period_kinds)
    @rule(
        actor=ACTORS,
        which=PICK,
        outcome=st.sampled_from(
            [IntroductoryOutcome.CONTINUE] * 3 + [*IntroductoryOutcome.values, ""]
        ),
        note=TEXT,
        stale=st.sampled_from([False, False, True]),
    )
    def conclude(self, actor: str, which: int, outcome: str, note: str, stale: bool) -> None:
        period = self.pick(self.periods(PeriodKind.INTRODUCTORY), which)
        if period is None:
            return
        self.call(
            "introductory_period_conclude",
            actor,
            lambda user: placement_services.introductory_period_conclude(
                actor=user,
                period=period,
                outcome=outcome,
                note=note,
                version=period.version - 1 if stale else period.version,
            ),
        )

    # -- S11: attendance (the place's days, absences, days moved, closures) -------------------

    def attendance_day(self, period: Period, anchor: str, offset: int) -> dt.date:
        if anchor == "schedule":
            last = min(period.ends_on, self.today())
            days = placement_rules.period_dates(
                period.starts_on, last, [n - 1 for n in period.weekday_numbers]
            )
            if days:
                return days[-1 - offset % len(days)]  # mostly the latest ones
        base = self.today() if anchor == "today" else period.starts_on
        return base + dt.timedelta(days=offset)

    @precondition(lambda self: self.period_kinds)
    @rule(
        actor=RECORDERS,
        which=PICK,
        anchor=ANCHORS,
        offset=DAY_OFFSETS,
        status=DAY_STATUSES,
        hours=st.one_of(st.none(), st.none(), HOURS, st.just(Decimal(0))),
        reason=ABSENCE_REASONS,
        notice=NOTICES,
        certificate=st.one_of(st.none(), st.none(), st.integers(-3, 2)),
        moved=st.integers(-2, 3),
        note=TEXT,
        correction=REASON,
        seen=VERSIONS,
    )
    def record_day(
        self,
        actor: str,
        which: int,
        anchor: str,
        offset: int,
        status: str,
        hours: Decimal | None,
        reason: str,
        notice: str,
        certificate: int | None,
        moved: int,
        note: str,
        correction: str,
        seen: str,
    ) -> None:
        """One day: present (the period's hours or others), absent with a reason and a notice
        (a certificate sometimes), or moved by agreement ``moved`` days on; a correction of
        the record seen, a stale one, or none seen."""
        period = self.pick(self.periods(), which)
        if period is None:
            return
        day = self.attendance_day(period, anchor, offset)
        existing = AttendanceDay.objects.filter(
            relationship_id=period.relationship_id, day=day
        ).first()
        version = None
        if existing is not None and seen != "none":
            version = existing.version - 1 if seen == "stale" else existing.version
        entry = attendance_services.DayEntry(
            period=period,
            day=day,
            status=status,
            hours=hours,
            reason=reason,
            notice=notice,
            certificate_on=None if certificate is None else day + dt.timedelta(days=certificate),
            moved_to=day + dt.timedelta(days=moved),
            note=note,
            correction_reason=correction,
            version=version,
        )
        recorded = self.call(
            "day_record",
            actor,
            lambda user: attendance_services.day_record(actor=user, entry=entry),
            period=period,
        )
        self.attendance = self.attendance or recorded is not None

    @precondition(lambda self: self.stage == Stage.S11_PERIOD.number)
    @rule(
        actor=st.sampled_from(["place_supervisor", "place_supervisor", "responsible"]),
        which=PICK,
        offset=st.integers(0, 30),
        absent=st.sampled_from([False, False, False, True]),
        reason=st.sampled_from(AbsenceReason.values),
    )
    def record_scheduled_day(
        self, actor: str, which: int, offset: int, absent: bool, reason: str
    ) -> None:
        """A day of the schedule gone by, as the place marks most days: present with the
        period's hours, or absent reported on the day (the everyday case, so that examples
        hold many records)."""
        self.record_day(
            actor,
            which,
            "schedule",
            offset,
            DayStatus.ABSENT if absent else DayStatus.PRESENT,
            None,
            reason,
            Notice.ON_THE_DAY,
            None,
            1,
            "",
            "Korjaus.",
            "seen",
        )

    @precondition(lambda self: self.period_kinds)
    @rule(
        actor=RECORDERS,
        which=PICK,
        anchor=ANCHORS,
        offset=DAY_OFFSETS,
        length=st.integers(1, 7),
        status=st.sampled_from([DayStatus.PRESENT] * 3 + [DayStatus.ABSENT]),
    )
    def record_week(
        self, actor: str, which: int, anchor: str, offset: int, length: int, status: str
    ) -> None:
        """The place's week grid: the period's weekdays among ``length`` days, all at once
        (present, or absent unreported for another reason), all or nothing."""
        period = self.pick(self.periods(), which)
        if period is None:
            return
        first = self.attendance_day(period, anchor, offset)
        days = [first + dt.timedelta(days=n) for n in range(length)]
        entries = [
            attendance_services.DayEntry(
                period=period,
                day=day,
                status=status,
                reason=AbsenceReason.OTHER if status == DayStatus.ABSENT else "",
                notice=Notice.NOT_REPORTED if status == DayStatus.ABSENT else "",
            )
            for day in days
            if day.isoweekday() in period.weekday_numbers
        ]
        if not entries:
            return
        saved = self.call(
            "week_record",
            actor,
            lambda user: attendance_services.week_record(actor=user, entries=entries),
            period=period,
        )
        self.attendance = self.attendance or bool(saved)

    @precondition(lambda self: self.period_kinds)
    @rule(
        actor=RECORDERS,
        place=st.sampled_from(["place"] * 4 + ["other_place"]),
        which=PICK,
        anchor=ANCHORS,
        offset=DAY_OFFSETS,
        length=st.one_of(st.integers(0, 4), st.integers(-1, 95)),
        reason=st.sampled_from(["Koulutuspäivä"] * 3 + ["", "  "]),
    )
    def close_place(
        self,
        actor: str,
        place: str,
        which: int,
        anchor: str,
        offset: int,
        length: int,
        reason: str,
    ) -> None:
        """The place closed for ``length`` + 1 days (a training day, a summer closure)."""
        period = self.pick(self.periods(), which)
        if period is None:
            return
        unit = self.unit_named(place)
        first = self.attendance_day(period, anchor, offset)
        closed = self.call(
            "place_close",
            actor,
            lambda user: attendance_services.place_close(
                actor=user,
                place=unit,
                first_day=first,
                last_day=first + dt.timedelta(days=length),
                reason=reason,
            ),
            place=unit,
        )
        self.attendance = self.attendance or bool(closed)

    # -- a group beside the period (issue 22): enrolment, sessions, the instructor's marks ----

    def enrolment(self) -> Enrolment | None:
        if self.client_id is None or self.world.group is None:
            return None
        return Enrolment.objects.filter(group=self.world.group, client_id=self.client_id).first()

    @precondition(lambda self: self.relationship_id is not None and self.has_signed_first)
    @rule(
        actor=ACTORS,
        starts=st.one_of(st.integers(-5, 0), st.integers(-5, 0), st.integers(-400, 30)),
        agreed=st.sampled_from([0, 0, -1, 1]),
    )
    def enrol_in_group(self, actor: str, starts: int, agreed: int) -> None:
        """The client joins the unit's kuty group under their activation plan."""
        relationship = self.relationship()
        group = self.world.group
        assert group is not None
        enrolled = self.call(
            "enrolment_add",
            actor,
            lambda user: group_services.enrolment_add(
                actor=user,
                group=group,
                relationship=relationship,
                status=LegalStatus.KUTY,
                agreed_on=self.day(agreed),
                agreement="Sovittu ATK-ryhmästä ajanvarauksen yhteydessä.",
                starts_on=self.day(starts),
            ),
        )
        self.enrolled = self.enrolled or enrolled is not None

    @precondition(lambda self: self.enrolled)
    @rule(
        adder=st.sampled_from(["place_supervisor"] * 4 + ["worker", "client", "official"]),
        actor=st.sampled_from(["place_supervisor"] * 5 + ["responsible", "client"]),
        anchor=ANCHORS,
        offset=DAY_OFFSETS,
        length=st.sampled_from([4, 4, 2, 6, 8]),
        present=st.sampled_from([True, True, True, False]),
        hours=st.sampled_from([None, None, Decimal(4), Decimal(8), Decimal(2), Decimal(0)]),
        version=VERSIONS,
    )
    def group_session(
        self,
        adder: str,
        actor: str,
        anchor: str,
        offset: int,
        length: int,
        present: bool,
        hours: Decimal | None,
        version: str,
    ) -> None:
        """A session of the group on a day near today, near the period's start or on one of
        its days (so that the group's days meet the place's), added when the day has none;
        then the instructor marks the client present (with hours) or absent."""
        group = self.world.group
        enrolment = self.enrolment()
        assert group is not None
        if enrolment is None:
            return
        period = self.pick(self.periods(), 0)
        day = self.attendance_day(period, anchor, offset) if period else self.day(offset)
        session = Session.objects.filter(group=group, day=day).order_by("pk").first()
        if session is None:
            session = self.call(
                "session_add",
                adder,
                lambda user: group_services.session_add(
                    actor=user,
                    group=group,
                    day=day,
                    starts_at=dt.time(9),
                    ends_at=dt.time(9 + length),
                    theme="Tekstinkäsittely",
                ),
            )
            if session is None:
                return
        mark = SessionAttendance.objects.filter(session=session, enrolment=enrolment).first()
        seen = {"seen": mark.version if mark else None, "none": None}.get(
            version, (mark.version - 1) if mark else None
        )
        entry = group_services.MarkEntry(
            enrolment=enrolment,
            status=SessionStatus.PRESENT if present else SessionStatus.ABSENT,
            hours=hours if present else None,
            reason="" if present else AbsenceReason.OWN_ILLNESS,
            notice="" if present else Notice.ON_THE_DAY,
            version=seen,
        )
        marked = self.call(
            "session_attendance_record",
            actor,
            lambda user: group_services.session_attendance_record(
                actor=user, session=session, entries=[entry]
            ),
        )
        self.marked = self.marked or bool(marked)

    @precondition(lambda self: self.enrolled)
    @rule(
        adder=st.just("place_supervisor"),
        actor=st.just("place_supervisor"),
        anchor=st.just("schedule"),
        offset=DAY_OFFSETS,
        length=st.sampled_from([4, 6, 8]),
        present=st.just(True),
        hours=st.just(None),
        version=st.just("seen"),
    )
    def group_session_on_a_place_day(self, **inputs: Any) -> None:
        """The same as ``group_session`` on one of the period's days, as the instructor would
        do it (a second rule, so the machine tries the group's days about as often as the
        place's)."""
        self.group_session(**inputs)

    # -- invariants ----------------------------------------------------------------------------

    @invariant()
    def after_each_write(self) -> None:
        """Every check after every write (reads alone change nothing, so refusals skip them)."""
        if not self.dirty:
            return
        self.dirty = False
        self.one_client_per_identity_code()
        self.no_plan_both_chooses_and_keeps_mapping()
        self.completed_documents_have_their_content()
        self.stage_was_reached_by_allowed_moves()
        self.no_event_before_what_it_follows()
        self.stepper_agrees_with_the_data()

    def one_client_per_identity_code(self) -> None:
        if self.identity_code:
            assert Client.objects.filter(identity_code=self.identity_code).count() == 1

    def no_plan_both_chooses_and_keeps_mapping(self) -> None:
        both = ActivationPlan.objects.filter(
            relationship_id=self.relationship_id,
            chosen_option__isnull=False,
            back_to_mapping=True,
        )
        assert not both.exists(), "a plan has a chosen option and says the mapping continues"

    def completed_documents_have_their_content(self) -> None:
        required: dict[type[Assessment] | type[ClientPlan], tuple[str, ...]] = {
            Assessment: ("summary", "conclusion", "client_view"),
            ClientPlan: ("goals", "services_and_measures", "follow_up"),
        }
        for signature in PlanSignature.objects.filter(plan__relationship_id=self.relationship_id):
            assert signature.signer_name.strip(), f"a {signature.party} signature names no one"
        for model, names in required.items():
            for doc in model.objects.filter(
                relationship_id=self.relationship_id, status=DocumentStatus.COMPLETED
            ):
                empty = [name for name in names if not getattr(doc, name).strip()]
                assert not empty, f"completed {model.__name__} {doc.number} lacks {empty}"

    def stage_was_reached_by_allowed_moves(self) -> None:
        if self.relationship_id is None:
            return
        relationship = self.relationship()
        moves = [
            tuple(event.changes["stage"])
            for event in AuditEvent.objects.filter(
                kind=EventKind.CHANGE,
                record_type=ClientRelationship._meta.label,
                record_id=str(relationship.pk),
            ).order_by("pk")
            if "stage" in event.changes
        ]
        stage = None
        for source, target in moves:
            assert source == stage, f"stage moves do not chain: {moves}"
            assert (source, target) in SERVICE_MOVES | MACHINE_MOVES, f"move {source}→{target}"
            stage = target
        assert stage == relationship.stage, f"stage {relationship.stage} but moves {moves}"

    def no_event_before_what_it_follows(self) -> None:
        if self.relationship_id is None:
            return
        started = self.relationship().started_on
        for meeting in Meeting.objects.filter(relationship_id=self.relationship_id):
            assert meeting.starts_at.astimezone(HELSINKI).date() >= started, "meeting < start"
        for contact in ContactLog.objects.filter(relationship_id=self.relationship_id):
            assert contact.contacted_on >= started, "contact before the relationship began"
        first_signed = ActivationPlan.objects.filter(
            relationship_id=self.relationship_id, round=1, status=PlanStatus.SIGNED
        ).aggregate(first=Min("signed_on"))["first"]
        for plan in self.plans():
            if plan.notice_given_on is not None:
                assert plan.notice_given_on >= started, "notice before the relationship began"
            for signature in plan.signatures.all():
                assert signature.signed_on >= started, "signature before the relationship began"
                assert plan.notice_given_on is not None, "signature without a notice"
                assert signature.signed_on >= plan.notice_given_on, "signature before the notice"
            for visit in plan.visits.all():
                assert visit.visited_on >= started, "visit before the relationship began"
                assert first_signed is not None, "visit before the first plan was signed"
                assert visit.visited_on >= first_signed, "visit before the first plan's signing"

    def stepper_agrees_with_the_data(self) -> None:
        if self.relationship_id is None:
            return
        relationship = self.relationship()
        plans = ActivationPlan.objects.filter(relationship=relationship)
        decided = Decision.objects.filter(relationship=relationship, status=DecisionStatus.DECIDED)
        # Each stage's record, read only for the stages the stepper calls done.
        records: dict[Stage, Callable[[], bool]] = {
            Stage.S1_STARTED: lambda: True,
            Stage.S2_RESPONSIBLE_WORKER: lambda: relationship.responsible_worker_id is not None,
            Stage.S3_FIRST_MEETING: lambda: relationship.meetings.filter(
                is_first=True, status=MeetingStatus.HELD
            ).exists(),
            Stage.S4_ASSESSMENT: lambda: Assessment.objects.filter(
                relationship=relationship, status=DocumentStatus.COMPLETED
            ).exists(),
            Stage.S5_ACTIVATION_PLAN: lambda: plans.filter(
                round=1, status=PlanStatus.SIGNED
            ).exists(),
            Stage.S6_REFLECTION: lambda: plans.filter(
                round=1, status=PlanStatus.SIGNED, reflection_due__isnull=False
            ).exists(),
            Stage.S7_SECOND_PLAN: lambda: plans.filter(
                round__gte=2, status=PlanStatus.SIGNED
            ).exists(),
            # S8 skipped shows as skipped, not done.
            Stage.S8_INTRODUCTORY_VISIT: lambda: relationship.introductory_visits.filter(
                status=VisitStatus.RECORDED
            ).exists(),
            Stage.S9_KUTY_STARTS: lambda: (
                decided.filter(kind=DecisionKind.KUTY).exists()
                and StewardNotice.objects.filter(period__relationship=relationship).exists()
            ),
            Stage.S10_INTRODUCTORY_PERIOD: lambda: (
                relationship.periods.filter(kind=PeriodKind.INTRODUCTORY)
                .exclude(outcome="")
                .exists()
            ),
        }
        steps = client_selectors.stepper(relationship)
        current = [step.stage for step in steps if step.state == "current"]
        assert current == [relationship.stage], f"stepper current {current}"
        for step in steps:
            if step.state == "done":
                record = records.get(step.stage)
                assert record is not None, f"stepper: {step.stage.value} done, no record known"
                assert record(), f"stepper: {step.stage.value} done without its record"

    # -- the placement's invariants (S8–S11) ---------------------------------------------------

    @precondition(lambda self: self.period_kinds)
    @invariant()
    def periods_keep_the_legal_limits(self) -> None:
        """Each period within the limits in force on its start (rules.py): 3–24 months (an
        introductory period under two weeks), 1–4 days a week, 4–8 hours a day and 40 a week,
        80 km without consent; and the client's periods together at most 4 days in a calendar
        week and 178 participation days in any 12 months."""
        if not self.fresh("periods_keep_the_legal_limits"):
            return
        assert self.client_id is not None
        periods = Period.objects.filter(relationship__client_id=self.client_id).exclude(
            status=PeriodStatus.CANCELLED
        )
        spans: list[placement_rules.Period] = []
        participation = days_a_week = 0
        for period in periods:
            limits = _limits_on(period.starts_on)
            participation = max(participation, limits.max_participation_days)
            days_a_week = max(days_a_week, limits.max_days_per_week)
            name = f"{period.kind} period {period.starts_on}–{period.ends_on} ({period.weekdays})"
            if period.kind == PeriodKind.FULL:
                first, last = placement_rules.period_end_bounds(period.starts_on, limits)
                assert first <= period.ends_on <= last, f"{name}: not 3–24 months"
            else:
                assert 0 <= (period.ends_on - period.starts_on).days < 14, f"{name}: too long"
            weekdays = [int(day) - 1 for day in period.weekdays]
            assert len(set(weekdays)) == len(weekdays), f"{name}: a weekday twice"
            assert set(weekdays) <= set(range(7)), f"{name}: not weekdays"
            assert limits.min_days_per_week <= len(weekdays) <= limits.max_days_per_week, (
                f"{name}: days a week"
            )
            hours = period.hours_per_day
            assert limits.min_hours_per_day <= hours <= limits.max_hours_per_day, f"{name}: hours"
            assert hours * len(weekdays) <= limits.max_hours_per_week, f"{name}: hours a week"
            assert (
                period.far_consent
                or period.distance_km is None
                or period.distance_km <= limits.max_distance_km
            ), f"{name}: {period.distance_km} km from home without consent"
            spans.append((period.starts_on, period.ends_on, weekdays))
        # The participation days as the rule counts them: recorded present days and the
        # expected days not yet recorded (holidays, closures and absences are not among them).
        from polku.placements.participation import participation_days

        days = set(participation_days(list(periods)))
        excess = placement_rules.first_excess_day((), days, limit=participation)
        assert excess is None, f"over {participation} participation days by {excess}: {spans}"
        week = placement_rules.first_week_over(spans, max_days=days_a_week)
        assert week is None, f"over {days_a_week} days in the week of {week}: {spans}"

    @precondition(lambda self: self.period_kinds)
    @invariant()
    def no_period_at_a_company(self) -> None:
        if not self.fresh("no_period_at_a_company"):
            return
        at_a_company = Period.objects.filter(
            relationship_id=self.relationship_id, place__producer_type=ProducerType.COMPANY
        )
        assert not at_a_company.exists(), "a period at a company (189/2001 §13 2 mom)"

    @precondition(lambda self: self.decision_statuses)
    @invariant()
    def a_decision_is_dated_when_made(self) -> None:
        if not self.fresh("a_decision_is_dated_when_made"):
            return
        for pk, status, decided_on in Decision.objects.filter(
            relationship_id=self.relationship_id
        ).values_list("pk", "status", "decided_on"):
            made = status == DecisionStatus.DECIDED
            assert made == (decided_on is not None), f"decision {pk} {status} on {decided_on}"

    @precondition(lambda self: self.has_decided)
    @invariant()
    def a_made_decision_never_changes(self) -> None:
        """The first time a decision is seen made its content is kept; it must stay so."""
        if not self.fresh("a_made_decision_never_changes"):
            return
        names = [f.attname for f in Decision._meta.concrete_fields if f.attname not in BOOKKEEPING]
        rows = {
            row["id"]: row
            for row in Decision.objects.filter(relationship_id=self.relationship_id).values(*names)
        }
        for pk, made in self.made.items():
            assert rows.get(pk) == made, f"made decision {pk}: {made} became {rows.get(pk)}"
        for pk, row in rows.items():
            if row["status"] == DecisionStatus.DECIDED:
                self.made.setdefault(pk, row)

    @precondition(lambda self: self.period_kinds)
    @invariant()
    def the_steward_is_notified_before_the_start(self) -> None:
        if not self.fresh("the_steward_is_notified_before_the_start"):
            return
        for sent_on, starts_on, began in StewardNotice.objects.filter(
            period__relationship_id=self.relationship_id
        ).values_list("sent_on", "period__starts_on", "period__relationship__started_on"):
            assert began <= sent_on < starts_on, f"notice {sent_on}: start {starts_on}, {began}"

    @precondition(lambda self: self.has_decided)
    @invariant()
    def a_decision_is_delivered_after_it_was_made(self) -> None:
        if not self.fresh("a_decision_is_delivered_after_it_was_made"):
            return
        for sent_on, received_on, status, decided_on in Delivery.objects.filter(
            decision__relationship_id=self.relationship_id
        ).values_list("sent_on", "received_on", "decision__status", "decision__decided_on"):
            assert status == DecisionStatus.DECIDED, f"a {status} decision delivered"
            assert decided_on is not None, "a decision delivered without its date"
            assert decided_on <= sent_on, f"delivered on {sent_on}, decided on {decided_on}"
            assert received_on is None or received_on >= sent_on, "received before sent"

    @precondition(lambda self: self.stage >= Stage.S9_KUTY_STARTS.number)
    @invariant()
    def s8_was_passed_with_a_visit(self) -> None:
        if not self.fresh("s8_was_passed_with_a_visit"):
            return
        visits = IntroductoryVisit.objects.filter(
            relationship_id=self.relationship_id,
            status__in=[VisitStatus.RECORDED, VisitStatus.SKIPPED],
        )
        assert visits.exists(), f"at S{self.stage} without the introductory visit or its skip"

    @precondition(lambda self: self.stage == Stage.S11_PERIOD.number)
    @invariant()
    def s11_has_a_period_under_way(self) -> None:
        """A full period has started, its kuty decision made and the steward notified (on its
        start day at the latest)."""
        if not self.fresh("s11_has_a_period_under_way"):
            return
        started = (
            Period.objects.filter(
                relationship_id=self.relationship_id,
                kind=PeriodKind.FULL,
                starts_on__lte=self.today(),
            )
            .exclude(status=PeriodStatus.CANCELLED)
            .filter(
                Exists(
                    Decision.objects.filter(
                        period=OuterRef("pk"),
                        kind=DecisionKind.KUTY,
                        status=DecisionStatus.DECIDED,
                        decided_on__lte=OuterRef("starts_on"),
                    )
                ),
                Exists(
                    StewardNotice.objects.filter(
                        period=OuterRef("pk"), sent_on__lte=OuterRef("starts_on")
                    )
                ),
            )
        )
        assert started.exists(), "at S11 without a full period decided, notified and begun"

    # -- attendance's invariants (S11) --------------------------------------------------------

    @precondition(lambda self: self.attendance)
    @invariant()
    def attendance_keeps_its_rules(self) -> None:
        """At most one record per client and day; no record on a day without work activity (a
        holiday, a closure, a weekday the place is closed); no present day beyond 178 in any
        12 months; and no closure on a day that holds a record."""
        if not self.fresh("attendance_keeps_its_rules"):
            return
        assert self.client_id is not None
        rows = list(
            AttendanceDay.objects.filter(relationship__client_id=self.client_id).select_related(
                "period"
            )
        )
        twice = [day for day, n in Counter(row.day for row in rows).items() if n > 1]
        assert not twice, f"more than one record a day: {twice}"
        places = {row.period.place_id for row in rows}
        profiles = {p.place_id: p for p in PlaceProfile.objects.filter(place_id__in=places)}
        closed: dict[int, list[ClosedDay]] = {}
        for closed_day in ClosedDay.objects.filter(profile__place_id__in=places).select_related(
            "profile"
        ):
            closed.setdefault(closed_day.profile.place_id, []).append(closed_day)
        for row in rows:
            place_id = row.period.place_id
            calendar = PlaceCalendar.of(profiles.get(place_id), closed.get(place_id, ()))
            why = calendar.not_organised(row.day)
            assert why is None, f"{row.status} on {row.day}, a day without work activity: {why}"
        present = sorted(row.day for row in rows if row.status == DayStatus.PRESENT)
        if present:
            limit = _limits_on(present[0]).max_participation_days
            excess = placement_rules.first_excess_day((), present, limit=limit)
            assert excess is None, f"over {limit} present days by {excess}"
        recorded = AttendanceDay.objects.filter(
            period__place_id=OuterRef("profile__place_id"), day=OuterRef("day")
        )
        on_records = ClosedDay.objects.filter(Exists(recorded)).values_list("day", flat=True)
        assert not on_records.exists(), f"a closure on recorded days: {list(on_records)}"

    @precondition(lambda self: self.marked or (self.attendance and self.enrolled))
    @invariant()
    def kuty_rules_count_places_and_groups_together(self) -> None:
        """For a kuty participant, the place's present days and the group's present sessions
        are one count (189/2001 §13 b, §14 1 mom): the hours of a day at both together, the
        days of a calendar week and the 178 days in any 12 months."""
        if not self.fresh("kuty_rules_count_places_and_groups_together"):
            return
        assert self.client_id is not None
        hours: dict[dt.date, Decimal] = {}
        for day, spent in AttendanceDay.objects.filter(
            relationship__client_id=self.client_id, status=DayStatus.PRESENT
        ).values_list("day", "hours"):
            hours[day] = hours.get(day, Decimal(0)) + (spent or Decimal(0))
        for day, spent in SessionAttendance.objects.filter(
            enrolment__client_id=self.client_id,
            enrolment__status=LegalStatus.KUTY,
            status=SessionStatus.PRESENT,
        ).values_list("session__day", "hours"):
            hours[day] = hours.get(day, Decimal(0)) + (spent or Decimal(0))
        for day, total in hours.items():
            most = _limits_on(day).max_hours_per_day
            assert total <= most, f"{total} h on {day} at the place and in the group, over {most}"
        weeks = Counter(day.isocalendar()[:2] for day in hours)
        for (year, week), count in weeks.items():
            week_most = _limits_on(dt.date.fromisocalendar(year, week, 1)).max_days_per_week
            assert count <= week_most, f"{count} days in week {week}/{year}, over {week_most}"
        if hours:
            days = sorted(hours)
            year_most = _limits_on(days[0]).max_participation_days
            excess = placement_rules.first_excess_day((), days, limit=year_most)
            assert excess is None, f"over {year_most} days at places and in groups by {excess}"


@cache
def _limits_on(day: dt.date) -> placement_rules.PeriodLimits:
    """The statutory limits of a start date (they do not change during the test)."""
    return placement_rules.limits_on(day)


@pytest.mark.django_db
def test_pathway_services_keep_their_invariants() -> None:
    PathwayMachine.world = world = build_world()
    world.group = build_group(world)
    REACH.clear()
    ATTENDANCE_WRITES.clear()
    GROUP_REFUSALS.clear()
    run_state_machine_as_test(
        PathwayMachine,
        settings=settings(
            settings.get_profile(os.environ.get("POLKU_STATEFUL_PROFILE", "stateful")),
            max_examples=int(os.environ.get("POLKU_STATEFUL_EXAMPLES", "50")),
            stateful_step_count=int(os.environ.get("POLKU_STATEFUL_STEPS", "30")),
            # One failure at a time keeps a red run short; set POLKU_STATEFUL_ALL_BUGS=1 to
            # have every distinct failure shrunk and printed.
            report_multiple_bugs=os.environ.get("POLKU_STATEFUL_ALL_BUGS") == "1",
        ),
    )
    examples = REACH.total()
    placed = sum(n for stage, n in REACH.items() if stage >= Stage.S8_INTRODUCTORY_VISIT.number)
    begun = REACH[Stage.S11_PERIOD.number]
    print(  # noqa: T201 (shown with pytest -s)
        f"\n{examples} examples: {placed / examples:.0%} reached S8 or later, "
        f"{begun / examples:.0%} S11; deepest stages {sorted(REACH.items())}; "
        f"attendance and group writes {dict(ATTENDANCE_WRITES)}; "
        f"group refusals {dict(GROUP_REFUSALS)}"
    )
