"""Reads of the groups app, scoped to the viewer, with the reads of client data logged
(STYLE.md §2). Each page is read in a constant number of queries whatever the number of
participants (``tests/test_queries.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from polku.accounts.models import User
from polku.attendance.models import AttendanceDay, DayStatus
from polku.attendance.reports import CENT, Figures, tally_record
from polku.attendance.selectors.reports import rate_functions
from polku.audit import services as audit
from polku.clients.access import visible_relationships
from polku.core import clock
from polku.groups.access import (
    INSTRUCTOR_BASIS,
    is_instructor,
    may_end_enrolments,
    visible_groups,
)
from polku.groups.events import GroupRead
from polku.groups.models import (
    Enrolment,
    FeedbackKind,
    Group,
    GroupFeedback,
    Session,
    SessionAttendance,
    SessionStatus,
)


def group_list(*, viewer: User) -> list[Group]:
    """The groups the viewer may see, with their free places (no client data), in one
    query."""
    today = clock.today()
    groups = list(
        visible_groups(viewer)
        .select_related("organiser", "place")
        .annotate(
            enrolled=Count(
                "enrolments",
                filter=Q(enrolments__ends_on__isnull=True) | Q(enrolments__ends_on__gte=today),
                distinct=True,
            )
        )
        .order_by("-ends_on", "name", "pk")
    )
    for group in groups:
        group.free = max(group.capacity - group.enrolled, 0)
    return groups


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    full: bool  # the viewer sees the legal status and the agreement (their own client)
    figures: Figures
    marks: dict[int, SessionAttendance] = field(default_factory=dict)  # by session id
    ended: bool = False  # the participation's last day has passed
    may_end: bool = False  # the viewer may end it early (the service would accept them)


@dataclass
class GroupPage:
    group: Group
    sessions: list[Session]
    instructors: list[User]
    rows: list[ParticipantRow]
    enrolled: int  # every enrolment of the group (a count, shown to everyone)
    instructor: bool
    free: int
    feedback: list[GroupFeedback] = field(default_factory=list)  # mid-point first, then the end

    @property
    def instructor_names(self) -> str:
        return ", ".join(p.get_full_name() or p.get_username() for p in self.instructors)


def _figures(enrolments: list[Enrolment], marks: list[SessionAttendance]) -> dict[int, Figures]:
    """Each enrolment's session figures with the place's arithmetic (``attendance.reports``):
    only a kuty participant's present session is a participation day that earns the state
    compensation and the allowance of their basis; a day already present at a place earns
    once, at the place. Other participants' sessions earn nothing."""
    result = {e.pk: Figures() for e in enrolments}
    if not marks:
        return result
    kuty_clients = {e.client_id for e in enrolments if e.is_kuty}
    days = [m.session.day for m in marks]
    paid_at_place = set(
        AttendanceDay.objects.filter(
            relationship__client_id__in=kuty_clients,
            day__range=(min(days), max(days)),
            status=DayStatus.PRESENT,
        ).values_list("relationship__client_id", "day")
    )
    rates = rate_functions()
    by_pk = {e.pk: e for e in enrolments}

    def earn(key: str, day: dt.date) -> Decimal:
        return rates[key](day)

    def nothing(key: str, day: dt.date) -> Decimal:
        return Decimal(0)

    for mark in marks:
        enrolment = by_pk[mark.enrolment_id]
        figures = result[enrolment.pk]
        day = mark.session.day
        if enrolment.is_kuty and (enrolment.client_id, day) not in paid_at_place:
            tally_record(
                figures,
                mark,
                day,
                basis=enrolment.compensation,
                travel=enrolment.travel_compensation,
                earn=earn,
            )
        else:
            tally_record(figures, mark, day, basis="", travel=False, earn=nothing)
            if mark.status == SessionStatus.PRESENT:
                figures.state_days -= 1  # no participation day paid for this session
    for figures in result.values():
        figures.allowance_amount = figures.allowance_amount.quantize(CENT)
        figures.state_amount = figures.state_amount.quantize(CENT)
    return result


def group_page(*, viewer: User, group: Group) -> GroupPage:
    """The group, its sessions and instructors, and the participants the viewer may see:
    an instructor every participant (name and attendance, basis ``group_instructor``), a
    worker their own clients' enrolments (with the legal status and the agreement); the
    rest is a count. The participants shown are logged in one INSERT per basis."""
    instructor = is_instructor(viewer, group)
    sessions = list(group.sessions.all())
    instructors = list(group.instructors.order_by("last_name", "first_name", "pk"))
    every = Enrolment.objects.filter(group=group).select_related(
        "client", "responsible_worker", "relationship"
    )
    own_ids = set(
        Enrolment.objects.filter(
            group=group, relationship__in=visible_relationships(viewer)
        ).values_list("pk", flat=True)
    )
    enrolments = [e for e in every if instructor or e.pk in own_ids]
    enrolled = len(every)
    marks = list(
        SessionAttendance.objects.filter(enrolment__in=[e.pk for e in enrolments]).select_related(
            "session"
        )
    )
    figures = _figures(enrolments, marks)
    today = clock.today()
    enders = may_end_enrolments(viewer, [e for e in enrolments if e.pk in own_ids])
    rows = []
    for e in enrolments:
        ended = e.ends_on is not None and e.ends_on < today
        rows.append(
            ParticipantRow(
                e,
                e.pk in own_ids,
                figures[e.pk],
                ended=ended,
                may_end=e.pk in enders and not ended,
            )
        )
    by_enrolment = {row.enrolment.pk: row for row in rows}
    for mark in marks:
        by_enrolment[mark.enrolment_id].marks[mark.session_id] = mark
    own = [e.client_id for e in enrolments if e.pk in own_ids]
    if own:
        audit.record_access_many(
            actor=viewer, client_ids=own, what=GroupRead.PARTICIPANTS, basis="responsible_worker"
        )
    others = [e.client_id for e in enrolments if e.pk not in own_ids]
    if others:
        audit.record_access_many(
            actor=viewer, client_ids=others, what=GroupRead.PARTICIPANTS, basis=INSTRUCTOR_BASIS
        )
    current = sum(1 for e in every if e.ends_on is None or e.ends_on >= today)
    order = list(FeedbackKind.values)
    feedback = sorted(GroupFeedback.objects.filter(group=group), key=lambda f: order.index(f.kind))
    return GroupPage(
        group=group,
        sessions=sessions,
        instructors=instructors,
        rows=rows,
        enrolled=enrolled,
        instructor=instructor,
        free=max(group.capacity - current, 0),
        feedback=feedback,
    )


