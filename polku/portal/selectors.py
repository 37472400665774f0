"""Reads for OmaPolku, the client's own pages: what the client sees of their own record.

The client's own record is resolved, and the read logged, by ``access_own_client``; these build
the page from it. The attendance pages (SPEC §4, §6 client portal) compute the client's days
from their periods (``attendance.days``) with a constant number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils.dates import WEEKDAYS

from polku.accounts import selectors as account_selectors
from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Role
from polku.attendance.days import Cell, CellKind, PlaceCalendar, period_cells
from polku.attendance.models import AttendanceDay, DayStatus, Interruption
from polku.attendance.selectors import participation_of
from polku.attendance.selectors.worker import Participation
from polku.clients.models import Client, ClientRelationship, Recipient
from polku.closure.models import Certificate, CertificateStatus
from polku.core import clock
from polku.core.rules import add_months
from polku.evaluation.models import Evaluation, EvaluationStatus, Goal
from polku.pathways import selectors as pathway_selectors
from polku.pathways.models import ActivationPlan
from polku.pathways.services.disclosures import plan_copy_for
from polku.placements import selectors as placement_selectors
from polku.placements.documents import info_package_context
from polku.placements.models import (
    ClosedDay,
    Decision,
    DecisionKind,
    DecisionStatus,
    Delivery,
    Period,
    PeriodKind,
    PeriodStatus,
    PlaceProfile,
)
from polku.placements.services.decisions import decision_deadline
from polku.portal.models import ReachableTime

# How far around the shown days the records are read: a day moved by agreement may be moved
# to a day a few weeks away, and the day moved to is one of the client's days.
MOVED_MARGIN = dt.timedelta(days=42)
# "My days" lists the coming days of the next week (absences told in advance always).
COMING_DAYS = dt.timedelta(days=7)


# --- The start page ----------------------------------------------------------------------------


def own_relationship(client: Client) -> ClientRelationship | None:
    """The relationship the client's pages show: the open one, else the latest ended one (an
    ended client relationship stays readable to the client)."""
    rows = client.relationships.select_related(
        "unit", "responsible_worker__reachable_time"
    ).order_by(F("ended_on").desc(nulls_first=True), "-started_on", "-pk")
    return rows.first()


class Duty:
    """Who does what, as the template words it (SPEC §6 "who does what")."""

    WORKER = "worker"
    DECISION_MAKER = "decision_maker"
    PLACE_SUPERVISOR = "place_supervisor"


@dataclass(frozen=True)
class Contact:
    """A person the client deals with: their duty, name and title, how to reach them (a
    phone, an e-mail) and when (``days`` in words and the hours; empty when not known)."""

    duty: str
    name: str
    title: str
    where: str
    phone: str = ""
    email: str = ""
    days: str = ""
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None


def weekday_words(numbers: Sequence[int]) -> str:
    """ISO weekday numbers in words, in the active language: "maanantai, tiistai"."""
    return ", ".join(str(WEEKDAYS[number - 1]).lower() for number in numbers)


def worker_contact(relationship: ClientRelationship) -> Contact | None:
    """The responsible worker: their direct phone and phone hours when they have given them
    (``ReachableTime``), else the unit's phone."""
    worker = relationship.responsible_worker
    if worker is None:
        return None
    reach: ReachableTime | None = getattr(worker, "reachable_time", None)
    has_hours = reach is not None and reach.has_hours
    return Contact(
        duty=Duty.WORKER,
        name=worker.get_full_name(),
        title=worker.title,
        where=relationship.unit.name,
        phone=(reach.phone if reach and reach.phone else relationship.unit.phone),
        email=worker.email,
        days=weekday_words(reach.weekday_numbers) if reach and has_hours else "",
        starts_at=reach.starts_at if reach and has_hours else None,
        ends_at=reach.ends_at if reach and has_hours else None,
    )


