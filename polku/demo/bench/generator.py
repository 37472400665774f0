"""The benchmark's data set, built through the models with bulk operations, reproducible from a
seed (SPEC §9; docs/performance.md, "Data sets").

One organiser with its social-services units, an employment authority and the work-activity
places with their profiles; workers, decision makers, a supervisor per place and a manager; and
clients along the pathway over ``years`` years: closed relationships spread over the years, open
ones at every stage, each with what its stage has written (assignment, meetings, activation
plans with their options, periods at a place, a record for every attendance day) and the audit
events real use writes: a change event for each write (an attendance day included) and access
events for the reads. The dates are relative to ``today``: the same seed and day give the same
rows.

The harness finds its subjects by fixed names: the worker ``bench.worker.001`` (whose caseload
holds the long-history client, identity code :data:`LONG_HISTORY_CODE`), the manager
``bench.manager`` and the supervisors ``bench.supervisor.NNN`` of the places.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from polku.accounts.models import RoleAssignment, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.attendance.events import AttendanceEvent
from polku.attendance.models import AbsenceReason, AttendanceDay, DayStatus, Notice, Source
from polku.audit.models import AuditEvent, EventKind
from polku.clients import identity
from polku.clients.events import ClientEvent, ClientRead
from polku.clients.models import (
    Channel,
    Client,
    ClientRelationship,
    ContactSource,
    HandoverStatus,
    Meeting,
    MeetingStatus,
    Outcome,
    Stage,
    WorkerAssignment,
)
from polku.pathways.events import PathwayEvent, PathwayRead
from polku.pathways.models import ActivationPlan, OptionKind, PlanOption, PlanStatus, PlanType
from polku.placements import geo
from polku.placements.events import PlacementEvent
from polku.placements.models import Period, PeriodKind, PeriodStatus, PlaceProfile

WORKER_USERNAME = "bench.worker.{:03d}"
SUPERVISOR_USERNAME = "bench.supervisor.{:03d}"
DECISION_MAKER_USERNAME = "bench.decisions.{:03d}"
MANAGER_USERNAME = "bench.manager"
LONG_HISTORY_CODE = identity.build_code(dt.date(1970, 1, 1), 999, sign="-")
"""The identity code of the client with a long history (many periods, thousands of events)."""


@dataclass(frozen=True)
class Scale:
    """A data set's size (SPEC §9). ``access_rate`` is the access events written per open
    relationship and day (real use writes far more, see docs/performance.md); ``long_access``
    the access events of the long-history client."""

    name: str
    active: int
    closed: int
    places: int
    workers: int
    years: int
    units: int
    access_rate: float
    long_access: int
    long_years: int = 2
    months: tuple[int, int] = (8, 20)  # a full period's length


SCALES = {
    "small": Scale("small", 12, 12, 3, 2, 1, 1, 0.1, 40, long_years=1, months=(3, 3)),
    "county": Scale("county", 4_000, 15_000, 300, 150, 5, 10, 0.25, 6_000),
    "national": Scale("national", 30_000, 250_000, 3_000, 1_125, 10, 75, 0.25, 6_000),
}

# Open relationships by stage: (stage number, share, (least, most) days since it began).
OPEN_STAGES = [
    (1, 0.02, (0, 10)),
    (2, 0.03, (3, 20)),
    (3, 0.10, (10, 40)),
    (4, 0.08, (30, 60)),
    (5, 0.10, (45, 80)),
    (6, 0.05, (92, 100)),
    (7, 0.07, (100, 118)),
    (8, 0.05, (100, 114)),
    (9, 0.05, (116, 121)),
    (10, 0.05, (122, 128)),
    (11, 0.35, (150, 0)),  # 0: within the full period, drawn from its length
    (12, 0.05, (150, 0)),
]
FIELDS = ["puutyö", "kierrätys", "keittiö", "puutarha", "kiinteistöhuolto", "tekstiili", "toimisto"]
TASKS = {
    "puutyö": ["huonekalujen korjaus", "hionta", "maalaus"],
    "kierrätys": ["lajittelu", "hinnoittelu", "myymälätyö"],
    "keittiö": ["ruoanvalmistus", "astianpesu", "leivonta"],
    "puutarha": ["istutus", "kitkentä", "nurmikon leikkuu"],
    "kiinteistöhuolto": ["siivous", "lumityöt", "pienet korjaukset"],
    "tekstiili": ["ompelu", "korjausompelu", "kankaanpainanta"],
    "toimisto": ["postitus", "arkistointi", "tietokonetyöt"],
}
FIRST_NAMES = ["Mikko", "Aino", "Juha", "Laura", "Timo", "Sari", "Janne", "Heidi", "Antti", "Noora"]
LAST_NAMES = [
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
]  # fmt: skip
CHUNK = 400  # clients per transaction
# The two tables that hold nine rows in ten (attendance days and audit events) are written as
# rows of values in their columns' order, not as model instances (building an instance and
# preparing each field's value took four fifths of the time); on PostgreSQL with COPY, and
# their secondary indexes are built once after the load rather than kept up row by row
# (docs/performance.md, "Data sets").
COPIED = (AttendanceDay, AuditEvent)
DAY_COLUMNS = (
    "id", "created_at", "updated_at", "version", "day", "status", "hours", "reason", "notice",
    "certificate_on", "moved_to", "note", "correction_reason", "reported_via", "recorded_via",
    "period_id", "recorded_by_id", "relationship_id", "reported_by_id",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "kind", "occurred_at", "actor_id", "actor_name", "client_id", "record_type",
    "record_id", "what", "purpose", "basis", "changes", "recipient", "legal_basis",
)  # fmt: skip
COLUMNS = {AttendanceDay: DAY_COLUMNS, AuditEvent: EVENT_COLUMNS}
DAY_LABEL = AttendanceDay._meta.label


@dataclass
class Counts:
    """Rows written, by model, and the seconds it took."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, n: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + n