def free_places(group: Group) -> int:
    """The group's places not taken today (as the group page counts them): the capacity less
    the participations not ended."""
    today = clock.today()
    current = (
        Enrolment.objects.filter(group=group)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .count()
    )
    return max(group.capacity - current, 0)


def next_session_day(group: Group) -> dt.date | None:
    """The day a new session most likely falls on: the group's next weekday after its last
    session (its first weekday from the start when it has none); None past the group's end."""
    last = group.sessions.order_by("-day").values_list("day", flat=True).first()
    day = last + dt.timedelta(days=1) if last is not None else group.starts_on
    numbers = group.weekday_numbers
    for _ in range(7):
        if day.isoweekday() in numbers:
            break
        day += dt.timedelta(days=1)
    return day if day <= group.ends_on else None


def group_instructors(group: Group) -> list[User]:
    """The group's instructors by name (no client data)."""
    return list(group.instructors.order_by("last_name", "first_name", "pk"))


def feedback_of(group: Group, kind: str) -> GroupFeedback | None:
    """The group's feedback round of ``kind`` (no client data: nothing is logged)."""
    return GroupFeedback.objects.filter(group=group, kind=kind).first()


def current_version(model: type[Group] | type[GroupFeedback] | type[Enrolment], pk: int) -> int:
    """The stored version of a record, to offer after an edit conflict."""
    return int(model.objects.filter(pk=pk).values_list("version", flat=True).first() or 0)


@dataclass
class MarkRow:
    enrolment: Enrolment
    mark: SessionAttendance | None


def session_rows(*, viewer: User, session: Session, log: bool = True) -> list[MarkRow]:
    """The participants in the group on the session's day, with their marks; the read is
    logged with the basis ``group_instructor`` (one INSERT)."""
    day = session.day
    enrolments = list(
        Enrolment.objects.filter(group_id=session.group_id, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("client")
    )
    marks = {
        m.enrolment_id: m
        for m in SessionAttendance.objects.filter(session=session).select_related("recorded_by")
    }
    if log and enrolments:
        audit.record_access_many(
            actor=viewer,
            client_ids=[e.client_id for e in enrolments],
            what=GroupRead.SESSION_ATTENDANCE,
            basis=INSTRUCTOR_BASIS,
        )
    return [MarkRow(e, marks.get(e.pk)) for e in enrolments]


def enrolment_end_page(
    *, viewer: User, enrolment: Enrolment, ends_on: dt.date | None
) -> list[Session]:
    """The client's participation read for ending it (logged, basis ``responsible_worker``),
    and the group's sessions after ``ends_on`` up to its planned end: the lists the person
    will no longer be on."""
    audit.record_access(
        actor=viewer,
        client=enrolment.client,
        what=GroupRead.ENROLMENT,
        basis="responsible_worker",
        record=enrolment,
    )
    if ends_on is None:
        return []
    last = enrolment.ends_on or enrolment.group.ends_on
    return list(Session.objects.filter(group_id=enrolment.group_id, day__gt=ends_on, day__lte=last))


@dataclass
class SessionTimeChange:
    """What a new time of the group does to its sessions. ``moving``: the sessions still to
    come at the group's time (a later day, or today with no attendance recorded yet), which
    move to the new time; ``own_time``: those still to come at a time of their own, which keep
    it; ``held``: those held (an earlier day, or today with attendance recorded), which stay."""

    moving: list[Session]
    own_time: int
    held: int


def session_time_change(group: Group, *, today: dt.date) -> SessionTimeChange:
    """The group's sessions sorted by what a new time of the group does to them (one query)."""
    sessions = list(
        Session.objects.filter(group=group)
        .annotate(marked=Exists(SessionAttendance.objects.filter(session=OuterRef("pk"))))
        .order_by("day", "starts_at", "pk")
    )
    moving: list[Session] = []
    own_time, held = 0, 0
    for session in sessions:
        if session.day < today or (session.day == today and session.marked):
            held += 1
        elif (session.starts_at, session.ends_at) == (group.starts_at, group.ends_at):
            moving.append(session)
        else:
            own_time += 1
    return SessionTimeChange(moving, own_time, held)
