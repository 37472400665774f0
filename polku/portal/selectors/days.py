"""The client's work-activity days (SPEC §4, §6 client portal): the current periods, the
days of one month (this month, or another of their periods' months) computed from the periods (``attendance.days``) and the
sessions of the client's groups (``groups.portal``) with a constant number of queries, and the
participation days left as the worker counts them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from polku.attendance.days import Cell, CellKind, PlaceCalendar, period_cells
from polku.attendance.models import AttendanceDay, DayStatus, Interruption, Source
from polku.attendance.selectors import participation_of
from polku.attendance.selectors.worker import Participation
from polku.clients.models import Client
from polku.core import clock
from polku.core.rules import add_months, weekday_words
from polku.groups.models import Enrolment, SessionStatus
from polku.groups.portal import ClientSession, client_sessions, current_enrolments
from polku.placements.models import (
    ClosedDay,
    Decision,
    DecisionKind,
    DecisionStatus,
    Period,
    PeriodStatus,
    PlaceProfile,
)
from polku.portal.reasons import plain_reason

# How far around the shown days the records are read: a day moved by agreement may be moved
# to a day a few weeks away, and the day moved to is one of the client's days.
MOVED_MARGIN = dt.timedelta(days=42)
# "My days" lists the coming days of the next week (absences told in advance always).
COMING_DAYS = dt.timedelta(days=7)
# The start page lists the group sessions of the next two weeks.
COMING_GROUP_DAYS = dt.timedelta(days=13)


def decided_periods() -> QuerySet[Period]:
    """Periods with a kuty or an introductory-period decision made, not cancelled."""
    decided = Decision.objects.filter(
        period=OuterRef("pk"),
        status=DecisionStatus.DECIDED,
        kind__in=[DecisionKind.KUTY, DecisionKind.INTRODUCTORY_PERIOD],
    )
    return (
        Period.objects.exclude(status=PeriodStatus.CANCELLED)
        .filter(Exists(decided))
        .select_related("place", "relationship__client", "relationship__unit")
    )


def current_periods(client: Client) -> list[Period]:
    """The client's periods that count now: of an open relationship, decided (a kuty or an
    introductory-period decision made), not cancelled, and not over: under way today or
    starting later. Earliest first."""
    return list(
        decided_periods()
        .filter(
            relationship__client=client,
            relationship__ended_on__isnull=True,
            status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE],
            ends_on__gte=clock.today(),
        )
        .order_by("starts_on", "pk")
    )


@dataclass(frozen=True)
class Schedule:
    """A period as the client reads it: the place, the dates and the weekdays in words
    (``core.rules.weekday_words``: the "weekday" message context, in each language's own
    case)."""

    period: Period
    weekdays: str


def schedules(periods: Sequence[Period]) -> list[Schedule]:
    return [Schedule(period, weekday_words(period.weekday_numbers)) for period in periods]


@dataclass(frozen=True)
class GroupSchedule:
    """A group the client takes part in, as the client reads it: the group, the dates of
    their participation, the weekdays in words and the times."""

    enrolment: Enrolment
    weekdays: str

    @property
    def group_name(self) -> str:
        return self.enrolment.group.name

    @property
    def starts_on(self) -> dt.date:
        return self.enrolment.starts_on

    @property
    def ends_on(self) -> dt.date:
        return self.enrolment.ends_on or self.enrolment.group.ends_on

    @property
    def starts_at(self) -> dt.time:
        return self.enrolment.group.starts_at

    @property
    def ends_at(self) -> dt.time:
        return self.enrolment.group.ends_at


def group_schedules(client: Client) -> list[GroupSchedule]:
    """The groups the client takes part in now (an open relationship, neither the
    participation nor the group over), earliest first: one query."""
    return [
        GroupSchedule(enrolment, weekday_words(enrolment.group.weekday_numbers))
        for enrolment in current_enrolments(client.pk)
    ]


def coming_group_sessions(
    client: Client, groups: Sequence[GroupSchedule], *, within: dt.timedelta | None = None
) -> list[ClientSession]:
    """The sessions from today on of the client's current groups (``within`` that time, else
    up to the last of the groups' ends), with the client's marks: three queries."""
    if not groups:
        return []
    today = clock.today()
    last = max(item.ends_on for item in groups)
    if within is not None:
        last = min(last, today + within)
    return client_sessions(client.pk, today, last, open_only=True)


def coming_absences(periods: Sequence[Period]) -> list[AttendanceDay]:
    """The absences recorded from today on in ``periods`` (whoever recorded them)."""
    if not periods:
        return []
    return list(
        AttendanceDay.objects.filter(
            period__in=periods, status=DayStatus.ABSENT, day__gte=clock.today()
        ).order_by("day")
    )


@dataclass
class PeriodDays:
    """One period's cells from ``first`` to ``last``."""

    period: Period
    cells: list[Cell]