@dataclass
class _Pathway:
    """One relationship to write: its client, dates, stage reached and worker."""

    client: Client
    unit: Unit
    worker: User | None
    started: dt.date
    stage: int
    ended: dt.date | None
    period_months: int
    place_index: int
    relationship: ClientRelationship | None = None


class Generator:
    def __init__(
        self, scale: Scale, *, seed: int = 1, today: dt.date, log: Callable[[str], None]
    ) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.first_day = today - dt.timedelta(days=365 * scale.years)
        self.log = log
        self.counts = Counts()
        self.codes: set[str] = {LONG_HISTORY_CODE}
        self.hours: dict[tuple[dt.date, int], dt.datetime] = {}
        self.next_id: dict[type[Any], int] = {}

    # --- organisation -------------------------------------------------------------------------

    def run(self) -> Counts:
        started = time.perf_counter()
        with transaction.atomic():
            self._organisation()
        for model in COPIED:
            _check_columns(model)
            self.next_id[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        if connection.vendor == "postgresql":
            with _indexes_built_after(COPIED, log=self.log):
                self._clients()
            _sequences_after(self.next_id)
        else:
            self._clients()
        self.counts.seconds = time.perf_counter() - started
        return self.counts

    def _bulk(self, model: type[Any], rows: list[Any]) -> list[Any]:
        created = model.objects.bulk_create(rows, batch_size=2000)
        self.counts.add(model._meta.label, len(rows))
        return created

    def _rows(self, model: type[Any], rows: list[tuple[Any, ...]]) -> None:
        """Write ``rows`` of ``model`` (values in :data:`COLUMNS` order, ids given)."""
        _write_rows(model, rows)
        self.counts.add(model._meta.label, len(rows))

    def _id(self, model: type[Any]) -> int:
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def _organisation(self) -> None:
        self.organiser = Unit.objects.create(kind=UnitKind.ORGANISER, name="Benchmark county")
        municipalities = self._bulk(
            Unit,
            [
                Unit(kind=UnitKind.MUNICIPALITY, name=f"Kunta {i + 1}", parent=self.organiser)
                for i in range(max(1, self.scale.units // 2))
            ],
        )
        self.units = self._bulk(
            Unit,
            [
                Unit(
                    kind=UnitKind.SOCIAL_SERVICES,
                    name=f"Sosiaalitoimisto {i + 1}",
                    parent=self.organiser,
                    municipality=municipalities[i % len(municipalities)],
                )
                for i in range(self.scale.units)
            ],
        )
        self.authority = Unit.objects.create(
            kind=UnitKind.EMPLOYMENT_AUTHORITY,
            name="Työllisyysalue",
            parent=self.organiser,
            joint_plan_access=True,
        )
        codes = sorted(code for code in geo._postal_codes() if code[:2] in {"40", "41", "42"})
        self.places = self._bulk(
            Unit,
            [
                Unit(
                    kind=UnitKind.WORK_ACTIVITY_PLACE,
                    name=f"Työtoimintapaikka {i + 1}",
                    producer_type="own_unit" if i % 3 else "association",
                    parent=self.organiser,
                    municipality=municipalities[i % len(municipalities)],
                    postal_code=codes[i % len(codes)],
                    city="Keskikaupunki",
                )
                for i in range(self.scale.places)
            ],
        )
        profiles = []
        for i, place in enumerate(self.places):
            point = geo.coordinates_for(place.postal_code)
            assert point is not None  # noqa: S101 - codes come from the table
            work = FIELDS[i % len(FIELDS)]
            profiles.append(
                PlaceProfile(
                    place=place,
                    field=work,
                    tasks="\n".join(TASKS[work]),
                    weekdays="12345",
                    opens_at=dt.time(8),
                    closes_at=dt.time(15),
                    capacity=self.rng.randint(6, 20),
                    accessibility=["public_transport"] if i % 2 else ["quiet_space"],
                    latitude=Decimal(str(round(point[0], 5))),
                    longitude=Decimal(str(round(point[1], 5))),
                )
            )
        self._bulk(PlaceProfile, profiles)
        users = [
            self._user(WORKER_USERNAME.format(i + 1), "Työntekijä", i)
            for i in range(self.scale.workers)
        ]
        users += [
            self._user(DECISION_MAKER_USERNAME.format(i + 1), "Päättäjä", i)
            for i in range(self.scale.units)
        ]
        users += [
            self._user(SUPERVISOR_USERNAME.format(i + 1), "Ohjaaja", i)
            for i in range(self.scale.places)
        ]
        users.append(self._user(MANAGER_USERNAME, "Johtaja", 0))
        users = self._bulk(User, users)
        workers = users[: self.scale.workers]
        deciders = users[self.scale.workers : self.scale.workers + self.scale.units]
        supervisors = users[self.scale.workers + self.scale.units : -1]
        self.manager = users[-1]
        self.supervisors = supervisors
        roles = [
            RoleAssignment(user=w, role=Role.WORKER, unit=self.units[i % len(self.units)])
            for i, w in enumerate(workers)
        ]
        roles += [
            RoleAssignment(user=d, role=Role.DECISION_MAKER, unit=self.units[i])
            for i, d in enumerate(deciders)
        ]
        roles += [
            RoleAssignment(user=s, role=Role.PLACE_SUPERVISOR, unit=self.places[i])
            for i, s in enumerate(supervisors)
        ]
        roles.append(RoleAssignment(user=self.manager, role=Role.MANAGER, unit=self.organiser))
        self._bulk(RoleAssignment, roles)
        self.workers_of: dict[int, list[User]] = {}
        for i, w in enumerate(workers):
            self.workers_of.setdefault(self.units[i % len(self.units)].pk, []).append(w)
        self.workers = workers

    def _user(self, username: str, last: str, i: int) -> User:
        user = User(
            username=username,
            first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
            last_name=f"{last} {i + 1}",
        )
        user.set_unusable_password()
        return user

    # --- clients ------------------------------------------------------------------------------

    def _pathways(self) -> Iterator[list[_Pathway]]:
        """The clients in chunks: the long-history one first, then open and closed mixed."""
        total = self.scale.active + self.scale.closed
        kinds = ["open"] * self.scale.active + ["closed"] * self.scale.closed
        self.rng.shuffle(kinds)
        batch: list[_Pathway] = []
        for i, kind in enumerate(kinds):
            client = self._client(i, long=i == 0)
            if i == 0:
                batch += self._long_history(client)
            else:
                unit = self.units[i % len(self.units)]
                if kind == "open":
                    if self.rng.random() < 0.3:
                        batch.append(self._closed(client, unit, before=self._open_start_guess()))
                    batch.append(self._open(client, unit))
                else:
                    first = self._closed(client, unit, before=self.today)
                    batch.append(first)
                    if self.rng.random() < 0.3 and first.started - self.first_day > dt.timedelta(
                        days=400
                    ):
                        batch.append(self._closed(client, unit, before=first.started))
            if len(batch) >= CHUNK or i == total - 1:
                yield batch
                batch = []

    def _open_start_guess(self) -> dt.date:
        return self.today - dt.timedelta(days=700)

    def _client(self, i: int, *, long: bool) -> Client:
        rng = self.rng
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 42))
        code = LONG_HISTORY_CODE
        while code in self.codes:
            code = identity.build_code(born, rng.randint(900, 999))
            if code in self.codes:
                born += dt.timedelta(days=1)
        self.codes.add(code)
        if long:
            born, code = dt.date(1970, 1, 1), LONG_HISTORY_CODE
        return Client(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            identity_code=code,
            birth_date=born,
            phone=f"040 {rng.randint(1000000, 9999999)}",
            street_address=f"Kotikatu {rng.randint(1, 90)}",
            postal_code=self.places[i % len(self.places)].postal_code,
            city="Keskikaupunki",
        )

    def _worker(self, unit: Unit) -> User:
        return self.rng.choice(self.workers_of[unit.pk])

    def _open(self, client: Client, unit: Unit) -> _Pathway:
        rng = self.rng
        roll, stage, span = rng.random(), 11, (150, 0)
        for number, share, days in OPEN_STAGES:
            if roll < share:
                stage, span = number, days
                break
            roll -= share
        months = rng.randint(*self.scale.months)
        if span[1] == 0:  # inside the full period
            into = rng.randint(0, months * 30 - 1)
            if stage == 12:
                into = max(0, months * 30 - rng.randint(1, 25))
            ago = 130 + into
        else:
            ago = rng.randint(*span)
        return _Pathway(
            client,
            unit,
            None if stage == 1 else self._worker(unit),
            self.today - dt.timedelta(days=ago),
            stage,
            None,
            months,
            rng.randrange(len(self.places)),
        )

    def _closed(self, client: Client, unit: Unit, *, before: dt.date) -> _Pathway:
        rng = self.rng
        stage = 11 if rng.random() < 0.7 else rng.randint(3, 8)
        months = rng.randint(*self.scale.months)
        length = 130 + months * 30 + 20 if stage == 11 else stage * 20 + rng.randint(0, 30)
        latest = (before - self.first_day).days - length - 2
        started = self.first_day + dt.timedelta(days=rng.randint(0, max(0, latest)))
        return _Pathway(
            client,
            unit,
            self._worker(unit),
            started,
            stage,
            started + dt.timedelta(days=length),
            months,
            rng.randrange(len(self.places)),
        )

    def _long_history(self, client: Client) -> list[_Pathway]:
        """Worker 001's client with two earlier relationships and a long period under way."""
        unit = self.units[0]
        worker = self.workers[0]
        months = 12 * self.scale.long_years if self.scale.name != "small" else 4
        open_one = _Pathway(
            client,
            unit,
            worker,
            self.today - dt.timedelta(days=130 + months * 30 - 60),
            11,
            None,
            months,
            0,
        )
        earlier = [
            self._closed(client, unit, before=open_one.started),
        ]
        if self.scale.years > 2:
            earlier.append(self._closed(client, self.units[-1], before=earlier[0].started))
        return [*earlier, open_one]

    def _clients(self) -> None:
        done = 0
        for batch in self._pathways():
            with transaction.atomic():
                self._write(batch)
            done += len({p.client.identity_code for p in batch})
            self.log(f"  {done} clients")

    # --- one chunk ----------------------------------------------------------------------------

    def _write(self, batch: list[_Pathway]) -> None:
        clients = {id(p.client): p.client for p in batch}
        self._bulk(Client, list(clients.values()))
        for p in batch:
            p.relationship = ClientRelationship(
                client=p.client,
                unit=p.unit,
                started_on=p.started,
                source=ContactSource.SELF,
                reason="Pitkäaikainen työttömyys; toive päivärytmistä.",
                received_by=p.worker or self._worker(p.unit),
                responsible_worker=p.worker,
                stage=f"s{p.stage}" if p.ended is None else Stage.S14_CLOSED.value,
                ended_on=p.ended,
                created_at=self._at(p.started),
                updated_at=self._at(p.started),
            )
        self._bulk(ClientRelationship, [p.relationship for p in batch])
        self.pending: list[tuple[tuple[Any, ...], Any]] = []
        assignments, meetings, plans, periods = [], [], [], []
        for p in batch:
            self._change(p, p.started, ClientEvent.RELATIONSHIP_OPENED, {"stage": [None, "s1"]})
            if p.worker is not None:
                assignments.append(
                    WorkerAssignment(
                        relationship=p.relationship,
                        worker=p.worker,
                        assigned_by=p.worker,
                        assigned_at=self._at(p.started + dt.timedelta(days=2)),
                        status=HandoverStatus.ACCEPTED,
                    )
                )
                self._change(
                    p,
                    p.started + dt.timedelta(days=2),
                    ClientEvent.RESPONSIBLE_WORKER,
                    {"responsible_worker": [None, p.worker.pk]},
                )
            meetings += self._meetings(p)
            if p.stage >= 5:
                plans += self._plans(p)
            if p.stage >= 9:
                periods += self._periods(p)
        self._bulk(WorkerAssignment, assignments)
        self._bulk(Meeting, meetings)
        self._bulk(ActivationPlan, [plan for plan, _ in plans])
        options = []
        for plan, place in plans:
            options.append(PlanOption(plan=plan, kind=OptionKind.PLACE, place=place))
            options.append(PlanOption(plan=plan, kind=OptionKind.EDUCATION, note="Kurssi"))
        self._bulk(PlanOption, options)
        chosen = [plan for plan, _ in plans if plan.round == 2 and plan.status == "signed"]
        by_plan = {o.plan_id: o for o in options if o.kind == OptionKind.PLACE}
        for plan in chosen:
            plan.chosen_option = by_plan[plan.pk]
        ActivationPlan.objects.bulk_update(chosen, ["chosen_option"], batch_size=2000)
        self._bulk(Period, [period for period, _ in periods])
        self.events: list[tuple[Any, ...]] = []
        self._rows(AttendanceDay, self._attendance(periods))
        for change, record in self.pending:
            at, who, client, what, changes = change
            self.events.append(
                self._event(at, who, client, what, changes, record._meta.label, str(record.pk))
            )
        self.pending = []
        self._reads(batch)
        self._rows(AuditEvent, self.events)
        self.events = []

    def _event(
        self,
        occurred_at: dt.datetime,
        who: User | None,
        client_id: int,
        what: str,
        changes: dict[str, Any],
        record_type: str,
        record_id: str,
    ) -> tuple[Any, ...]:
        """A change event's row (:data:`EVENT_COLUMNS`)."""
        return (
            self._id(AuditEvent), EventKind.CHANGE.value, occurred_at,
            who.pk if who else None, who.username if who else "", client_id,
            record_type, record_id, what, "", "", json.dumps(changes), "", "",
        )  # fmt: skip

    def _at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        minute = self.rng.randint(0, 59)
        start = self.hours.get((day, hour))
        if start is None:  # made aware once per day and hour (no change of time within 8–16)
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
            self.hours[day, hour] = start
        return start + dt.timedelta(minutes=minute)

    def _change(
        self, p: _Pathway, day: dt.date, what: str, changes: dict[str, Any], *, record: Any = None
    ) -> None:
        """A change event of ``record`` (the relationship unless given), its row made once the
        record is written and has its id."""
        change = (self._at(day, self.rng.randint(8, 15)), p.worker, p.client.pk, str(what), changes)
        self.pending.append((change, record if record is not None else p.relationship))

    def _last_day(self, p: _Pathway) -> dt.date:
        return min(p.ended or self.today, self.today)

    def _meetings(self, p: _Pathway) -> list[Meeting]:
        if p.stage < 3 or p.worker is None:
            return []
        rows = []
        first = p.started + dt.timedelta(days=10)
        day, last = first, self._last_day(p)
        while day <= last + dt.timedelta(days=14):
            upcoming = day >= self.today
            meeting = Meeting(
                relationship=p.relationship,
                is_first=day == first,
                worker=p.worker,
                starts_at=self._at(day, 10),
                channel=Channel.IN_PERSON,
                status=MeetingStatus.BOOKED if upcoming else MeetingStatus.HELD,
                overall_situation="" if upcoming else "Tilanne vakaa.",
                outcome=Outcome.ACTIVATION_PLAN if day == first and not upcoming else "",
            )
            rows.append(meeting)
            booked = day - dt.timedelta(days=7)
            self._change(
                p,
                booked,
                ClientEvent.MEETING_BOOKED,
                {"channel": [None, "in_person"]},
                record=meeting,
            )
            if not upcoming:
                self._change(
                    p,
                    day,
                    ClientEvent.MEETING_RECORDED,
                    {"status": ["booked", "held"]},
                    record=meeting,
                )
            if upcoming or p.stage == 3:
                break
            day += dt.timedelta(days=30 + self.rng.randint(-5, 5))
        return rows

    def _plans(self, p: _Pathway) -> list[tuple[ActivationPlan, Unit]]:
        place = self.places[p.place_index]
        rows = []
        for round_, start, stage_signed in ((1, 40, 6), (2, 100, 8)):
            if p.stage < (5 if round_ == 1 else 7):
                break
            signed = p.stage >= stage_signed
            on = p.started + dt.timedelta(days=start + 5)
            plan = ActivationPlan(
                relationship=p.relationship,
                number=round_,
                round=round_,
                plan_type=PlanType.ACTIVATION,
                status=PlanStatus.SIGNED if signed else PlanStatus.DRAFT,
                author=p.worker,
                notice_given_on=p.started + dt.timedelta(days=start) if signed else None,
                agreed_measures="Kuntouttava työtoiminta 3–4 päivää viikossa.",
                last_resort_informed=True,
                benefits_informed=True,
                signed_on=on if signed else None,
                review_due=on + dt.timedelta(days=90) if signed else None,
                reflection_due=on + dt.timedelta(days=50) if signed and round_ == 1 else None,
                employment_authority=self.authority,
                official_name="Tiina Työllisyys",
                created_at=self._at(p.started + dt.timedelta(days=start)),
                updated_at=self._at(on),
            )
            rows.append((plan, place))
            measures = {"agreed_measures": [None, plan.agreed_measures]}
            self._change(p, on - dt.timedelta(days=5), PathwayEvent.PLAN, measures, record=plan)
            place_added = {"employment_authority": [None, self.authority.pk]}
            self._change(p, on - dt.timedelta(days=4), PathwayEvent.PLAN, place_added, record=plan)
            if signed:
                status = {"status": ["draft", "signed"]}
                self._change(p, on, PathwayEvent.PLAN_SIGNED, status, record=plan)
        return rows

    def _periods(self, p: _Pathway) -> list[tuple[Period, _Pathway]]:
        place = self.places[p.place_index]
        weekdays = self.rng.choice(["123", "1234", "245", "1345"])
        intro_start = p.started + dt.timedelta(days=115)
        full_start = p.started + dt.timedelta(days=130)
        full_end = full_start + dt.timedelta(days=p.period_months * 30)
        if p.ended is not None:
            full_end = min(full_end, p.ended - dt.timedelta(days=1))
        spans = [(PeriodKind.INTRODUCTORY, intro_start, intro_start + dt.timedelta(days=13))]
        if p.stage >= 11:
            spans.append((PeriodKind.FULL, full_start, full_end))
        rows = []
        for kind, start, end in spans:
            if end < self.today:
                status = PeriodStatus.ENDED
            elif start <= self.today:
                status = PeriodStatus.ACTIVE
            else:
                status = PeriodStatus.PLANNED
            period = Period(
                relationship=p.relationship,
                place=place,
                kind=kind,
                status=status,
                goal="Päivärytmi ja työelämätaidot.",
                starts_on=start,
                ends_on=end,
                weekdays=weekdays,
                hours_per_day=Decimal(self.rng.choice(["4.0", "5.0", "6.0"])),
                tasks=TASKS[FIELDS[p.place_index % len(FIELDS)]][0],
                author=p.worker,
                outcome="continue" if kind == PeriodKind.INTRODUCTORY and p.stage >= 11 else "",
            )
            rows.append((period, p))
            dates = {"starts_on": [None, start.isoformat()], "ends_on": [None, end.isoformat()]}
            self._change(
                p, start - dt.timedelta(days=10), PlacementEvent.PERIOD, dates, record=period
            )
        return rows

    def _attendance(self, periods: list[tuple[Period, _Pathway]]) -> list[tuple[Any, ...]]:
        """A record for each of the period's weekdays up to yesterday (:data:`DAY_COLUMNS`),
        with its change event (the place recorded it)."""
        rows = []
        rng = self.rng
        yesterday = self.today - dt.timedelta(days=1)
        one_day = dt.timedelta(days=1)
        present, absent = DayStatus.PRESENT.value, DayStatus.ABSENT.value
        own_illness, other = AbsenceReason.OWN_ILLNESS.value, AbsenceReason.OTHER.value
        on_the_day, not_reported = Notice.ON_THE_DAY.value, Notice.NOT_REPORTED.value
        place, what = Source.PLACE.value, AttendanceEvent.DAY.value
        for period, p in periods:
            supervisor = self.supervisors[p.place_index]
            who, name, client = supervisor.pk, supervisor.username, p.client.pk
            relationship = p.relationship.pk  # type: ignore[union-attr]
            hours = period.hours_per_day
            day = period.starts_on
            last = min(period.ends_on, yesterday)
            weekdays = {int(d) for d in period.weekdays}
            while day <= last:
                if day.isoweekday() in weekdays:
                    roll = rng.random()
                    created, updated = self._at(day, 15), self._at(day, 15)
                    pk = self._id(AttendanceDay)
                    if roll < 0.86:
                        status, reason, notice, hours_ = present, "", "", hours
                        changes = {"status": [None, present], "hours": [None, str(hours)]}
                    else:
                        status, hours_ = absent, None
                        reason = own_illness if roll < 0.95 else other
                        notice = on_the_day if roll < 0.97 else not_reported
                        changes = {
                            "status": [None, absent],
                            "reason": [None, reason],
                            "notice": [None, notice],
                        }
                    changes["recorded_via"] = [None, place]
                    rows.append(
                        (
                            pk,
                            created,
                            updated,
                            1,
                            day,
                            status,
                            hours_,
                            reason,
                            notice,
                            None,
                            None,
                            "",
                            "",
                            place,
                            place,
                            period.pk,
                            who,
                            relationship,
                            who,
                        )
                    )
                    self.events.append(
                        (
                            self._id(AuditEvent),
                            EventKind.CHANGE.value,
                            created,
                            who,
                            name,
                            client,
                            DAY_LABEL,
                            str(pk),
                            what,
                            "",
                            "",
                            json.dumps(changes),
                            "",
                            "",
                        )
                    )
                day += one_day
        return rows

    def _reads(self, batch: list[_Pathway]) -> None:
        """The access events: lists and pages that showed the client while a relationship was
        open (``access_rate`` a day), and the long-history client's many."""
        kinds = [
            (ClientRead.CASELOAD.value, "responsible_worker"),
            (ClientRead.CLIENT_PAGE.value, "responsible_worker"),
            (PathwayRead.WORK_QUEUE.value, "responsible_worker"),
            (PathwayRead.PLANS.value, "responsible_worker"),
        ]
        access = EventKind.ACCESS.value
        for p in batch:
            if p.worker is None:
                continue
            days = (self._last_day(p) - p.started).days
            n = int(days * self.scale.access_rate)
            if p.client.identity_code == LONG_HISTORY_CODE and p.ended is None:
                n = self.scale.long_access
            who, name, client = p.worker.pk, p.worker.username, p.client.pk
            for _ in range(n):
                what, basis = kinds[self.rng.randrange(len(kinds))]
                on = p.started + dt.timedelta(days=self.rng.randint(0, max(0, days)))
                self.events.append(
                    (
                        self._id(AuditEvent),
                        access,
                        self._at(on, self.rng.randint(8, 16)),
                        who,
                        name,
                        client,
                        "",
                        "",
                        what,
                        "",
                        basis,
                        "{}",
                        "",
                        "",
                    )
                )


def _check_columns(model: type[Any]) -> None:
    """The rows of ``model`` are written in :data:`COLUMNS` order: a column added to the model
    must be added there too."""
    columns = {f.column for f in model._meta.concrete_fields}
    if columns != set(COLUMNS[model]):
        raise RuntimeError(
            f"{model._meta.label}: the generator's columns differ from the model's "
            f"({sorted(columns ^ set(COLUMNS[model]))})"
        )


def _write_rows(model: type[Any], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (values in :data:`COLUMNS` order, ids included): with COPY on
    PostgreSQL, as one prepared insert of many rows on SQLite (dates and times as Django's
    SQLite backend stores them)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), COLUMNS[model]
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        ops = connection.ops

        def adapt(value: Any) -> Any:
            if isinstance(value, dt.datetime):
                return ops.adapt_datetimefield_value(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, Decimal):
                return str(value)
            return value

        places = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({places})",  # noqa: S608 - names from the model
            [tuple(adapt(v) for v in row) for row in rows],
        )


