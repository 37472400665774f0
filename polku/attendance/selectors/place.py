"""The place portal's reads (SPEC §4, §6): the supervisor's places, the clients expected today
at a place, and the place's week grid. The clients are those whose period is under way at the
place today (the ``place_supervisor`` basis, ``placements.bases``); each page logs its client
rows in one INSERT with that basis. Every page costs a constant number of queries, whatever
the number of clients (``test_place_queries.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from polku.accounts.access import require_capability
from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability, Role
from polku.attendance import days as calendar_days
from polku.attendance.days import Cell, CellKind, PlaceCalendar
from polku.attendance.events import AttendanceRead
from polku.attendance.models import (
    AbsenceReason,
    AttendanceDay,
    DayStatus,
    Interruption,
    Notice,
    Source,
)
from polku.attendance.services.days import PLACE_DAYS_BACK
from polku.audit import services as audit
from polku.clients.access import access_record
from polku.core import clock
from polku.core.rules import day_label
from polku.placements.bases import PLACE_SUPERVISOR, active_periods_at_places_of
from polku.placements.models import (
    ClosedDay,
    IntroductoryVisit,
    Period,
    PlaceProfile,
    VisitStatus,
)

# --- What a cell holds, as one code: the grid's select values -----------------------------

PRESENT = "present"
MOVED = "moved"


def absence_code(reason: str, notice: str) -> str:
    return f"absent:{reason}:{notice}"


def code_of(record: AttendanceDay | None) -> str:
    """The grid code of a record: ``present``, ``absent:<reason>:<notice>``, ``moved``, or
    the empty code for a day nobody recorded."""
    if record is None:
        return ""
    if record.status == DayStatus.ABSENT:
        return absence_code(record.reason, record.notice)
    return str(record.status)


def parse_code(code: str) -> tuple[str, str, str] | None:
    """``(status, reason, notice)`` of a grid code the place may choose, or None."""
    if code == PRESENT:
        return DayStatus.PRESENT, "", ""
    parts = code.split(":")
    if (
        len(parts) == 3
        and parts[0] == DayStatus.ABSENT
        and parts[1] in AbsenceReason.values
        and parts[2] in Notice.values
    ):
        return DayStatus.ABSENT, parts[1], parts[2]
    return None


def short_reason(reason: str) -> str:
    """The reason's short name for a grid cell; the legend says it in full."""
    names = {
        AbsenceReason.OWN_ILLNESS: pgettext("grid", "Own illness"),
        AbsenceReason.CHILD_ILLNESS: pgettext("grid", "Child's illness"),
        AbsenceReason.EMPLOYMENT: pgettext("grid", "Job-related"),
        AbsenceReason.TRUST_POSITION: pgettext("grid", "Position of trust"),
        AbsenceReason.OTHER: pgettext("grid", "Other reason"),
    }
    return str(names[AbsenceReason(reason)]) if reason in AbsenceReason.values else reason


def label_of(code: str, record: AttendanceDay | None = None) -> str:
    """A code in words for a cell: e.g. "Present", "Own illness, not reported"."""
    if code == "":
        return pgettext("grid", "Not recorded")
    if code == MOVED:
        if record is not None and record.moved_to is not None:
            return pgettext("grid", "Moved to %(date)s") % {"date": day_label(record.moved_to)}
        return str(DayStatus.MOVED.label)
    parsed = parse_code(code)
    if parsed is None:
        return code
    status, reason, notice = parsed
    if status == DayStatus.PRESENT:
        return str(DayStatus.PRESENT.label)
    name = short_reason(reason)
    if notice == Notice.NOT_REPORTED:
        return pgettext("grid", "%(reason)s, not reported") % {"reason": name}
    if notice == Notice.IN_ADVANCE:
        return pgettext("grid", "%(reason)s, reported in advance") % {"reason": name}
    return name


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


def choices_for(*, future: bool) -> list[Choice]:
    """What the place may choose for a day: today and earlier present or an absence, reported
    on the day or not; a later day only an absence reported in advance."""
    if future:
        return [
            Choice(absence_code(r, Notice.IN_ADVANCE), label_of(absence_code(r, Notice.IN_ADVANCE)))
            for r in AbsenceReason.values
        ]
    result = [Choice(PRESENT, label_of(PRESENT))]
    for notice in (Notice.ON_THE_DAY, Notice.NOT_REPORTED):
        result += [
            Choice(absence_code(r, notice), label_of(absence_code(r, notice)))
            for r in AbsenceReason.values
        ]
    return result