def period_days(periods: Sequence[Period], first: dt.date, last: dt.date) -> list[PeriodDays]:
    """What each day from ``first`` to ``last`` is in each of ``periods`` (``days.period_cells``):
    five queries whatever the number of periods and days."""
    if not periods:
        return []
    ids = [period.pk for period in periods]
    place_ids = {period.place_id for period in periods}
    records: dict[int, list[AttendanceDay]] = defaultdict(list)
    for row in AttendanceDay.objects.filter(
        period_id__in=ids, day__range=(first - MOVED_MARGIN, last + MOVED_MARGIN)
    ):
        records[row.period_id].append(row)
    stops: dict[int, list[Interruption]] = defaultdict(list)
    for stop in Interruption.objects.filter(period_id__in=ids):
        stops[stop.period_id].append(stop)
    profiles = {row.place_id: row for row in PlaceProfile.objects.filter(place_id__in=place_ids)}
    closed: dict[int, list[ClosedDay]] = defaultdict(list)
    for closed_day in ClosedDay.objects.filter(
        profile__place_id__in=place_ids, day__range=(first, last)
    ).select_related("profile"):
        closed[closed_day.profile.place_id].append(closed_day)
    calendars = {
        place_id: PlaceCalendar.of(profiles.get(place_id), closed[place_id])
        for place_id in place_ids
    }
    return [
        PeriodDays(
            period=period,
            cells=period_cells(
                period,
                first,
                last,
                calendar=calendars[period.place_id],
                records=records[period.pk],
                interruptions=stops[period.pk],
            ),
        )
        for period in periods
    ]


class DayKind:
    """What a row of "my days" says (the template words each)."""

    PRESENT = "present"
    ABSENT = "absent"  # away on a day gone by (or today)
    AWAY_TOLD = "away_told"  # an absence for a day still to come (``told``: by the client)
    MOVED = "moved"
    NOT_ORGANISED = "not_organised"
    INTERRUPTED = "interrupted"
    NOT_MARKED = "not_marked"  # an expected day gone by that nobody has marked yet
    TODAY = "today"  # today, one of the client's days, not marked yet
    COMING = "coming"  # an expected day still to come


@dataclass
class DayRow:
    """A day of the client's: at a place (``record`` its record, if any), or a session of a
    group (``session``, with the client's mark, if any)."""

    day: dt.date
    kind: str
    place: str
    record: AttendanceDay | None = None
    why: str = ""
    session: ClientSession | None = None

    @property
    def sort_key(self) -> tuple[dt.date, dt.time]:
        return (self.day, self.session.session.starts_at if self.session else dt.time.min)

    @property
    def hours(self) -> object:
        if self.session is not None and self.session.mark is not None:
            return self.session.mark.hours
        return self.record.hours if self.record is not None else None

    @property
    def reason(self) -> str:
        """The absence's reason in the client's words (``portal.reasons``)."""
        code = ""
        if self.session is not None and self.session.mark is not None:
            code = self.session.mark.reason
        elif self.record is not None:
            code = self.record.reason
        return plain_reason(code)

    @property
    def note(self) -> str:
        """The client's own message with an absence they reported for a group session."""
        if self.session is not None and self.session.mark is not None:
            return self.session.mark.note
        return ""

    @property
    def told(self) -> bool:
        """The client reported the absence themself."""
        if self.session is not None:
            return self.session.reported_by_client
        return self.record is not None and self.record.reported_via == Source.CLIENT