def decision_maker_contact(relationship: ClientRelationship) -> Contact | None:
    """Who decides on the client's work activity: the maker of the latest decision (made or
    being prepared) of the relationship."""
    decision = (
        Decision.objects.filter(relationship=relationship)
        .select_related("decision_maker")
        .order_by(F("decided_on").desc(nulls_last=True), "-pk")
        .first()
    )
    if decision is None:
        return None
    maker = decision.decision_maker
    return Contact(
        duty=Duty.DECISION_MAKER,
        name=maker.get_full_name(),
        title=maker.title,
        where=relationship.unit.name,
    )


def place_contacts(period: Period | None) -> list[Contact]:
    """The supervisors of the period's place, with the place's contact phone."""
    if period is None:
        return []
    profile = PlaceProfile.objects.filter(place_id=period.place_id).first()
    phone = (profile.contact_phone if profile else "") or period.place.phone
    supervisors = (
        RoleAssignment.objects.filter(unit_id=period.place_id, role=Role.PLACE_SUPERVISOR)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [
        Contact(
            duty=Duty.PLACE_SUPERVISOR,
            name=row.user.get_full_name(),
            title=row.user.title,
            where=period.place.name,
            phone=phone,
            email=row.user.email,
        )
        for row in supervisors
    ]


@dataclass(frozen=True)
class KeyDate:
    """A date that matters to the client, with what happens then (the template words it)."""

    day: dt.date
    what: str  # "review" | "evaluation" | "period_end"


def key_dates(plan: ActivationPlan | None, period: Period | None) -> list[KeyDate]:
    """The plan's next review, the period's evaluation date and its end, from today on,
    earliest first."""
    dates = []
    if plan is not None and plan.review_due:
        dates.append(KeyDate(plan.review_due, "review"))
    if period is not None:
        if period.evaluate_by:
            dates.append(KeyDate(period.evaluate_by, "evaluation"))
        dates.append(KeyDate(period.ends_on, "period_end"))
    today = clock.today()
    return sorted((d for d in dates if d.day >= today), key=lambda d: d.day)


def main_period(relationship: ClientRelationship, current: Sequence[Period]) -> Period | None:
    """The period the start page's dates and place belong to: the current full period (the
    first under way or coming), else any current one, else the relationship's latest decided
    period (an ended relationship keeps showing where the client was)."""
    if current:
        return next((p for p in current if p.kind == PeriodKind.FULL), current[0])
    return decided_periods().filter(relationship=relationship).order_by("-starts_on", "-pk").first()


def start_page(*, viewer: User, client: Client) -> dict[str, Any]:
    """The client's start page (SPEC §6): their worker and how to reach them, who does what,
    the next meetings with place or channel, the plan and goals in short with the dates that
    matter, the work activity with the participation days left, and the links to the other
    pages. A constant number of queries whatever the number of meetings, goals and periods."""
    relationship = own_relationship(client)
    if relationship is None:
        units = [
            a.unit for a in account_selectors.my_assignments(user=viewer) if a.role == Role.CLIENT
        ]
        return {"person": client, "relationship": None, "units": units}
    periods = current_periods(client)
    period = main_period(relationship, periods)
    plan = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship)
        .select_related("chosen_option__place")
        .order_by("-number")
        .first()
    )
    meetings = (
        list(relationship.meetings.upcoming().select_related("worker").order_by("starts_at")[:3])
        if relationship.is_open
        else []
    )
    goals = list(Goal.objects.filter(relationship=relationship).order_by("created_at", "pk"))
    open_evaluation = (
        Evaluation.objects.filter(relationship=relationship, status=EvaluationStatus.OPEN)
        .order_by("pk")
        .first()
    )
    worker = worker_contact(relationship)
    people = [
        contact for contact in (worker, decision_maker_contact(relationship)) if contact is not None
    ] + place_contacts(period)
    return {
        "person": client,
        "relationship": relationship,
        "worker": worker,
        "people": people,
        "meetings": meetings,
        "plan": plan,
        "plan_options": (
            list(plan.options.select_related("place")) if plan and not plan.chosen_option else []
        ),
        "goals": goals,
        "period": period,
        "dates": key_dates(plan, period),
        "open_evaluation": open_evaluation,
        "periods": schedules(periods),
        "absences": coming_absences(periods),
        "participation": participation(client),
    }


