"""The responsible worker's reads of a period's attendance: the month calendar, the absences
by reason, the contacts, the interruptions and the participation days left of the 178; and the
place supervisor's read of a period's interruptions. Every read of client data goes through the
one access core (``clients.access.access_record``) and is logged with its basis."""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from polku.accounts.models import User
from polku.accounts.roles import Capability
from polku.attendance.days import Cell, CellKind, PlaceCalendar, period_cells
from polku.attendance.events import AttendanceRead
from polku.attendance.models import (
    EXCUSED_REASONS,
    AbsenceContact,
    AbsenceReason,
    AttendanceDay,
    DayStatus,
    Interruption,
    Notice,
    Source,
)
from polku.clients.access import access_record, visible_relationships
from polku.clients.models import CoverGrant
from polku.core import clock
from polku.placements import rules as period_rules
from polku.placements.bases import PLACE_SUPERVISOR, active_periods_at_places_of
from polku.placements.models import ClosedDay, Period, PlaceProfile
from polku.placements.participation import participation_days

# --- Access ----------------------------------------------------------------------------------


def caseworker_periods(user: User | AnonymousUser) -> Any:
    """Periods of the relationships whose responsible worker ``user`` is, or covers for today:
    the worker's attendance pages are theirs (a decision maker or the place sees other pages)."""
    covering = CoverGrant.objects.filter(
        user_id=user.pk or 0,
        covered_worker_id=OuterRef("relationship__responsible_worker_id"),
        unit_id=OuterRef("relationship__unit_id"),
        expires_at__gt=clock.now(),
    )
    return (
        Period.objects.filter(relationship__in=visible_relationships(user))
        .filter(Q(relationship__responsible_worker_id=user.pk) | Q(Exists(covering)))
        .select_related("relationship__client", "relationship__unit", "place")
    )


def access_period_attendance(user: User | AnonymousUser, period_id: int) -> Period:
    """A period of the worker's own client (or one they cover for), or 404; the read is
    logged."""
    return access_record(
        user,
        caseworker_periods(user),
        period_id,
        client_of=lambda p: p.relationship.client,
        what=AttendanceRead.PERIOD_ATTENDANCE,
    )


def access_interruption(user: User | AnonymousUser, interruption_id: int) -> Interruption:
    """An interruption of a period of the worker's own client, or 404; the read is logged."""
    rows = Interruption.objects.filter(
        period__in=caseworker_periods(user).values("pk")
    ).select_related("period__relationship__client", "period__place", "reported_by", "resolved_by")
    return access_record(
        user,
        rows,
        interruption_id,
        client_of=lambda i: i.period.relationship.client,
        what=AttendanceRead.PERIOD_ATTENDANCE,
    )


def access_place_period(user: User | AnonymousUser, period_id: int) -> Period:
    """A period under way at a place ``user`` supervises (403 without the place portal, 404
    for another place's period); the read is logged with the place supervisor's basis."""
    rows = active_periods_at_places_of(user) if isinstance(user, User) else Period.objects.none()
    return access_record(
        user,
        rows.select_related("relationship__client", "place"),
        period_id,
        client_of=lambda p: p.relationship.client,
        what=AttendanceRead.PLACE_INTERRUPTION,
        need=Capability.USE_PLACE_PORTAL,
        basis=PLACE_SUPERVISOR,
    )


# --- Participation days left ------------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    """The 12 months that hold the most participation days from today on, and their count:
    ``remaining`` more days fit before the 178-day limit (189/2001 §14 1 mom)."""

    first: dt.date
    last: dt.date
    count: int
    limit: int

    @property
    def remaining(self) -> int:
        return max(self.limit - self.count, 0)


def participation_window(days: list[dt.date], *, today: dt.date, limit: int) -> Participation:
    """Among the windows of 12 months ending on a participation day from ``today`` on (or on
    today when none is left), the one holding the most days (the earliest of equals)."""
    days = sorted(set(days))
    ends = [day for day in days if day >= today] or [today]
    windows = [
        Participation(
            period_rules.window_start(end),
            end,
            bisect_right(days, end) - bisect_left(days, period_rules.window_start(end)),
            limit,
        )
        for end in ends
    ]
    return max(windows, key=lambda w: (w.count, -w.last.toordinal()))


def participation_of(client_id: int, *, today: dt.date) -> Participation:
    """The participation days of every period of the client, as the 178-day rule counts them
    (``placements.participation``: recorded days replace planned ones). The one count of the
    days left: the worker's period page and the client's OmaPolku both show its
    ``remaining``."""
    periods = list(Period.objects.filter(relationship__client_id=client_id))
    limit = period_rules.limits_on(today).max_participation_days
    return participation_window(
        participation_days(periods, client_id=client_id), today=today, limit=limit
    )


def client_participation(period: Period, *, today: dt.date) -> Participation:
    """:func:`participation_of` the period's client."""
    return participation_of(period.relationship.client_id, today=today)


# --- The period's page ------------------------------------------------------------------------


@dataclass
class MonthCell:
    cell: Cell
    in_month: bool
    today: bool
    selected: bool

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
    def editable(self) -> bool:
        return self.in_month and self.cell.editable

    @property
    def missing(self) -> bool:
        """An expected day in the past that nobody recorded."""
        return self.cell.kind == CellKind.EXPECTED and self.cell.day < clock.today()


@dataclass
class AbsenceRow:
    record: AttendanceDay
    contacts: list[AbsenceContact] = field(default_factory=list)

    @property
    def excused(self) -> bool:
        return self.record.reason in EXCUSED_REASONS


