"""Writes of the groups app: groups, sessions, enrolments, session attendance and the
reminder before a group starts. Each service checks its rules, saves and audits in one
transaction (STYLE.md §2)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability, Role, has_capability
from polku.attendance.models import AbsenceReason, AttendanceDay, Notice, Source
from polku.attendance.models import DayStatus as PlaceDayStatus
from polku.attendance.services import RunDay, child_illness_check, place_run_days
from polku.attendance.services.days import CHILD_ILLNESS_REACH
from polku.audit import services as audit
from polku.clients.access import is_unit_worker, require_caseworker
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.rules import day_label
from polku.core.versioning import EditConflict, save_versioned
from polku.groups import rules, selectors
from polku.groups.access import (
    instructor_candidates,
    is_organiser_worker,
    require_instructor,
    require_manager_of_group,
)
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import (
    WEEKDAY_LABELS,
    Enrolment,
    FeedbackKind,
    Group,
    GroupFeedback,
    GroupKind,
    LegalStatus,
    Session,
    SessionAttendance,
    SessionStatus,
)
from polku.network.models import Partner
from polku.pathways.selectors import current_plan
from polku.placements import rules as period_rules
from polku.placements.models import CompensationBasis, Period, PeriodStatus
from polku.placements.participation import other_planned_days, participation_days

GROUP_FIELDS = (
    "name",
    "kind",
    "organiser",
    "partner",
    "partner_name",
    "description",
    "weekdays",
    "starts_at",
    "ends_at",
    "place",
    "location",
    "capacity",
    "starts_on",
    "ends_on",
)
STAFF_ROLES = frozenset({Role.WORKER, Role.DECISION_MAKER, Role.PLACE_SUPERVISOR, Role.MANAGER})


def _check_weekdays(weekdays: str) -> str:
    chosen = "".join(sorted(set(weekdays)))
    if not chosen or any(day not in "1234567" for day in chosen):
        raise field_error("weekdays", _("Choose the group's weekdays."), CommonError.REQUIRED)
    return chosen


def group_create_errors(
    actor: User,
    /,
    *,
    organiser: Unit | None = None,
    weekdays: str | None = None,
    starts_at: dt.time | None = None,
    ends_at: dt.time | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    instructors: Sequence[User] = (),
    partner: Partner | None = None,
    partner_name: str = "",
    place: Unit | None = None,
) -> dict[str, list[ValidationError]]:
    """Every refusal of a new group at once, for the values given (None: not given, not
    judged), so that a form shows them together with its own: an organiser that is not the
    actor's unit, an end before the start (dates, times), no weekday, an instructor who is
    not staff, a partner chosen and written in."""
    errors = _Errors()
    if organiser is not None and not is_unit_worker(actor, organiser):
        errors.add(
            "organiser",
            _("A group is organised by a unit where you work."),
            GroupError.NOT_ORGANISER_WORKER,
        )
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        errors.add("ends_on", _("The group ends before it starts."), GroupError.ENDS_BEFORE_START)
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors.add(
            "ends_at", _("The group's time ends before it starts."), GroupError.ENDS_BEFORE_START
        )
    if weekdays is not None:
        chosen = "".join(sorted(set(weekdays)))
        if not chosen or any(day not in "1234567" for day in chosen):
            errors.add("weekdays", _("Choose the group's weekdays."), CommonError.REQUIRED)
    if organiser is not None:
        _instructor_errors(errors, instructors, organiser, place)
    _partner_errors(errors, partner, partner_name)
    return dict(errors)


@transaction.atomic
def group_create(
    *,
    actor: User,
    name: str,
    kind: str,
    organiser: Unit,
    weekdays: str,
    starts_at: dt.time,
    ends_at: dt.time,
    capacity: int,
    starts_on: dt.date,
    ends_on: dt.date,
    instructors: Sequence[User] = (),
    partner: Partner | None = None,
    partner_name: str = "",
    description: str = "",
    place: Unit | None = None,
    location: str = "",
    submission: uuid.UUID | None = None,
) -> Group:
    """Create a group of the actor's unit. Refused: an end before the start (dates or
    times), no weekday, no capacity, an instructor who is not staff. ``submission`` is the
    form's one-time token: the same form sent twice (a double click) gets the group it
    already created, not a refusal of the same name."""
    if not has_capability(actor, Capability.USE_WORKER_DESK):
        raise PermissionDenied
    done = _group_submitted(actor, submission)
    if done is not None:
        return done
    refuse_null_characters(
        name=name, partner_name=partner_name, description=description, location=location
    )
    errors = group_create_errors(
        actor,
        organiser=organiser,
        weekdays=weekdays,
        starts_at=starts_at,
        ends_at=ends_at,
        starts_on=starts_on,
        ends_on=ends_on,
        instructors=instructors,
        partner=partner,
        partner_name=partner_name,
        place=place,
    )
    if errors:
        raise ValidationError(dict(errors))
    group = Group(
        name=name.strip(),
        kind=kind,
        organiser=organiser,
        partner=partner,
        partner_name=partner_name.strip(),
        description=description.strip(),
        weekdays=_check_weekdays(weekdays),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        location=location.strip(),
        capacity=capacity,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
        submission=submission,
    )
    group.full_clean(validate_constraints=False, exclude=["submission"])
    duplicate = field_error(
        "name",
        _("%(unit)s already has a group named %(name)s starting on %(date)s.")
        % {"unit": organiser.display_name, "name": group.name, "date": day_label(starts_on)},
        CommonError.DUPLICATE,
    )
    if Group.objects.filter(organiser=organiser, name=group.name, starts_on=starts_on).exists():
        # The same form's first send may have committed since the look-up above.
        done = _group_submitted(actor, submission)
        if done is not None:
            return done
        raise duplicate
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        done = _group_submitted(actor, submission)  # the same form's first send won
        if done is not None:
            return done
        raise duplicate from None
    group.instructors.set(instructors)
    changes: dict[str, tuple[Any, Any]] = {
        field: (None, getattr(group, field)) for field in GROUP_FIELDS if getattr(group, field)
    }
    changes["instructors"] = (None, sorted(p.pk for p in instructors))
    audit.record_change(actor=actor, record=group, what=GroupEvent.GROUP, changes=changes)
    return group


def _group_submitted(actor: User, submission: uuid.UUID | None) -> Group | None:
    """The group the actor's form with this one-time token already created, if any."""
    if submission is None:
        return None
    return Group.objects.filter(submission=submission, created_by=actor).first()


EDITABLE_FIELDS = (
    "name",
    "weekdays",
    "starts_on",
    "partner",
    "partner_name",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "location",
    "capacity",
    "ends_on",
)


