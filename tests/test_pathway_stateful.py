"""A hypothesis state machine that drives the S1–S7 services in random order (issue 13).

Each example is one client's pathway: intake, naming, meetings, contacts, documents, the first
and second activation plan, signatures, refusal, visits, corrections and transitions, with random
dates, actors and inputs (blank and whitespace included). After every step it checks what must
always hold: no self-contradicting state, no event dated before the events it follows, the
stepper agrees with the data, every write has its change event, and every refusal is a
``ValidationError`` with a code. See docs/subsystems/testing.md, "The pathway state machine".
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min, Model
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


def build_world() -> World:
    organiser = UnitFactory.create(kind=UnitKind.ORGANISER, name="Tilakonelän hyvinvointialue")
    unit = UnitFactory.create(name="Aikuissosiaalityö, Tilakonelä", parent=organiser)
    other_unit = UnitFactory.create(name="Aikuissosiaalityö, Muualla", parent=organiser)
    employment_authority = UnitFactory.create(
        kind=UnitKind.EMPLOYMENT_AUTHORITY, name="Tilakonelän työllisyysalue"
    )
    return World(
        unit=unit,
        place=PlaceFactory.create(name="Toimintakeskus Tila", parent=organiser),
        other_place=PlaceFactory.create(name="Työpaja Kone", parent=organiser),
        company_place=PlaceFactory.create(
            name="Tila Oy", parent=organiser, producer_type=ProducerType.COMPANY
        ),
        employment_authority=employment_authority,
        actors={
            "worker": role_user(Role.WORKER, unit, first_name="Sanna", last_name="Ohjaaja"),
            "colleague": role_user(Role.WORKER, unit, first_name="Pekka", last_name="Kollega"),
            "other_unit_worker": role_user(Role.WORKER, other_unit),
            "decision_maker": role_user(Role.DECISION_MAKER, unit),
            "official": role_user(Role.EMPLOYMENT_OFFICIAL, employment_authority),
            "client": role_user(Role.CLIENT, unit),
        },
    )


# ---------------------------------------------------------------------------------------------
# Inputs. Valid values come more often than invalid ones, so examples get deep into the pathway;
# sampled_from shrinks towards the first element, which is the plain valid case.

UNIT_WRITERS = ("worker", "colleague", "decision_maker")
# "responsible" is whoever is the responsible worker when the step runs (before naming: the
# worker who receives the client).
ACTORS = st.sampled_from(
    ["responsible"] * 6
    + ["worker", "colleague", "other_unit_worker", "decision_maker", "official", "client"]
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
)
BOOKKEEPING = {"version", "updated_at", "created_at"}


def _content() -> dict[str, set[tuple[Any, ...]]]:
    snapshot = {}
    for model in WATCHED:
        names = sorted(
            f.attname for f in model._meta.concrete_fields if f.attname not in BOOKKEEPING
        )
        snapshot[model._meta.label] = set(model._default_manager.values_list(*names))
    return snapshot


def _changed(before: dict[str, set[Any]], after: dict[str, set[Any]]) -> list[str]:
    return [label for label in before if before[label] != after[label]]


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

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # -- helpers ------------------------------------------------------------------------------

    def actor(self, name: str) -> User:
        if name == "responsible":
            worker = self.relationship().responsible_worker if self.relationship_id else None
            return worker or self.world.actors["worker"]
        return self.world.actors[name]

    def summarise(self) -> None:
        """What the preconditions read, refreshed after each write (preconditions run often)."""
        relationship = self.relationship()
        plans = ActivationPlan.objects.filter(relationship=relationship)
        self.named = relationship.responsible_worker_id is not None
        self.has_meetings = relationship.meetings.exists()
        self.has_plan = plans.exists()
        self.has_signed_first = plans.filter(round=1, status=PlanStatus.SIGNED).exists()

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

    def may_write(self, actor: User, service: str) -> bool:
        """Who the services must let through: the oracle for PermissionDenied."""
        if service == "relationship_open":
            return actor.pk in {self.actor(name).pk for name in UNIT_WRITERS}
        if self.relationship_id is None:
            return False
        return self.relationship().responsible_worker_id == actor.pk

    def call(self, service: str, actor_name: str, write: Callable[[User], Any]) -> Any:
        """Run one service at the machine's clock; check its refusal or its audit event."""
        actor = self.actor(actor_name)
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
            assert not self.may_write(actor, service), f"{service} refused {actor_name}"
            return None
        self.writes.append(service)
        self.content = _content()
        self.dirty = True
        if self.relationship_id is not None:
            self.summarise()
        changed = _changed(before, self.content)
        if changed:
            client_ids = set(
                AuditEvent.objects.filter(kind=EventKind.CHANGE, pk__gt=last_event).values_list(
                    "client_id", flat=True
                )
            )
            client_id = result.pk if isinstance(result, Client) else self.client_id
            assert client_id in client_ids, f"{service} wrote {changed} without a change event"
        return result

    # -- a head start: the plain path up to a random depth, through the same services ----------

    @initialize(
        depth=st.one_of(st.integers(0, 9), st.integers(7, 9)),
        outcome=st.sampled_from([Outcome.ACTIVATION_PLAN, Outcome.CLIENT_PLAN]),
        started=st.integers(-60, 0),
        notice=DAYS,
        signed=st.lists(DAYS, min_size=3, max_size=3),
        parties=st.permutations(Party.values),
        choose=st.booleans(),
        mapping=st.booleans(),
    )
    def head_start(
        self,
        depth: int,
        outcome: str,
        started: int,
        notice: int,
        signed: list[int],
        parties: list[str],
        choose: bool,
        mapping: bool,
    ) -> None:
        """Random rules alone seldom get past S3, so an example may start further on."""
        steps: list[Callable[[], Any]] = [
            lambda: self.intake("responsible", "Kalle", started, "self", "Työttömyys."),
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
                self.sign("responsible", party, "Allekirjoittaja", SignatureMethod.PAPER, days)
                for party, days in zip(parties, signed, strict=True)
            ],
            lambda: self.agree_decision_date("responsible", 0, 7),
            lambda: self.second_plan("responsible", 0 if choose else None, mapping, "meeting"),
        ]
        for step in steps[: depth + 1]:
            step()
            if self.relationship_id is None:
                break

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
    )
    def intake(self, actor: str, first_name: str, started: int, source: str, reason: str) -> None:
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
        records = {
            Stage.S1_STARTED: True,
            Stage.S2_RESPONSIBLE_WORKER: relationship.responsible_worker_id is not None,
            Stage.S3_FIRST_MEETING: relationship.meetings.filter(
                is_first=True, status=MeetingStatus.HELD
            ).exists(),
            Stage.S4_ASSESSMENT: Assessment.objects.filter(
                relationship=relationship, status=DocumentStatus.COMPLETED
            ).exists(),
            Stage.S5_ACTIVATION_PLAN: plans.filter(round=1, status=PlanStatus.SIGNED).exists(),
            Stage.S6_REFLECTION: plans.filter(
                round=1, status=PlanStatus.SIGNED, reflection_due__isnull=False
            ).exists(),
            Stage.S7_SECOND_PLAN: plans.filter(round__gte=2, status=PlanStatus.SIGNED).exists(),
        }
        steps = client_selectors.stepper(relationship)
        current = [step.stage for step in steps if step.state == "current"]
        assert current == [relationship.stage], f"stepper current {current}"
        for step in steps:
            if step.state == "done":
                assert records.get(step.stage, False), f"stepper: {step.stage.value} done"


@pytest.mark.django_db
def test_pathway_services_keep_their_invariants() -> None:
    PathwayMachine.world = build_world()
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