@dataclass
class Month:
    first: dt.date
    rows: list[DayRow] = field(default_factory=list)

    @property
    def present(self) -> int:
        """The days present (a day at a place and at a group session is one day)."""
        return len({row.day for row in self.rows if row.kind == DayKind.PRESENT})

    @property
    def absent(self) -> int:
        """The days away gone by (or today); an absence told for a day still to come is not
        counted."""
        return len({row.day for row in self.rows if row.kind == DayKind.ABSENT})

    @property
    def not_organised(self) -> int:
        return sum(1 for row in self.rows if row.kind == DayKind.NOT_ORGANISED)


def _row(period: Period, cell: Cell, today: dt.date, coming_until: dt.date) -> DayRow | None:
    """A row for the client, or None for a day that is not theirs (outside the period, not on
    their schedule, or a day the place is closed that is not one of their weekdays), or an
    expected day after ``coming_until`` (the list stays short)."""
    place = period.place.display_name
    if cell.kind == CellKind.RECORDED and cell.record is not None:
        kind = {
            DayStatus.PRESENT: DayKind.PRESENT,
            DayStatus.ABSENT: DayKind.ABSENT,
            DayStatus.MOVED: DayKind.MOVED,
        }[DayStatus(cell.record.status)]
        if kind == DayKind.ABSENT and cell.day > today:
            kind = DayKind.AWAY_TOLD  # still to come: not a day away yet
        return DayRow(cell.day, kind, place, record=cell.record)
    if cell.kind == CellKind.NOT_ORGANISED:
        if cell.day.isoweekday() not in period.weekday_numbers:
            return None
        return DayRow(cell.day, DayKind.NOT_ORGANISED, place, why=cell.why)
    if cell.kind == CellKind.INTERRUPTED:
        if cell.day.isoweekday() not in period.weekday_numbers:
            return None
        return DayRow(cell.day, DayKind.INTERRUPTED, place)
    if cell.kind == CellKind.EXPECTED:
        if cell.day > coming_until:
            return None
        if cell.day == today:
            return DayRow(cell.day, DayKind.TODAY, place)
        return DayRow(cell.day, DayKind.COMING if cell.day > today else DayKind.NOT_MARKED, place)
    return None


def _session_row(item: ClientSession, today: dt.date, coming_until: dt.date) -> DayRow | None:
    """A row for a session of the client's group, or None for an unmarked one after
    ``coming_until`` (the list stays short)."""
    name = item.session.group.name
    mark = item.mark
    if mark is not None:
        if mark.status == SessionStatus.PRESENT:
            kind = DayKind.PRESENT
        else:
            kind = DayKind.AWAY_TOLD if item.day > today else DayKind.ABSENT
    elif item.day > coming_until:
        return None
    elif item.day == today:
        kind = DayKind.TODAY
    else:
        kind = DayKind.COMING if item.day > today else DayKind.NOT_MARKED
    return DayRow(item.day, kind, name, session=item)


def participation(client: Client) -> Participation:
    """The 178-day rule's days left, the same figure the worker sees on the period's page
    (``attendance.selectors.participation_of``): the 12 months holding the most participation
    days, recorded and planned, from today on."""
    return participation_of(client.pk, today=clock.today())