class _Errors(dict[str, list[ValidationError]]):
    """Refusals collected field by field, raised together (a form shows them all at once)."""

    def add(self, field: str, message: str, code: str) -> None:
        self.setdefault(field, []).append(ValidationError(message, code=code))


def _instructor_errors(
    errors: _Errors, instructors: Sequence[User], organiser: Unit, place: Unit | None
) -> None:
    """Instructors are staff of the organiser or supervisors of a place of its area or of the
    group's place (``access.instructor_candidates``, the form's choices)."""
    if not instructors:
        return
    allowed = set(
        instructor_candidates([organiser], place)
        .filter(pk__in=[p.pk for p in instructors])
        .values_list("pk", flat=True)
    )
    for person in instructors:
        if person.pk not in allowed:
            errors.add(
                "instructors",
                _(
                    "%(name)s is not staff of %(unit)s or a supervisor of a place of its area, "
                    "and cannot instruct its group."
                )
                % {
                    "name": person.get_full_name() or person.get_username(),
                    "unit": organiser.display_name,
                },
                GroupError.NOT_INSTRUCTOR,
            )


def _partner_errors(
    errors: _Errors, partner: Partner | None, partner_name: str, *, current: int | None = None
) -> None:
    """The partner from the register, or the name of one not in it: not both; a partner no
    longer active is not chosen anew (one already linked stays)."""
    if partner is not None and partner_name.strip():
        errors.add(
            "partner_name",
            _(
                "%(partner)s is chosen from the register; leave the name of a partner not in "
                "the register empty."
            )
            % {"partner": partner.name},
            GroupError.PARTNER_TWICE,
        )
    if partner is not None and not partner.active and partner.pk != current:
        errors.add(
            "partner",
            _("%(partner)s is no longer an active partner.") % {"partner": partner.name},
            GroupError.PARTNER_INACTIVE,
        )