def _sequences_after(next_id: dict[type[Any], int]) -> None:
    """Set the id sequences of the tables written with ids of their own past those ids."""
    with connection.cursor() as cursor:
        for model, pk in next_id.items():
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                [model._meta.db_table, model._meta.pk.column, pk],
            )


@contextmanager
def _indexes_built_after(
    models: tuple[type[Any], ...], *, log: Callable[[str], None]
) -> Iterator[None]:
    """Drop the secondary indexes (and unique constraints) of ``models`` and build them again
    at the end from their own definitions: one sorted build each instead of six indexes updated
    row by row. Built again on the way out whatever happened, so the database is not left
    without them (unless the failure left the transaction unusable, as in a test's)."""
    tables = [m._meta.db_table for m in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'u' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        constraints = list(cursor.fetchall())
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        # After the constraints: their own indexes went with them.
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE NOT indisprimary AND indrelid::regclass::text = ANY(%s)",
            [tables],
        )
        indexes = list(cursor.fetchall())
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    try:
        yield
    finally:
        started = time.perf_counter()
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                # Inside an outer transaction (a test's), the deferred foreign-key checks are
                # run first: PostgreSQL builds no index on a table with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for _name, definition in indexes:
                    cursor.execute(definition)
                for table, name, definition in constraints:
                    cursor.execute(
                        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
                    )
        log(
            f"  {len(indexes) + len(constraints)} indexes built again "
            f"in {time.perf_counter() - started:.0f} s"
        )


def generate(
    scale: str,
    *,
    seed: int = 1,
    today: dt.date,
    access_rate: float | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> Counts:
    """Write the data set of ``scale`` into an empty database; returns the rows written.
    ``access_rate`` replaces the scale's own (0: no access events but the long history's)."""
    if Unit.objects.exists():
        raise RuntimeError("The benchmark builds its data set into an empty database.")
    size = SCALES[scale]
    if access_rate is not None:
        size = replace(size, access_rate=access_rate)
    return Generator(size, seed=seed, today=today, log=log).run()