@dataclass(frozen=True)
class MonthChoice:
    """The month "my days" shows, the months the client may move to (the first and the last
    month of their periods and group participations) and whether the month asked for could
    not be shown (not a month, or outside those months)."""

    month: dt.date
    first_day: dt.date | None
    last_day: dt.date | None
    refused: bool

    @property
    def previous_month(self) -> dt.date | None:
        before = add_months(self.month, -1)
        if self.first_day is None or before < self.first_day.replace(day=1):
            return None
        return before

    @property
    def next_month(self) -> dt.date | None:
        after = add_months(self.month, 1)
        if self.last_day is None or after > self.last_day:
            return None
        return after


def parse_month(value: str | None) -> dt.date | None:
    """``YYYY-MM`` as the first of the month; None for anything else."""
    if not value or len(value) != 7:
        return None
    try:
        return dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        return None


def month_choice(client: Client, asked: str | None, today: dt.date) -> MonthChoice:
    """Which month to show: the one asked for (``?kk=YYYY-MM``) when it is within the client's
    periods (not cancelled) and group participations, else this month, kept within them (a
    client whose period has ended sees its last month). Two queries."""
    spans = [
        (starts, ends)
        for starts, ends in Period.objects.filter(relationship__client=client)
        .exclude(status=PeriodStatus.CANCELLED)
        .values_list("starts_on", "ends_on")
    ]
    spans += [
        (enrolment.starts_on, enrolment.ends_on or enrolment.group.ends_on)
        for enrolment in Enrolment.objects.filter(client=client).select_related("group")
    ]
    this_month = today.replace(day=1)
    if not spans:
        return MonthChoice(this_month, None, None, refused=bool(asked))
    first_day = min(starts for starts, _ends in spans)
    last_day = max(ends for _starts, ends in spans)
    first, last = first_day.replace(day=1), last_day.replace(day=1)
    month = parse_month(asked)
    if month is not None and first <= month <= last:
        return MonthChoice(month, first_day, last_day, refused=False)
    return MonthChoice(min(max(this_month, first), last), first_day, last_day, refused=bool(asked))


def my_attendance(*, client: Client, month: str | None = None) -> dict[str, Any]:
    """The client's days of one month (``month_choice``: this month unless they moved to
    another of their periods' months), in every period of theirs and every group session that
    touches it, and how many participation days remain. In this month and before, the coming
    days of the next week are listed; a month still to come lists all its days."""
    today = clock.today()
    choice = month_choice(client, month, today)
    first = choice.month
    last = add_months(first, 1) - dt.timedelta(days=1)
    coming_until = today + COMING_DAYS - dt.timedelta(days=1)
    if first > today:
        coming_until = last
    periods = list(
        Period.objects.filter(relationship__client=client, starts_on__lte=last, ends_on__gte=first)
        .exclude(status=PeriodStatus.CANCELLED)
        .select_related("place")
        .order_by("starts_on", "pk")
    )
    shown = Month(first)
    for period_rows in period_days(periods, first, last):
        for cell in period_rows.cells:
            row = _row(period_rows.period, cell, today, coming_until)
            if row is not None:
                shown.rows.append(row)
    for item in client_sessions(client.pk, first, last):
        row = _session_row(item, today, coming_until)
        if row is not None:
            shown.rows.append(row)
    shown.rows.sort(key=lambda row: row.sort_key)
    return {
        "person": client,
        "month": shown,
        "choice": choice,
        "is_this_month": first == today.replace(day=1),
        "participation": participation(client),
        "periods": schedules(current_periods(client)),
        "groups": group_schedules(client),
    }


def absence_page(*, client: Client) -> dict[str, Any]:
    """What the absence form shows: the client's current periods (the place and the weekdays)
    and groups (the weekdays and times), and the absences already told from today on."""
    periods = current_periods(client)
    groups = group_schedules(client)
    return {
        "person": client,
        "periods": schedules(periods),
        "groups": groups,
        "absences": coming_absences(periods),
        "group_absences": [
            item
            for item in coming_group_sessions(client, groups)
            if item.mark is not None and item.mark.status == SessionStatus.ABSENT
        ],
    }