# --- Access ------------------------------------------------------------------------------


def supervised_places(*, viewer: User) -> list[Unit]:
    """The work-activity places ``viewer`` supervises, by name."""
    return list(
        Unit.objects.places()
        .filter(role_assignments__user=viewer, role_assignments__role=Role.PLACE_SUPERVISOR)
        .distinct()
        .by_name()
    )


def access_place(viewer: User, place_id: int, *, need: Capability) -> Unit:
    """A place ``viewer`` supervises: 403 without the capability, 404 for any other place."""
    require_capability(viewer, need)
    place = (
        Unit.objects.places()
        .filter(
            pk=place_id, role_assignments__user=viewer, role_assignments__role=Role.PLACE_SUPERVISOR
        )
        .first()
    )
    if place is None:
        raise Http404
    return place


def place_periods(viewer: User, place: Unit) -> Iterable[Period]:
    """The periods under way today at ``place`` that ``viewer`` supervises (SPEC §1)."""
    return (
        active_periods_at_places_of(viewer)
        .filter(place=place)
        .select_related("relationship__client", "place")
        .order_by("relationship__client__last_name", "relationship__client__first_name", "pk")
    )


def access_place_period(viewer: User, place: Unit, period_id: int) -> Period:
    """One client's period at ``place`` for recording a day, or 404; the read is logged."""
    rows = (
        active_periods_at_places_of(viewer)
        .filter(place=place)
        .select_related("relationship__client", "place")
    )
    return access_record(
        viewer,
        rows,
        period_id,
        client_of=lambda p: p.relationship.client,
        what=AttendanceRead.PLACE_DAY,
        need=Capability.RECORD_ATTENDANCE,
        basis=PLACE_SUPERVISOR,
    )


# --- The rows of a place, loaded once ---------------------------------------------------


@dataclass
class Loaded:
    """Everything a day or a week of a place needs, in a constant number of queries."""

    periods: list[Period]
    calendar: PlaceCalendar
    records: dict[int, list[AttendanceDay]]
    stops: dict[int, list[Interruption]]
    agreed_hours: dict[int, str]


def _load(periods: list[Period], place: Unit, first: dt.date, last: dt.date) -> Loaded:
    ids = [p.pk for p in periods]
    profile = PlaceProfile.objects.filter(place=place).first()
    closed = ClosedDay.objects.filter(profile__place=place, day__range=(first, last))
    records: dict[int, list[AttendanceDay]] = {}
    rows = (
        AttendanceDay.objects.filter(period_id__in=ids)
        .filter(Q(day__range=(first, last)) | Q(moved_to__range=(first, last)))
        .select_related("recorded_by", "reported_by")
    )
    for row in rows:
        records.setdefault(row.period_id, []).append(row)
    stops: dict[int, list[Interruption]] = {}
    for stop in Interruption.objects.filter(period_id__in=ids):
        stops.setdefault(stop.period_id, []).append(stop)
    agreed = {
        (visit.relationship_id, visit.place_id): visit.agreed_hours
        for visit in IntroductoryVisit.objects.filter(
            relationship_id__in=[p.relationship_id for p in periods],
            place=place,
            status=VisitStatus.RECORDED,
        ).order_by("pk")
    }
    return Loaded(
        periods=periods,
        calendar=PlaceCalendar.of(profile, closed),
        records=records,
        stops=stops,
        agreed_hours={p.pk: agreed.get((p.relationship_id, place.pk), "") for p in periods},
    )


def _log(viewer: User, periods: Sequence[Period], what: AttendanceRead) -> None:
    audit.record_access_many(
        actor=viewer,
        client_ids=[p.relationship.client_id for p in periods],
        what=what,
        basis=PLACE_SUPERVISOR,
    )


def person_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def who_reported(record: AttendanceDay) -> str:
    """Who reported the day: the client's own report stays the client's after a correction."""
    if record.reported_via == Source.CLIENT:
        return _("The client reported it")
    return person_name(record.reported_by)


# --- My place today --------------------------------------------------------------------