def _peak_enrolled(group: Group, first: dt.date, last: dt.date) -> tuple[int, dt.date | None]:
    """The most enrolments of ``group`` in force on one day between the dates, and that day."""
    spans = list(
        Enrolment.objects.filter(group=group, starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .values_list("starts_on", "ends_on")
    )
    peak, when = 0, None
    for day in sorted({max(start, first) for start, _end in spans}):
        count = sum(1 for start, end in spans if start <= day and (end is None or day <= end))
        if count > peak:
            peak, when = count, day
    return peak, when


@transaction.atomic
def group_update(
    *,
    actor: User,
    group: Group,
    version: int,
    name: str,
    description: str,
    starts_at: dt.time,
    ends_at: dt.time,
    capacity: int,
    ends_on: dt.date,
    instructors: Sequence[User],
    partner: Partner | None = None,
    partner_name: str = "",
    place: Unit | None = None,
    location: str = "",
    weekdays: str | None = None,
    starts_on: dt.date | None = None,
    sessions_moving: int | None = None,
) -> Group:
    """Edit a group (a worker of its organiser): its name, description, times, place and
    location, capacity, end date and instructors; its weekdays and start date (None: kept)
    only while it has no sessions. A new time moves the sessions still to come at the group's
    time (``selectors.session_time_change``); held ones and those at a time of their own
    stay. Nothing moves unseen: ``sessions_moving`` must be the number that moves, as the form
    told the user (``sessions_would_move`` otherwise, the message saying what would change).

    Every refusal at once: an empty name, the name of another group of the unit starting the
    same day, an end before the start (times or dates), a session or a participation after
    the new end or a participation before the new start, a capacity below the participants
    enrolled at the same time, an instructor who is not staff, weekdays or a start date
    changed once sessions exist (``fixed_by_sessions``), a moved session onto another one's
    time; a stale version (``edit_conflict``). Audited with old→new, each moved session too."""
    if not is_organiser_worker(actor, group):
        raise PermissionDenied
    refuse_null_characters(
        name=name, partner_name=partner_name, description=description, location=location
    )
    group = Group.objects.select_for_update().get(pk=group.pk)
    errors = _Errors()
    today = clock.today()
    change = selectors.session_time_change(group, today=today)
    has_sessions = bool(change.moving or change.own_time or change.held)
    new_weekdays = group.weekdays
    if weekdays is not None and "".join(sorted(set(weekdays))) != group.weekdays:
        new_weekdays = "".join(sorted(set(weekdays)))
        if has_sessions:
            errors.add("weekdays", fixed_by_sessions_message(), GroupError.FIXED_BY_SESSIONS)
        elif not new_weekdays or any(day not in "1234567" for day in new_weekdays):
            errors.add("weekdays", _("Choose the group's weekdays."), CommonError.REQUIRED)
    new_start = group.starts_on if starts_on is None else starts_on
    if new_start != group.starts_on:
        if has_sessions:
            errors.add("starts_on", fixed_by_sessions_message(), GroupError.FIXED_BY_SESSIONS)
        early = (
            Enrolment.objects.filter(group=group, starts_on__lt=new_start)
            .order_by("starts_on")
            .values_list("starts_on", flat=True)
            .first()
        )
        if early is not None:
            errors.add(
                "starts_on",
                _("A participation starts on %(date)s; the group cannot start after it.")
                % {"date": day_label(early)},
                GroupError.ENROLMENT_OUTSIDE_GROUP,
            )
    if not name.strip():
        errors.add("name", _("Give the group's name."), CommonError.REQUIRED)
    elif (
        Group.objects.filter(organiser=group.organiser, name=name.strip(), starts_on=new_start)
        .exclude(pk=group.pk)
        .exists()
    ):
        errors.add(
            "name",
            _("%(unit)s already has a group named %(name)s starting on %(date)s.")
            % {
                "unit": group.organiser.display_name,
                "name": name.strip(),
                "date": day_label(new_start),
            },
            CommonError.DUPLICATE,
        )
    moving: list[Session] = []
    if ends_at <= starts_at:
        errors.add(
            "ends_at", _("The group's time ends before it starts."), GroupError.ENDS_BEFORE_START
        )
    elif (starts_at, ends_at) != (group.starts_at, group.ends_at):
        moving = change.moving
        _moving_errors(errors, group, moving, starts_at, ends_at, sessions_moving)
    if ends_on < new_start:
        errors.add("ends_on", _("The group ends before it starts."), GroupError.ENDS_BEFORE_START)
    later = list(Session.objects.filter(group=group, day__gt=ends_on).values_list("day", flat=True))
    if later:
        errors.add(
            "ends_on",
            _("The group has sessions after that day (%(dates)s); it cannot end before them.")
            % {"dates": ", ".join(day_label(day) for day in sorted(later))},
            GroupError.SESSION_OUTSIDE_GROUP,
        )
    outlasting = Enrolment.objects.filter(group=group).filter(
        Q(ends_on__gt=ends_on) | Q(starts_on__gt=ends_on)
    )
    if outlasting.exists():
        last = max(max(e.starts_on, e.ends_on or e.starts_on) for e in outlasting)
        errors.add(
            "ends_on",
            _("A participation lasts until %(date)s; the group cannot end before it.")
            % {"date": day_label(last)},
            GroupError.ENROLMENT_OUTSIDE_GROUP,
        )
    peak, when = _peak_enrolled(group, new_start, max(ends_on, new_start))
    if capacity < 1:
        errors.add("capacity", _("The group needs room for at least one."), CommonError.REQUIRED)
    elif when is not None and capacity < peak:
        errors.add(
            "capacity",
            _(
                "%(count)s participants are enrolled at the same time (on %(date)s); the "
                "capacity cannot be smaller."
            )
            % {"count": peak, "date": day_label(when)},
            GroupError.CAPACITY_FULL,
        )
    _instructor_errors(errors, instructors, group.organiser, place)
    _partner_errors(errors, partner, partner_name, current=group.partner_id)
    if errors:
        raise ValidationError(dict(errors))
    fields = list(EDITABLE_FIELDS)
    before = audit.snapshot(group, fields)
    old_instructors = sorted(group.instructors.values_list("pk", flat=True))
    values: dict[str, Any] = {
        "name": name.strip(),
        "partner": partner,
        "partner_name": partner_name.strip(),
        "description": description.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
        "location": location.strip(),
        "capacity": capacity,
        "ends_on": ends_on,
        "weekdays": new_weekdays,
        "starts_on": new_start,
    }
    for field, value in values.items():
        setattr(group, field, value)
    group.full_clean(validate_constraints=False)
    changes = audit.diff(before, group, fields)
    save_versioned(group, expected=version, fields=fields)
    new_instructors = sorted(p.pk for p in instructors)
    if new_instructors != old_instructors:
        group.instructors.set(instructors)
        changes["instructors"] = (old_instructors, new_instructors)
    audit.record_change(actor=actor, record=group, what=GroupEvent.GROUP, changes=changes)
    for session in moving:
        expected = session.version
        old = (session.starts_at, session.ends_at)
        session.starts_at, session.ends_at = starts_at, ends_at
        save_versioned(session, expected=expected, fields=["starts_at", "ends_at"])
        audit.record_change(
            actor=actor,
            record=session,
            what=GroupEvent.SESSION,
            changes={"starts_at": (old[0], starts_at), "ends_at": (old[1], ends_at)},
        )
    return group


def fixed_by_sessions_message() -> str:
    """Why the weekdays and the start date cannot change once the group has sessions, and
    what to do instead: the form shows it by the fields, the service on a refusal."""
    return _(
        "The weekdays and the start date cannot be changed once the group has sessions: the "
        "sessions and their attendance are on those days. To meet on other weekdays, end this "
        "group after its last session (the end date) and add a new group with the new "
        "weekdays, and enrol the participants in it. The time can be changed here: the "
        "sessions still to come move with it."
    )


def sessions_moving_message(count: int, starts_at: dt.time, ends_at: dt.time) -> str:
    """What a new time does, said before it is saved."""
    return ngettext(
        "%(count)s future session moves to %(time)s; held sessions stay as they were.",
        "%(count)s future sessions move to %(time)s; held sessions stay as they were.",
        count,
    ) % {"count": count, "time": rules.time_span(starts_at, ends_at)}


def _moving_errors(
    errors: _Errors,
    group: Group,
    moving: Sequence[Session],
    starts_at: dt.time,
    ends_at: dt.time,
    confirmed: int | None,
) -> None:
    """A new time: the sessions that move must be the number the user was told, and none may
    land on another session of the same day at the new start."""
    if not moving:
        return
    taken = sorted(
        Session.objects.filter(group=group, day__in=[s.day for s in moving], starts_at=starts_at)
        .exclude(pk__in=[s.pk for s in moving])
        .values_list("day", flat=True)
    )
    if taken:
        errors.add(
            "starts_at",
            _(
                "On %(dates)s the group already has another session starting at %(time)s; "
                "choose another time."
            )
            % {
                "dates": ", ".join(day_label(d) for d in taken),
                "time": rules.time_label(starts_at),
            },
            GroupError.SESSION_TIME_TAKEN,
        )
    elif confirmed != len(moving):
        errors.add(
            "starts_at",
            sessions_moving_message(len(moving), starts_at, ends_at),
            GroupError.SESSIONS_WOULD_MOVE,
        )


@transaction.atomic
def session_add(
    *,
    actor: User,
    group: Group,
    day: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    theme: str,
    submission: uuid.UUID | None = None,
) -> Session:
    """Add a session with its theme. Every refusal at once: no theme, a day outside the
    group's dates or on a weekday the group does not meet, an end before the start; then a
    second session of the group at the same time. The same form sent twice (``submission``,
    its one-time token) gets the session it already added."""
    require_manager_of_group(actor, group)
    done = _session_submitted(group, submission)
    if done is not None:
        return done
    refuse_null_characters(theme=theme)
    errors = _Errors()
    if not theme.strip():
        errors.add("theme", _("Give the session's theme."), CommonError.REQUIRED)
    if not group.starts_on <= day <= group.ends_on:
        errors.add(
            "day",
            _("%(date)s is outside the group's dates %(first)s–%(last)s.")
            % {
                "date": day_label(day),
                "first": day_label(group.starts_on),
                "last": day_label(group.ends_on),
            },
            GroupError.SESSION_OUTSIDE_GROUP,
        )
    if day.isoweekday() not in group.weekday_numbers:
        errors.add(
            "day",
            _("%(date)s is a %(weekday)s; the group meets on %(weekdays)s.")
            % {
                "date": day_label(day),
                "weekday": str(WEEKDAY_LABELS[day.isoweekday()]),
                "weekdays": group.weekday_labels,
            },
            GroupError.NOT_A_GROUP_WEEKDAY,
        )
    if ends_at <= starts_at:
        errors.add("ends_at", _("The session ends before it starts."), GroupError.ENDS_BEFORE_START)
    if errors:
        raise ValidationError(dict(errors))
    session = Session(
        group=group,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        theme=theme.strip(),
        submission=submission,
    )
    session.full_clean(validate_constraints=False, exclude=["submission"])
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        done = _session_submitted(group, submission)  # the same form's first send won
        if done is not None:
            return done
        raise field_error(
            "day",
            _("The group already has a session at that time."),
            CommonError.DUPLICATE,
        ) from None
    audit.record_change(
        actor=actor,
        record=session,
        what=GroupEvent.SESSION,
        changes={
            "day": (None, day),
            "starts_at": (None, starts_at),
            "ends_at": (None, ends_at),
            "theme": (None, session.theme),
        },
    )
    participants = Enrolment.objects.filter(group=group, starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    for enrolment in participants.select_related("client"):
        client_reported_absences_apply(actor=actor, enrolment=enrolment, session=session)
    return session


def _session_submitted(group: Group, submission: uuid.UUID | None) -> Session | None:
    """The session of ``group`` the form with this one-time token already added, if any."""
    if submission is None:
        return None
    return Session.objects.filter(submission=submission, group=group).first()


@transaction.atomic
def session_feedback_record(
    *, actor: User, session: Session, feedback_note: str, version: int
) -> Session:
    """The instructor's note of the group's feedback on a session (mid-point, end)."""
    require_manager_of_group(actor, session.group)
    refuse_null_characters(feedback_note=feedback_note)
    audit.model_update(
        actor=actor,
        obj=session,
        version=version,
        data={"feedback_note": feedback_note.strip()},
        what=GroupEvent.SESSION,
    )
    return session


FEEDBACK_FIELDS = ("given_on", "said", "works", "change")


def _feedback_errors(
    group: Group, kind: str, given_on: dt.date | None, texts: dict[str, str], today: dt.date
) -> dict[str, list[ValidationError]]:
    """Every refusal of a feedback round at once: the empty parts, each named, and a date in
    the future or before the sessions it is about (mid-point: on or after the first session,
    within the group; end: on or after the last session, or the group's end date when it has
    no sessions)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    missing = {
        "said": _("Write what the participants said."),
        "works": _("Write what works in the group."),
        "change": _("Write what should change (or that nothing should)."),
    }
    for field, message in missing.items():
        if not texts[field].strip():
            add(field, message, CommonError.REQUIRED)
    if given_on is None:
        add("given_on", _("Give the date of the feedback round."), CommonError.REQUIRED)
        return errors
    if given_on > today:
        add("given_on", _("The feedback round cannot be dated in the future."), CommonError.FUTURE)
        return errors
    days = list(Session.objects.filter(group=group).order_by("day").values_list("day", flat=True))
    if kind == FeedbackKind.MID:
        if not days or given_on < days[0]:
            add(
                "given_on",
                _("The mid-point feedback is given after the first session has taken place.")
                if not days
                else _("The mid-point feedback is given on or after the first session, %(date)s.")
                % {"date": day_label(days[0])},
                GroupError.FEEDBACK_TOO_EARLY,
            )
        elif given_on > group.ends_on:
            add(
                "given_on",
                _("The mid-point feedback is given before the group ends on %(date)s.")
                % {"date": day_label(group.ends_on)},
                GroupError.FEEDBACK_TOO_EARLY,
            )
    else:
        last = days[-1] if days else group.ends_on
        if given_on < last:
            add(
                "given_on",
                _("The end feedback is given on or after the last session, %(date)s.")
                % {"date": day_label(last)}
                if days
                else _("The end feedback is given on or after the group's end date, %(date)s.")
                % {"date": day_label(last)},
                GroupError.FEEDBACK_TOO_EARLY,
            )
    return errors


@transaction.atomic
def feedback_record(
    *,
    actor: User,
    group: Group,
    kind: str,
    given_on: dt.date | None,
    said: str,
    works: str,
    change: str,
    version: int | None,
) -> GroupFeedback:
    """Record the group's feedback round at the mid-point or at the end (one of each per
    group): an instructor or a worker of the organiser. Every refusal at once; a round
    someone saved meanwhile is never overwritten (``version`` is the one seen, None when
    there was none)."""
    require_manager_of_group(actor, group)
    if kind not in FeedbackKind.values:
        raise field_error("kind", _("Choose the feedback round."), CommonError.REQUIRED)
    refuse_null_characters(said=said, works=works, change=change)
    texts = {"said": said, "works": works, "change": change}
    errors = _feedback_errors(group, kind, given_on, texts, clock.today())
    if errors or given_on is None:
        raise ValidationError(errors)
    values: dict[str, Any] = {"given_on": given_on, **{k: v.strip() for k, v in texts.items()}}
    existing = GroupFeedback.objects.filter(group=group, kind=kind).first()
    if existing is None:
        if version is not None:
            raise _feedback_conflict()
        feedback = GroupFeedback(group=group, kind=kind, recorded_by=actor, **values)
        feedback.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                feedback.save()
        except IntegrityError:
            raise _feedback_conflict() from None
        audit.record_change(
            actor=actor,
            record=feedback,
            what=GroupEvent.FEEDBACK,
            changes={"kind": (None, kind), **{k: (None, v) for k, v in values.items()}},
        )
        return feedback
    if version is None:
        raise EditConflict(existing)
    audit.model_update(
        actor=actor,
        obj=existing,
        version=version,
        data={**values, "recorded_by": actor},
        what=GroupEvent.FEEDBACK,
    )
    return existing


def _feedback_conflict() -> ValidationError:
    return ValidationError(
        _(
            "Someone recorded this feedback round meanwhile. Nothing was overwritten; your text "
            "is still in the form. Check the saved one and save again if it should change."
        ),
        code=CommonError.EDIT_CONFLICT,
    )


def enrolled_count(
    group: Group, first: dt.date, last: dt.date, *, exclude: int | None = None
) -> int:
    """The enrolments of ``group`` in force on some day between ``first`` and ``last``."""
    rows = Enrolment.objects.filter(group=group, starts_on__lte=last).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first)
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return rows.count()


def _enrolment_week_days(
    group: Group, client_id: int, starts_on: dt.date, last: dt.date
) -> tuple[list[dt.date], list[dt.date]]:
    """The days of the calendar weeks of a kuty participation to be: the group's (its
    weekdays between the dates, and its sessions there) and the client's other planned days
    in those weeks (the weekdays of their place periods not cancelled, and the sessions of
    the other groups they are kuty participants of: ``participation.other_planned_days``, the
    same source period planning counts)."""
    first_monday = rules.monday(starts_on)
    last_sunday = rules.monday(last) + dt.timedelta(days=6)
    weekdays = [n - 1 for n in group.weekday_numbers]
    group_days = set(period_rules.period_dates(starts_on, last, weekdays))
    group_days |= set(
        Session.objects.filter(group=group, day__range=(starts_on, last)).values_list(
            "day", flat=True
        )
    )
    periods = (
        Period.objects.filter(
            relationship__client_id=client_id,
            starts_on__lte=last_sunday,
            ends_on__gte=first_monday,
        )
        .exclude(status=PeriodStatus.CANCELLED)
        .values_list("starts_on", "ends_on", "weekdays")
    )
    other = [
        day
        for p_start, p_end, p_weekdays in periods
        for day in period_rules.period_dates(
            max(p_start, first_monday),
            min(p_end, last_sunday),
            [int(n) - 1 for n in p_weekdays],
        )
    ]
    other += other_planned_days(client_id, first_monday, last_sunday)
    return other, sorted(group_days)


def _enrolment_checks(
    group: Group,
    *,
    relationship: ClientRelationship | None,
    status: str | None,
    agreed_on: dt.date | None,
    agreement: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    other_service: str | None,
    compensation: str | None,
    today: dt.date,
) -> tuple[_Errors, Any]:
    """Every refusal of an enrolment at once, for the values given (None: not given, not
    judged), and the signed activation plan of a kuty participant."""
    errors = _Errors()
    plan = None
    if relationship is not None and relationship.ended_on is not None:
        errors.add(
            "relationship", _("The client relationship has ended."), GroupError.RELATIONSHIP_ENDED
        )
    if status == LegalStatus.KUTY:
        if group.kind != GroupKind.KUTY:
            errors.add(
                "status",
                _(
                    "%(group)s is not group-form rehabilitative work activity: its participants "
                    "take part through another service."
                )
                % {"group": group.name},
                GroupError.KUTY_NOT_IN_GROUP,
            )
        elif relationship is not None:
            plan = current_plan(relationship)
            if plan is None:
                errors.add(
                    "status",
                    _(
                        "A kuty participant takes part under a signed activation plan; the "
                        "client has none yet (189/2001 §§ 5–9)."
                    ),
                    GroupError.PLAN_NEEDED,
                )
        if compensation and compensation not in CompensationBasis.values:
            errors.add("compensation", _("Choose the compensation."), CommonError.REQUIRED)
    elif status == LegalStatus.OTHER_SERVICE:
        if other_service is not None and not other_service.strip():
            errors.add(
                "other_service",
                _("Name the service the person takes part through."),
                CommonError.REQUIRED,
            )
    elif status is not None:
        errors.add("status", _("Choose the legal status."), CommonError.REQUIRED)
    if agreement is not None and not agreement.strip():
        errors.add("agreement", _("Write what was agreed."), CommonError.REQUIRED)
    if agreed_on is not None:
        if agreed_on > today:
            errors.add(
                "agreed_on", _("The agreement's date cannot be in the future."), CommonError.FUTURE
            )
        elif relationship is not None and agreed_on < relationship.started_on:
            errors.add(
                "agreed_on",
                _("The agreement cannot be dated before the client relationship began on %(date)s.")
                % {"date": day_label(relationship.started_on)},
                CommonError.PAST,
            )
    outside = _("The participation must fall within the group's dates %(first)s–%(last)s.") % {
        "first": day_label(group.starts_on),
        "last": day_label(group.ends_on),
    }
    span_ok = starts_on is not None
    if starts_on is not None:
        if not group.starts_on <= starts_on <= group.ends_on:
            errors.add("starts_on", outside, GroupError.ENROLMENT_OUTSIDE_GROUP)
            span_ok = False
        elif relationship is not None and starts_on < relationship.started_on:
            errors.add(
                "starts_on",
                _(
                    "The participation cannot start before the client relationship began on "
                    "%(date)s."
                )
                % {"date": day_label(relationship.started_on)},
                CommonError.PAST,
            )
    if ends_on is not None:
        if ends_on > group.ends_on:
            errors.add("ends_on", outside, GroupError.ENROLMENT_OUTSIDE_GROUP)
            span_ok = False
        elif starts_on is not None and ends_on < starts_on:
            errors.add(
                "ends_on",
                _("The participation ends before it starts."),
                GroupError.ENDS_BEFORE_START,
            )
            span_ok = False
    if relationship is not None and (
        Enrolment.objects.filter(group=group, client_id=relationship.client_id).exists()
    ):
        errors.add(
            "relationship",
            _("The client is already enrolled in %(group)s.") % {"group": group.name},
            GroupError.ALREADY_ENROLLED,
        )
    if span_ok and starts_on is not None:
        last = ends_on or group.ends_on
        if enrolled_count(group, starts_on, last) >= group.capacity:
            # The whole form's refusal, not the start date's: no other date makes room.
            errors.add(NON_FIELD_ERRORS, full_group_message(group), GroupError.CAPACITY_FULL)
        if plan is not None and relationship is not None:
            other, group_days = _enrolment_week_days(group, relationship.client_id, starts_on, last)
            try:
                rules.check_enrolment_weeks(
                    other, group_days, limits=period_rules.limits_on(starts_on)
                )
            except ValidationError as error:
                error.update_error_dict(errors)
    return errors, plan


def full_group_message(group: Group) -> str:
    """That the group is full, naming its capacity and what can be done."""
    return ngettext(
        "%(group)s is full: its %(capacity)s place is taken. A worker of %(organiser)s can "
        "raise the capacity by editing the group.",
        "%(group)s is full: all its %(capacity)s places are taken. A worker of %(organiser)s "
        "can raise the capacity by editing the group.",
        group.capacity,
    ) % {"group": group.name, "capacity": group.capacity, "organiser": group.organiser.display_name}


def enrolment_add_errors(
    group: Group,
    *,
    relationship: ClientRelationship | None = None,
    status: str | None = None,
    agreed_on: dt.date | None = None,
    agreement: str | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    other_service: str | None = None,
    compensation: str | None = None,
) -> dict[str, list[ValidationError]]:
    """Every refusal of enrolling a client in ``group`` at once, for the values given (None:
    not given, not judged), so that the form shows them together with its own (see
    ``enrolment_add``)."""
    errors, _plan = _enrolment_checks(
        group,
        relationship=relationship,
        status=status,
        agreed_on=agreed_on,
        agreement=agreement,
        starts_on=starts_on,
        ends_on=ends_on,
        other_service=other_service,
        compensation=compensation,
        today=clock.today(),
    )
    return dict(errors)


@transaction.atomic
def enrolment_add(
    *,
    actor: User,
    group: Group,
    relationship: ClientRelationship,
    status: str,
    agreed_on: dt.date,
    agreement: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    other_service: str = "",
    compensation: str = "",
    travel_compensation: bool = False,
    submission: uuid.UUID | None = None,
) -> Enrolment:
    """Enrol the client of ``relationship`` in ``group``: the responsible worker (or a
    colleague covering) does, with the legal status and the agreement. Every refusal at once
    (``enrolment_add_errors``): an ended relationship, kuty status in a group that is not kuty
    or without a signed activation plan, another service not named, dates outside the group's
    or before the relationship, an agreement in the future or empty, a full group, a client
    already in the group, and for a kuty participant more days in a calendar week than
    allowed with their place periods' and other groups' planned days (189/2001 §13 b).
    The same form sent twice (``submission``, its one-time token) gets the enrolment it
    already made, not a refusal of a client already enrolled or of a full group."""
    require_caseworker(actor, relationship)
    refuse_null_characters(agreement=agreement, other_service=other_service)
    group = Group.objects.select_for_update().get(pk=group.pk)
    # After the lock: the first send of the same form has committed by now, if it was first.
    done = _enrolment_submitted(group, relationship, submission)
    if done is not None:
        return done
    errors, plan = _enrolment_checks(
        group,
        relationship=relationship,
        status=status,
        agreed_on=agreed_on,
        agreement=agreement,
        starts_on=starts_on,
        ends_on=ends_on,
        other_service=other_service,
        compensation=compensation,
        today=clock.today(),
    )
    if errors:
        raise ValidationError(dict(errors))
    if status == LegalStatus.KUTY:
        other_service = ""
    else:
        compensation, travel_compensation = "", False
    enrolment = Enrolment(
        group=group,
        client_id=relationship.client_id,
        relationship=relationship,
        status=status,
        plan=plan,
        other_service=other_service.strip(),
        responsible_worker_id=relationship.responsible_worker_id or actor.pk,
        agreed_on=agreed_on,
        agreement=agreement.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        compensation=compensation,
        travel_compensation=travel_compensation,
        submission=submission,
    )
    enrolment.full_clean(validate_constraints=False, exclude=["submission"])
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        done = _enrolment_submitted(group, relationship, submission)
        if done is not None:
            return done
        raise _already_enrolled(group) from None
    fields = (
        "status",
        "plan",
        "other_service",
        "responsible_worker",
        "agreed_on",
        "agreement",
        "starts_on",
        "ends_on",
        "compensation",
        "travel_compensation",
    )
    audit.record_change(
        actor=actor,
        record=enrolment,
        client=relationship.client,
        what=GroupEvent.ENROLMENT,
        changes={
            "group": (None, group.pk),
            **{f: (None, getattr(enrolment, f)) for f in fields if getattr(enrolment, f)},
        },
    )
    client_reported_absences_apply(actor=actor, enrolment=enrolment)
    return enrolment


@transaction.atomic
def client_reported_absences_apply(
    *, actor: User, enrolment: Enrolment, session: Session | None = None
) -> list[SessionAttendance]:
    """The one rule of a client's own absence report (SPEC §6): it marks every session of
    their groups on that day, whichever came first. A report made before the enrolment (or
    before the session was added: ``session``, from ``session_add``) marks here each session
    from today on (within the participation) on a day the
    client reported themself away at a place (``AttendanceDay`` reported via OmaPolku), with
    the same reason, notice and message, as the client's report (``recorded_by`` the client,
    as ``groups.portal.session_absence_report`` writes it). A session already marked is left
    as it is. The enrolling worker (or the one adding the session) is the audited actor."""
    user_id = enrolment.client.user_id
    if user_id is None:
        return []
    reported = {
        row.day: row
        for row in AttendanceDay.objects.filter(
            relationship__client_id=enrolment.client_id,
            status=PlaceDayStatus.ABSENT,
            reported_via=Source.CLIENT,
            reported_by_id=user_id,
            day__gte=max(enrolment.starts_on, clock.today()),
        ).order_by("day", "pk")
        if enrolment.ends_on is None or row.day <= enrolment.ends_on
    }
    if not reported:
        return []
    marked = SessionAttendance.objects.filter(enrolment=enrolment).values_list(
        "session_id", flat=True
    )
    sessions = Session.objects.filter(group_id=enrolment.group_id, day__in=list(reported)).exclude(
        pk__in=list(marked)
    )
    if session is not None:
        sessions = sessions.filter(pk=session.pk)
    made = []
    for session in sessions.order_by("day", "starts_at", "pk"):
        told = reported[session.day]
        mark = SessionAttendance.objects.create(
            session=session,
            enrolment=enrolment,
            status=SessionStatus.ABSENT,
            reason=told.reason,
            notice=told.notice,
            note=told.note,
            recorded_by_id=user_id,
        )
        audit.record_change(
            actor=actor,
            record=mark,
            client=enrolment.client,
            what=GroupEvent.ATTENDANCE,
            changes={
                "session": (None, session.pk),
                "status": (None, mark.status),
                "reason": (None, mark.reason),
                "notice": (None, mark.notice),
                "reported_via": (None, "client"),
            },
        )
        made.append(mark)
    return made


def enrolment_end_errors(
    enrolment: Enrolment, ends_on: dt.date | None, reason: str
) -> dict[str, list[ValidationError]]:
    """Every refusal of ending ``enrolment`` early on ``ends_on`` at once: no reason; no
    date; a date before the start, after the group's end, or not earlier than the planned
    end; a date before a session the person was marked at (present or absent: their marks
    are never deleted, the end must come after them)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not reason.strip():
        add("reason", _("Write why the participation ends early."), CommonError.REQUIRED)
    if ends_on is None:
        add("ends_on", _("Give the last day of the participation."), CommonError.REQUIRED)
        return errors
    group = enrolment.group
    planned = enrolment.ends_on or group.ends_on
    if ends_on < enrolment.starts_on:
        add(
            "ends_on",
            _("The participation began on %(date)s; it cannot end before that.")
            % {"date": day_label(enrolment.starts_on)},
            GroupError.ENDS_BEFORE_START,
        )
    elif ends_on > group.ends_on:
        add(
            "ends_on",
            _("The group ends on %(date)s; the participation cannot end after it.")
            % {"date": day_label(group.ends_on)},
            GroupError.ENROLMENT_OUTSIDE_GROUP,
        )
    elif ends_on >= planned:
        add(
            "ends_on",
            _("The participation ends on %(date)s already; choose an earlier day.")
            % {"date": day_label(planned)},
            GroupError.ENDS_ALREADY,
        )
    later = list(
        SessionAttendance.objects.filter(enrolment=enrolment, session__day__gt=ends_on)
        .order_by("session__day")
        .values_list("session__day", "status")
    )
    if later:
        present = [day for day, status in later if status == SessionStatus.PRESENT]
        last = later[-1][0]
        if present:
            message = _(
                "The person was marked present on %(date)s; the participation ends on "
                "%(last)s at the earliest."
            ) % {"date": day_label(present[-1]), "last": day_label(last)}
        else:
            message = _(
                "The person's attendance is marked on %(dates)s, after that day. Marks are not "
                "deleted: end the participation on %(last)s or later."
            ) % {"dates": ", ".join(day_label(day) for day, _s in later), "last": day_label(last)}
        add("ends_on", message, GroupError.MARKS_AFTER_END)
    return errors