# --- Work activity: the client's days -------------------------------------------------------


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
    """A period as the client reads it: the place, the dates and the weekdays in words."""

    period: Period
    weekdays: str


def schedules(periods: Sequence[Period]) -> list[Schedule]:
    return [
        Schedule(
            period,
            ", ".join(str(WEEKDAYS[number - 1]).lower() for number in period.weekday_numbers),
        )
        for period in periods
    ]


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
    ABSENT = "absent"
    MOVED = "moved"
    NOT_ORGANISED = "not_organised"
    INTERRUPTED = "interrupted"
    NOT_MARKED = "not_marked"  # an expected day gone by that nobody has marked yet
    TODAY = "today"  # today, one of the client's days, not marked yet
    COMING = "coming"  # an expected day still to come


@dataclass
class DayRow:
    day: dt.date
    kind: str
    place: str
    record: AttendanceDay | None = None
    why: str = ""


@dataclass
class Month:
    first: dt.date
    rows: list[DayRow] = field(default_factory=list)

    @property
    def present(self) -> int:
        return sum(1 for row in self.rows if row.kind == DayKind.PRESENT)

    @property
    def absent(self) -> int:
        return sum(1 for row in self.rows if row.kind == DayKind.ABSENT)

    @property
    def not_organised(self) -> int:
        return sum(1 for row in self.rows if row.kind == DayKind.NOT_ORGANISED)


def _row(period: Period, cell: Cell, today: dt.date) -> DayRow | None:
    """A row for the client, or None for a day that is not theirs (outside the period, not on
    their schedule, or a day the place is closed that is not one of their weekdays)."""
    place = period.place.name
    if cell.kind == CellKind.RECORDED and cell.record is not None:
        kind = {
            DayStatus.PRESENT: DayKind.PRESENT,
            DayStatus.ABSENT: DayKind.ABSENT,
            DayStatus.MOVED: DayKind.MOVED,
        }[DayStatus(cell.record.status)]
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
        if cell.day >= today + COMING_DAYS:
            return None  # the list stays short: the next week's days only
        if cell.day == today:
            return DayRow(cell.day, DayKind.TODAY, place)
        return DayRow(cell.day, DayKind.COMING if cell.day > today else DayKind.NOT_MARKED, place)
    return None


def participation(client: Client) -> Participation:
    """The 178-day rule's days left, the same figure the worker sees on the period's page
    (``attendance.selectors.participation_of``): the 12 months holding the most participation
    days, recorded and planned, from today on."""
    return participation_of(client.pk, today=clock.today())


def my_attendance(*, client: Client) -> dict[str, Any]:
    """The client's days of the current and the previous month, newest month first, in every
    period of theirs that touches them, and how many participation days remain."""
    today = clock.today()
    this_month = today.replace(day=1)
    first = add_months(this_month, -1)
    last = add_months(this_month, 1) - dt.timedelta(days=1)
    periods = list(
        Period.objects.filter(relationship__client=client, starts_on__lte=last, ends_on__gte=first)
        .exclude(status=PeriodStatus.CANCELLED)
        .select_related("place")
        .order_by("starts_on", "pk")
    )
    months = {this_month: Month(this_month), first: Month(first)}
    for period_rows in period_days(periods, first, last):
        for cell in period_rows.cells:
            row = _row(period_rows.period, cell, today)
            if row is not None:
                months[row.day.replace(day=1)].rows.append(row)
    for month in months.values():
        month.rows.sort(key=lambda row: row.day)
    return {
        "person": client,
        "months": [months[this_month], months[first]],
        "has_days": any(month.rows for month in months.values()),
        "participation": participation(client),
        "periods": schedules(current_periods(client)),
    }


def absence_page(*, client: Client) -> dict[str, Any]:
    """What the absence form shows: the client's current periods (the place and the weekdays)
    and the absences already told from today on."""
    periods = current_periods(client)
    return {
        "person": client,
        "periods": schedules(periods),
        "absences": coming_absences(periods),
    }