@dataclass
class TodayRow:
    period: Period
    name: str
    hours: Decimal
    agreed_hours: str
    cell: Cell

    @property
    def record(self) -> AttendanceDay | None:
        return self.cell.record

    @property
    def status_text(self) -> str:
        return label_of(code_of(self.record), self.record)

    @property
    def reported_by(self) -> str:
        return who_reported(self.record) if self.record is not None else ""

    @property
    def recorded_by(self) -> str:
        return person_name(self.record.recorded_by) if self.record is not None else ""

    @property
    def by_client(self) -> bool:
        return self.record is not None and self.record.reported_via == Source.CLIENT

    @property
    def corrected_by(self) -> str:
        """Who last recorded the day, when it was not the one who reported it."""
        record = self.record
        if record is None or record.recorded_by_id == record.reported_by_id:
            return ""
        return person_name(record.recorded_by)


@dataclass
class PlaceDay:
    place: Unit
    day: dt.date
    rows: list[TodayRow]
    not_organised: str = ""  # why the place organises nothing today


def _today_rows(loaded: Loaded, day: dt.date) -> list[TodayRow]:
    rows = []
    for period in loaded.periods:
        cell = calendar_days.period_cells(
            period,
            day,
            day,
            calendar=loaded.calendar,
            records=loaded.records.get(period.pk, ()),
            interruptions=loaded.stops.get(period.pk, ()),
        )[0]
        if cell.kind in (CellKind.EXPECTED, CellKind.RECORDED):
            rows.append(
                TodayRow(
                    period=period,
                    name=period.relationship.client.full_name,
                    hours=period.hours_per_day,
                    agreed_hours=loaded.agreed_hours.get(period.pk, ""),
                    cell=cell,
                )
            )
    return rows


def place_day(*, viewer: User, place: Unit) -> PlaceDay:
    """The clients expected today at ``place``, and those whose day is recorded; each row's
    read is logged."""
    today = clock.today()
    periods = list(place_periods(viewer, place))
    loaded = _load(periods, place, today, today)
    rows = _today_rows(loaded, today)
    _log(viewer, [row.period for row in rows], AttendanceRead.PLACE_DAY)
    return PlaceDay(
        place=place, day=today, rows=rows, not_organised=loaded.calendar.not_organised(today) or ""
    )


def today_row(*, viewer: User, place: Unit, period: Period) -> TodayRow | None:
    """One row of today, after it was saved or refused (its read was logged by the access)."""
    today = clock.today()
    loaded = _load([period], place, today, today)
    rows = _today_rows(loaded, today)
    return rows[0] if rows else None


# --- The week grid -------------------------------------------------------------------------


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class GridCell:
    cell: Cell
    key: str  # "<period>-<yyyymmdd>": the names of the cell's fields
    code: str  # the stored code
    editable: bool
    future: bool
    today: bool
    version: int | None
    value: str = ""  # the code shown: the stored one, or what the user sent
    choices: list[Choice] = field(default_factory=list)

    @property
    def day(self) -> dt.date:
        return self.cell.day

    @property
    def kind(self) -> str:
        return str(self.cell.kind)

    @property
    def record(self) -> AttendanceDay | None:
        return self.cell.record

    @property
    def changed(self) -> bool:
        return self.value != self.code

    @property
    def text(self) -> str:
        """The cell in words, for a cell the place cannot change."""
        kind = self.cell.kind
        if kind == CellKind.RECORDED:
            return label_of(self.code, self.record)
        if kind == CellKind.EXPECTED:
            if self.day < clock.today():
                return pgettext("grid", "Not recorded")
            return pgettext("grid", "Expected")
        if kind == CellKind.NOT_ORGANISED:
            return pgettext("grid", "Not organised")
        if kind == CellKind.INTERRUPTED:
            return pgettext("grid", "Interrupted")
        if kind == CellKind.OUTSIDE:
            return pgettext("grid", "Outside the period")
        return pgettext("grid", "Not the client's day")

    @property
    def stored_text(self) -> str:
        return label_of(self.code, self.record)

    @property
    def by_client(self) -> bool:
        return self.record is not None and self.record.reported_via == Source.CLIENT

    @property
    def hours(self) -> Decimal | None:
        return self.record.hours if self.record is not None else None


@dataclass
class GridRow:
    period: Period
    name: str
    hours: Decimal
    cells: list[GridCell]