@transaction.atomic
def enrolment_end(
    *, actor: User, enrolment: Enrolment, ends_on: dt.date | None, reason: str, version: int
) -> Enrolment:
    """End a participation early (the client's responsible worker or a colleague covering,
    as for enrolling): from the day after ``ends_on`` the person is on no session's list, and
    the group's sessions after it are no planned days of theirs. Every refusal at once
    (``enrolment_end_errors``); a stale version is refused (``edit_conflict``)."""
    require_caseworker(actor, enrolment.relationship)
    refuse_null_characters(reason=reason)
    errors = enrolment_end_errors(enrolment, ends_on, reason)
    if errors or ends_on is None:
        raise ValidationError(errors)
    audit.model_update(
        actor=actor,
        obj=enrolment,
        version=version,
        data={"ends_on": ends_on, "end_reason": reason.strip()},
        what=GroupEvent.ENROLMENT_END,
        client=enrolment.client,
    )
    return enrolment


def _enrolment_submitted(
    group: Group, relationship: ClientRelationship, submission: uuid.UUID | None
) -> Enrolment | None:
    """The enrolment the form with this one-time token already made, if any."""
    if submission is None:
        return None
    return Enrolment.objects.filter(
        submission=submission, group=group, relationship=relationship
    ).first()


def _already_enrolled(group: Group) -> ValidationError:
    return field_error(
        "relationship",
        _("The client is already enrolled in %(group)s.") % {"group": group.name},
        GroupError.ALREADY_ENROLLED,
    )