@dataclass
class PeriodAttendance:
    period: Period
    month: dt.date  # the first day of the month shown
    weeks: list[list[MonthCell]]
    previous_month: dt.date | None
    next_month: dt.date | None
    absences: list[AbsenceRow]
    by_reason: list[tuple[str, int]]
    excused: int
    unexcused: int
    by_notice: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    present_days: int
    contacts: list[AbsenceContact]
    interruptions: list[Interruption]
    participation: Participation
    selected: MonthCell | None

    @property
    def open_interruption(self) -> Interruption | None:
        return next((row for row in self.interruptions if not row.outcome), None)


def _month_of(value: str | None, period: Period, today: dt.date) -> dt.date:
    """The month asked for (``YYYY-MM``), kept within the period; by default the current
    month, or the period's first or last month when today is outside it."""
    first = period.starts_on.replace(day=1)
    last = period.ends_on.replace(day=1)
    month = None
    if value:
        try:
            month = dt.date.fromisoformat(f"{value}-01")
        except ValueError:
            month = None
    if month is None:
        month = today.replace(day=1)
    return min(max(month, first), last)


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _add_month(month: dt.date, step: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + step
    return dt.date(index // 12, index % 12 + 1, 1)


def period_attendance_page(
    *, period: Period, month: str | None = None, selected: dt.date | None = None
) -> PeriodAttendance:
    """The facts of the period's page, in a constant number of queries: the month's calendar
    computed from ``days.period_cells``, the period's absences with their contacts, the
    interruptions and the participation days left."""
    today = clock.today()
    first_of_month = _month_of(month, period, today)
    if selected is not None and period.starts_on <= selected <= period.ends_on:
        first_of_month = selected.replace(day=1)
    last_of_month = first_of_month.replace(
        day=calendar.monthrange(first_of_month.year, first_of_month.month)[1]
    )
    grid_first = first_of_month - dt.timedelta(days=first_of_month.weekday())
    grid_last = last_of_month + dt.timedelta(days=6 - last_of_month.weekday())
    records = list(
        AttendanceDay.objects.filter(period=period).select_related("reported_by", "recorded_by")
    )
    interruptions = list(
        Interruption.objects.filter(period=period).select_related("reported_by", "resolved_by")
    )
    profile = PlaceProfile.objects.filter(place_id=period.place_id).first()
    closed = ClosedDay.objects.filter(
        profile__place_id=period.place_id, day__range=(grid_first, grid_last)
    )
    place_calendar = PlaceCalendar.of(profile, closed)
    cells = period_cells(
        period,
        grid_first,
        grid_last,
        calendar=place_calendar,
        records=records,
        interruptions=interruptions,
    )
    month_cells = [
        MonthCell(
            cell=cell,
            in_month=cell.day.month == first_of_month.month,
            today=cell.day == today,
            selected=cell.day == selected,
        )
        for cell in cells
    ]
    weeks = [month_cells[i : i + 7] for i in range(0, len(month_cells), 7)]
    contacts = list(
        AbsenceContact.objects.filter(period=period).select_related("recorded_by", "absence")
    )
    by_absence: dict[int, list[AbsenceContact]] = {}
    for contact in contacts:
        if contact.absence_id is not None:
            by_absence.setdefault(contact.absence_id, []).append(contact)
    absent = [r for r in records if r.status == DayStatus.ABSENT]
    absences = [
        AbsenceRow(r, by_absence.get(r.pk, [])) for r in sorted(absent, key=lambda r: r.day)
    ]
    reasons = Counter(r.reason for r in absent)
    notices = Counter(r.notice for r in absent)
    sources = Counter(r.reported_via for r in absent)
    selected_cell = next((c for c in month_cells if c.selected and c.editable), None)
    previous_month = _add_month(first_of_month, -1)
    next_month = _add_month(first_of_month, 1)
    return PeriodAttendance(
        period=period,
        month=first_of_month,
        weeks=weeks,
        previous_month=previous_month
        if previous_month >= period.starts_on.replace(day=1)
        else None,
        next_month=next_month if next_month <= period.ends_on else None,
        absences=absences,
        by_reason=[
            (str(AbsenceReason(value).label), reasons[value])
            for value in AbsenceReason.values
            if reasons[value]
        ],
        excused=sum(1 for r in absent if r.reason in EXCUSED_REASONS),
        unexcused=sum(1 for r in absent if r.reason not in EXCUSED_REASONS),
        by_notice=[
            (str(Notice(value).label), notices[value]) for value in Notice.values if notices[value]
        ],
        by_source=[
            (str(Source(value).label), sources[value]) for value in Source.values if sources[value]
        ],
        present_days=sum(1 for r in records if r.status == DayStatus.PRESENT),
        contacts=contacts,
        interruptions=interruptions,
        participation=client_participation(period, today=today),
        selected=selected_cell,
    )


def absence_choices(page: PeriodAttendance) -> list[tuple[str, str]]:
    """The period's absences to choose from for a contact, the latest first."""
    from polku.core.rules import day_label

    return [
        (
            str(row.record.pk),
            f"{day_label(row.record.day)} – {AbsenceReason(row.record.reason).label}",
        )
        for row in reversed(page.absences)
    ]


def absence_of(page: PeriodAttendance, absence_id: str | None) -> AttendanceDay | None:
    """The absence of the period the form named (by id), or None."""
    if not absence_id:
        return None
    for row in page.absences:
        if str(row.record.pk) == absence_id:
            return row.record
    raise Http404


# --- The place's view of interruptions ------------------------------------------------------


def place_interruptions(*, period: Period) -> list[Interruption]:
    """The period's interruptions as the place may see them: the reason reported, who
    initiated it, what happened, and once resolved the outcome, its date and the reason as told
    to the place (never the worker's clarification with the client)."""
    return list(
        Interruption.objects.filter(period=period)
        .select_related("reported_by")
        .defer("clarification")
    )