@dataclass
class GridDay:
    day: dt.date
    today: bool
    read_only: bool  # older than the place may record
    not_organised: str  # the place's reason, when the whole place is closed


@dataclass
class WeekGrid:
    place: Unit
    monday: dt.date
    days: list[GridDay]
    rows: list[GridRow]
    today: dt.date
    earliest: dt.date  # the first day the place may still record

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def is_this_week(self) -> bool:
        return self.monday == monday_of(self.today)

    @property
    def has_read_only(self) -> bool:
        return any(day.read_only for day in self.days)

    @property
    def editable_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.editable)

    def cell(self, key: str) -> GridCell | None:
        for row in self.rows:
            for cell in row.cells:
                if cell.key == key:
                    return cell
        return None

    def cells(self) -> Iterable[tuple[GridRow, GridCell]]:
        for row in self.rows:
            for cell in row.cells:
                yield row, cell


def _shown_days(loaded: Loaded, monday: dt.date) -> list[dt.date]:
    """Monday to Friday, and a weekend day when the place is open or a client's day is then."""
    weekdays = set(loaded.calendar.open_weekdays) | {0, 1, 2, 3, 4}
    for period in loaded.periods:
        weekdays |= {n - 1 for n in period.weekday_numbers}
    return [monday + dt.timedelta(days=n) for n in range(7) if n in weekdays]


def place_week(*, viewer: User, place: Unit, day: dt.date | None = None) -> WeekGrid:
    """The week of ``day`` (this week by default) at ``place``: a row per client whose period
    is under way today, a cell per day with its computed kind. The place may change a cell
    that is expected or recorded, from 14 days back to today, and later days only with an
    absence reported in advance. Each row's read is logged."""
    today = clock.today()
    monday = monday_of(day or today)
    sunday = monday + dt.timedelta(days=6)
    periods = [
        p for p in place_periods(viewer, place) if p.starts_on <= sunday and p.ends_on >= monday
    ]
    loaded = _load(periods, place, monday, sunday)
    earliest = today - dt.timedelta(days=PLACE_DAYS_BACK)
    shown = _shown_days(loaded, monday)
    past_choices = choices_for(future=False)
    future_choices = choices_for(future=True)
    rows = []
    for period in periods:
        cells = calendar_days.period_cells(
            period,
            monday,
            sunday,
            calendar=loaded.calendar,
            records=loaded.records.get(period.pk, ()),
            interruptions=loaded.stops.get(period.pk, ()),
        )
        grid_cells = []
        for cell in cells:
            if cell.day not in shown:
                continue
            future = cell.day > today
            code = code_of(cell.record) if cell.kind == CellKind.RECORDED else ""
            editable = (
                cell.editable
                and cell.day >= earliest
                and code != MOVED
                and (not future or code == "" or code.endswith(f":{Notice.IN_ADVANCE}"))
            )
            choices = list(future_choices if future else past_choices)
            if code and code not in {c.code for c in choices}:
                choices.insert(0, Choice(code, label_of(code, cell.record)))
            if editable and not code:
                empty = pgettext("grid", "Expected") if future else pgettext("grid", "Not recorded")
                choices.insert(0, Choice("", empty))
            grid_cells.append(
                GridCell(
                    cell=cell,
                    key=f"{period.pk}-{cell.day:%Y%m%d}",
                    code=code,
                    value=code,
                    editable=editable,
                    future=future,
                    today=cell.day == today,
                    version=cell.record.version if cell.record is not None else None,
                    choices=choices if editable else [],
                )
            )
        rows.append(
            GridRow(
                period=period,
                name=period.relationship.client.full_name,
                hours=period.hours_per_day,
                cells=grid_cells,
            )
        )
    _log(viewer, periods, AttendanceRead.PLACE_WEEK)
    days = [
        GridDay(
            day=d,
            today=d == today,
            read_only=d < earliest,
            not_organised=loaded.calendar.not_organised(d) or "",
        )
        for d in shown
    ]
    return WeekGrid(
        place=place, monday=monday, days=days, rows=rows, today=today, earliest=earliest
    )


def upcoming_closures(*, place: Unit) -> list[ClosedDay]:
    """The place's closed days from today on (the closure page lists them)."""
    return list(
        ClosedDay.objects.filter(profile__place=place, day__gte=clock.today()).order_by("day")[:60]
    )