# --- Attendance per session ------------------------------------------------------------------


@dataclass(frozen=True)
class MarkEntry:
    """What one participant's mark of a session should become; ``version`` is the version the
    person saw, None when they saw no mark."""

    enrolment: Enrolment
    status: str
    hours: Decimal | None = None
    reason: str = ""
    notice: str = ""
    version: int | None = None


MARK_FIELDS = ("status", "hours", "reason", "notice")


def _check_mark(entry: MarkEntry, session: Session, today: dt.date) -> Decimal | None:
    enrolment = entry.enrolment
    day = session.day
    if enrolment.group_id != session.group_id or not (
        enrolment.starts_on <= day and (enrolment.ends_on is None or day <= enrolment.ends_on)
    ):
        raise field_error(
            "status",
            _("The person is not in the group on %(date)s.") % {"date": day_label(day)},
            GroupError.NOT_ENROLLED_ON_DAY,
        )
    if entry.status == SessionStatus.PRESENT:
        if day > today:
            raise field_error(
                "status",
                _("Present is recorded on the session's day or after it."),
                GroupError.FUTURE_SESSION,
            )
        hours = entry.hours or rules.session_hours(session.starts_at, session.ends_at)
        limits = period_rules.limits_on(day)
        if hours <= 0:
            raise field_error("hours", _("Give the hours of the day."), CommonError.REQUIRED)
        rules.check_hours_of_day(hours, Decimal(0), limits=limits)
        return hours
    if entry.status == SessionStatus.ABSENT:
        if entry.reason not in AbsenceReason.values:
            raise field_error(
                "reason", _("Choose the reason for the absence."), CommonError.REQUIRED
            )
        if entry.notice not in Notice.values:
            raise field_error(
                "notice", _("Say whether the absence was reported."), CommonError.REQUIRED
            )
        if day > today and entry.notice != Notice.IN_ADVANCE:
            raise field_error(
                "notice",
                _("Nothing is recorded for a future day, except an absence reported in advance."),
                GroupError.FUTURE_SESSION,
            )
        return None
    raise field_error("status", _("Choose present or absent."), CommonError.REQUIRED)