# --- My documents ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnDecision:
    """A decision made on the client, with the last day to ask for its correction (None until
    the decision has been sent or handed over: the deadline runs from the notification)."""

    decision: Decision
    deadline: dt.date | None


def own_decisions(client: Client) -> list[OwnDecision]:
    """The decisions made on the client, of every relationship of theirs, newest first."""
    rows = (
        Decision.objects.filter(relationship__client=client, status=DecisionStatus.DECIDED)
        .select_related("period__place", "decision_maker")
        .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.order_by("pk")))
        .order_by(F("decided_on").desc(nulls_last=True), "-pk")
    )
    result = []
    for decision in rows:
        found = decision_deadline(decision)
        result.append(OwnDecision(decision, found.deadline if found else None))
    return result


def own_plans(client: Client) -> list[ActivationPlan]:
    """The current plan (the latest signed version) of each of the client's relationships,
    newest relationship first."""
    rows = (
        ActivationPlan.objects.signed()
        .filter(relationship__client=client)
        .select_related("relationship")
        .order_by("-relationship__started_on", "-relationship_id", "-number")
    )
    latest: dict[int, ActivationPlan] = {}
    for plan in rows:
        latest.setdefault(plan.relationship_id, plan)
    return list(latest.values())


def own_periods(client: Client) -> list[Period]:
    """The client's decided work-activity periods (each has an info package), newest first."""
    return list(decided_periods().filter(relationship__client=client).order_by("-starts_on", "-pk"))


def documents_page(*, client: Client) -> dict[str, Any]:
    """My documents: decisions with their appeal deadline, given certificates, the plan and
    the info package of each period, of open and ended relationships alike. Six queries."""
    return {
        "person": client,
        "decisions": own_decisions(client),
        "certificates": list(
            Certificate.objects.filter(
                period__relationship__client=client, status=CertificateStatus.GIVEN
            )
            .select_related("period__place")
            .order_by("-given_on", "-pk")
        ),
        "plans": own_plans(client),
        "periods": own_periods(client),
    }


def decision_page(*, decision: Decision) -> dict[str, Any]:
    """One decision in plain words: what was decided, by whom and when, the deadline for a
    request for correction, and the appeal instructions it was made with, in the viewer's
    language (the instructions exist in Finnish, Swedish and English)."""
    from django.utils.translation import get_language

    found = decision_deadline(decision)
    language = (get_language() or "fi")[:2]
    version = decision.appeal_text_version or "2026-1"
    return {
        "decision": decision,
        "deadline": found.deadline if found else None,
        "notified_on": found.notified_on if found else None,
        "appeal_template": (
            f"placements/legal/appeal_{version}_{language if language in ('fi', 'sv') else 'en'}"
            ".html"
        ),
    }


def decision_document(*, decision: Decision) -> dict[str, Any]:
    """The decision PDF's context when no made document is stored (as the worker's)."""
    language = decision.relationship.client.language or "fi"
    return placement_selectors.decision_document_context(decision=decision, language=language)


def plan_document(*, plan: ActivationPlan) -> dict[str, Any]:
    """The plan PDF as the client's own copy gets it (``plan_copy_for``: everything)."""
    return pathway_selectors.plan_document(plan=plan, copy=plan_copy_for(plan, Recipient.CLIENT))


def info_package_page(*, period: Period) -> dict[str, Any]:
    """The info package of the period in plain words: the rules, breaks, absences,
    compensation and whom to contact (the same facts as its PDF, ``info_package_context``)."""
    relationship = period.relationship
    author = relationship.responsible_worker or period.author
    facts = info_package_context(period=period, author=author, recipient="client")
    current = current_periods(relationship.client)
    return {
        "period": period,
        "facts": facts,
        "weekdays": weekday_words(period.weekday_numbers),
        "worker": worker_contact(relationship),
        "place_people": place_contacts(period),
        "has_days": any(p.pk == period.pk for p in current),
    }


def info_package_document(*, period: Period) -> dict[str, Any]:
    """The info package PDF's context for the client, as the worker prints it."""
    author = period.relationship.responsible_worker or period.author
    return info_package_context(period=period, author=author, recipient="client")