def session_child_illness_check(enrolment: Enrolment, session: Session) -> None:
    """An absence from ``session`` for a child's illness: at most 4 days in a row, the same
    rule as a day at a place and through the same function
    (``attendance.services.child_illness_check``). The run counts the client's days at a
    place (``attendance.services.place_run_days``) and the sessions of all their groups
    within their participation's dates, a day at a time: a day with a session or a place day
    not away for a child's illness (marked otherwise, or not marked yet) ends the run; a day
    with neither is passed over."""
    reach = dt.timedelta(days=CHILD_ILLNESS_REACH)
    first, last = session.day - reach, session.day + reach
    kinds = place_run_days(enrolment.client_id, first, last)
    enrolments = {
        row.group_id: row
        for row in Enrolment.objects.filter(
            client_id=enrolment.client_id, starts_on__lte=last
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
    }
    marks = {
        (mark.session_id, mark.enrolment_id): mark
        for mark in SessionAttendance.objects.filter(
            enrolment_id__in=[row.pk for row in enrolments.values()],
            session__day__range=(first, last),
        )
    }
    others = Session.objects.filter(
        group_id__in=list(enrolments), day__range=(first, last)
    ).exclude(pk=session.pk)
    for other in others:
        own = enrolments[other.group_id]
        if other.day < own.starts_on or (own.ends_on is not None and other.day > own.ends_on):
            continue
        mark = marks.get((other.pk, own.pk))
        child = (
            mark is not None
            and mark.status == SessionStatus.ABSENT
            and mark.reason == AbsenceReason.CHILD_ILLNESS
        )
        if kinds.get(other.day) != RunDay.OTHER:
            kinds[other.day] = RunDay.CHILD_ILLNESS if child else RunDay.OTHER
    child_illness_check(session.day, lambda day: kinds.get(day, RunDay.NOT_THEIRS))


def _check_kuty(enrolment: Enrolment, session: Session, hours: Decimal) -> None:
    """The kuty rules for a kuty participant's present session, the place's days and the
    group's together: the days of the calendar week, the hours of the day and the 178 days
    in any 12 months (189/2001 §13 b, §14 1 mom)."""
    day = session.day
    limits = period_rules.limits_on(day)
    client_id = enrolment.client_id
    periods = list(Period.objects.filter(relationship__client_id=client_id))
    days = set(participation_days(periods, client_id=client_id))
    # The other activity of the same day: present at a place, or another session.
    place_hours = AttendanceDay.objects.filter(
        relationship__client_id=client_id, day=day, status=PlaceDayStatus.PRESENT
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    group_hours = SessionAttendance.objects.filter(
        enrolment__client_id=client_id, session__day=day, status=SessionStatus.PRESENT
    ).exclude(session=session).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    rules.check_hours_of_day(hours, place_hours + group_hours, limits=limits)
    own = SessionAttendance.objects.filter(
        enrolment=enrolment, session=session, status=SessionStatus.PRESENT
    ).exists()
    if own:
        days.discard(day)  # this session's own day is being re-recorded
    if day in days:
        return  # already a participation day: no new day is added
    rules.check_days_in_week(days, day, limits=limits)
    try:
        period_rules.check_participation_days(days, [day], limits=limits, field="status")
    except ValidationError as error:
        raise ValidationError(
            {
                "status": [
                    ValidationError(e.message, code=GroupError.PARTICIPATION_DAYS, params=e.params)
                    for e in error.error_dict["status"]
                ]
            }
        ) from error


def _who(enrolment: Enrolment) -> str:
    client = enrolment.client
    return f"{client.first_name} {client.last_name}"


@transaction.atomic
def session_attendance_record(
    *, actor: User, session: Session, entries: Sequence[MarkEntry]
) -> list[SessionAttendance]:
    """Record the session's attendance, all or nothing: present with hours or absent with
    Kela's reason and whether it was reported, as at a place. For a kuty participant the
    kuty rules are applied with the place's days (the days of the week, the hours of the
    day, 178 days in 12 months); every refusal names the person and the rule. A mark someone
    saved meanwhile is never overwritten."""
    session = Session.objects.select_related("group").select_for_update().get(pk=session.pk)
    require_instructor(actor, session.group)
    today = clock.today()
    existing = {
        mark.enrolment_id: mark
        for mark in SessionAttendance.objects.filter(session=session).select_related("recorded_by")
    }
    saved: list[SessionAttendance] = []
    for entry in entries:
        enrolment = entry.enrolment
        try:
            saved_mark = _record_one(actor, session, entry, existing.get(enrolment.pk), today)
        except ValidationError as error:
            raise ValidationError(
                [
                    ValidationError(
                        "%(who)s: %(message)s",
                        params={"who": _who(enrolment), "message": message},
                        code=code,
                    )
                    for message, code in _messages_and_codes(error)
                ]
            ) from error
        if saved_mark is not None:
            saved.append(saved_mark)
    return saved


def _record_one(
    actor: User,
    session: Session,
    entry: MarkEntry,
    existing: SessionAttendance | None,
    today: dt.date,
) -> SessionAttendance | None:
    if existing is not None and entry.version != existing.version:
        if entry.version is None:
            raise field_error(
                "status",
                _(
                    "%(name)s recorded this meanwhile as “%(status)s”. Nothing was overwritten; "
                    "check and save again if it should change."
                )
                % {
                    "name": existing.recorded_by.get_full_name(),
                    "status": SessionStatus(existing.status).label,
                },
                CommonError.EDIT_CONFLICT,
            )
        raise EditConflict(existing)
    hours = _check_mark(entry, session, today)
    enrolment = entry.enrolment
    if entry.status == SessionStatus.ABSENT and entry.reason == AbsenceReason.CHILD_ILLNESS:
        session_child_illness_check(enrolment, session)
    if enrolment.is_kuty and hours is not None:
        _check_kuty(enrolment, session, hours)
    values: dict[str, Any] = {
        "status": entry.status,
        "hours": hours,
        "reason": entry.reason if entry.status == SessionStatus.ABSENT else "",
        "notice": entry.notice if entry.status == SessionStatus.ABSENT else "",
    }
    if existing is None:
        mark = SessionAttendance(session=session, enrolment=enrolment, recorded_by=actor, **values)
        mark.full_clean(validate_constraints=False)
        mark.save()
        changes = {k: (None, v) for k, v in values.items() if v not in ("", None)}
    else:
        before = audit.snapshot(existing, MARK_FIELDS)
        for name, value in values.items():
            setattr(existing, name, value)
        changes = audit.diff(before, existing, MARK_FIELDS)
        if not changes:
            return existing
        existing.recorded_by = actor
        save_versioned(existing, expected=existing.version, fields=[*MARK_FIELDS, "recorded_by"])
        mark = existing
    audit.record_change(
        actor=actor,
        record=mark,
        client=enrolment.client,
        what=GroupEvent.ATTENDANCE,
        changes={"session": (None, session.pk), **changes} if existing is None else changes,
    )
    return mark


def _messages_and_codes(error: ValidationError) -> list[tuple[str, str]]:
    items = (
        [item for field_items in error.error_dict.values() for item in field_items]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    result = []
    for item in items:
        message = item.message % item.params if item.params else item.message
        result.append((str(message), str(item.code or CommonError.REQUIRED)))
    return result


# --- The reminder before the start ------------------------------------------------------------

REMINDER_DAYS = 3  # the reminder goes out up to three days before the group starts


def reminders_due(*, today: dt.date) -> list[Group]:
    """Groups starting within ``REMINDER_DAYS`` days whose reminder has not gone out."""
    return list(
        Group.objects.filter(
            starts_on__gt=today,
            starts_on__lte=today + dt.timedelta(days=REMINDER_DAYS),
            reminder__isnull=True,
        )
        .select_related("place")
        .order_by("starts_on", "pk")
    )


@dataclass(frozen=True)
class Recipient:
    """One participant's address and language, nothing else of them."""

    email: str
    language: str


def reminder_recipients(group: Group) -> list[Recipient]:
    """The participants enrolled at the start who have an e-mail address (their own, or
    their OmaPolku login's). Counting is not reading: nothing is logged."""
    rows = (
        Enrolment.objects.filter(group=group, starts_on__lte=group.starts_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=group.starts_on))
        .select_related("client__user")
    )
    result = []
    for enrolment in rows:
        client = enrolment.client
        email = client.email or (client.user.email if client.user is not None else "")
        if email:
            result.append(Recipient(email=email, language=client.language or "fi"))
    return result


@transaction.atomic
def reminder_mark_sent(*, actor: User, group: Group, recipients: int) -> None:
    """That the group's reminder went out, once (the job runs as the system actor)."""
    from polku.groups.models import ReminderSent

    ReminderSent.objects.create(group=group, recipients=recipients)
    audit.record_change(
        actor=actor,
        record=group,
        what=GroupEvent.REMINDER,
        changes={"recipients": (None, recipients)},
    )
