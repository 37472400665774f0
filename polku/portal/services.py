"""OmaPolku's writes: the client reports an absence (SPEC §4, §6 client portal); a worker
keeps their own phone hours, which their clients read on the start page.

The record of a day at a place is the attendance app's: one ``AttendanceDay`` a day, written by
``attendance.services.week_record`` with the client as the actor (``attendance.access.source_of``
finds the client), so the place and the responsible worker see it at once and it stays the
client's report after a staff correction. The record of a group session is the groups app's
``SessionAttendance``, written by ``groups.portal.session_absence_report`` with the client as
the actor, so the group's instructor sees it at once. This module picks the client's days and
sessions in the range and words every refusal in plain language (*selkokieli*).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import pgettext

from polku.accounts.models import User
from polku.accounts.roles import Role, roles_of
from polku.attendance.days import Cell, CellKind
from polku.attendance.errors import AttendanceError
from polku.attendance.models import AbsenceReason, AttendanceDay, DayStatus
from polku.attendance.services import DayEntry, week_record
from polku.audit import services as audit
from polku.clients.models import Client
from polku.core import clock
from polku.core.errors import CommonError, field_error
from polku.core.rules import day_label
from polku.groups.errors import GroupError
from polku.groups.models import SessionAttendance
from polku.groups.portal import ClientSession, client_sessions, session_absence_report
from polku.placements.models import Period
from polku.portal import selectors
from polku.portal.errors import PortalError
from polku.portal.events import PortalEvent
from polku.portal.models import AbsenceSubmission, ReachableTime
from polku.portal.phones import phone_error

MAX_DAYS = 31  # one report covers at most a month


def _plain(code: str, day: dt.date | str, why: str = "") -> ValidationError:
    """A refusal of ``day`` in plain language, on the field it concerns."""
    date = day if isinstance(day, str) else day_label(day)
    if code == AttendanceError.NOT_ORGANISED:
        message = pgettext(
            "client portal",
            "There is no work activity on %(date)s (%(why)s). You do not need to report it.",
        ) % {"date": date, "why": why}
        if not why:
            message = pgettext(
                "client portal",
                "There is no work activity on %(date)s. You do not need to report it.",
            ) % {"date": date}
        return field_error("first_day", message, code)
    if code in (AttendanceError.NOT_SCHEDULED, AttendanceError.OUTSIDE_PERIOD):
        return field_error(
            "first_day",
            pgettext("client portal", "%(date)s is not one of your days at the place.")
            % {"date": date},
            code,
        )
    if code == AttendanceError.INTERRUPTED:
        return field_error(
            "first_day",
            pgettext(
                "client portal",
                "Your work activity is on a break on %(date)s. Ask your worker about it.",
            )
            % {"date": date},
            code,
        )
    if code in (AttendanceError.ALREADY_RECORDED, CommonError.EDIT_CONFLICT):
        return field_error(
            "first_day",
            pgettext(
                "client portal",
                "%(date)s is already marked. If it is wrong, tell the place or your worker.",
            )
            % {"date": date},
            AttendanceError.ALREADY_RECORDED,
        )
    if code == CommonError.PAST:
        return field_error(
            "first_day",
            pgettext("client portal", "You can report today or a later day."),
            code,
        )
    if code == AttendanceError.CHILD_ILLNESS_TOO_LONG:
        return field_error(
            "reason",
            pgettext(
                "client portal",
                "A child's illness can be the reason for at most 4 days in a row.",
            ),
            code,
        )
    if code == AttendanceError.REASON_NOT_ALLOWED:
        return field_error("reason", pgettext("client portal", "Choose a reason."), code)
    return ValidationError(
        pgettext("client portal", "%(date)s could not be marked. Call the place or your worker.")
        % {"date": date},
        code=code,
    )


@dataclass(frozen=True, order=True)
class AlreadyMarked:
    """A day of the range already marked, at a place (its name) or at a group session
    (``group``: the group's name): the report leaves it as it is."""

    day: dt.date
    place: str = ""
    group: str = ""

    @property
    def label(self) -> str:
        """The day and where, in plain words: "17.3.2027 (Verstas)", "18.3.2027 (ryhmä X)"."""
        if self.group:
            return pgettext("client portal", "%(date)s (group %(name)s)") % {
                "date": day_label(self.day),
                "name": self.group,
            }
        return f"{day_label(self.day)} ({self.place})"


class SkipWhy:
    """Why a day of a range was passed over (``Skipped``)."""

    AFTER_END = "after_end"  # after the last day of the client's periods
    NOT_YOURS = "not_yours"  # not one of the client's days (nor a group day)


@dataclass(frozen=True, order=True)
class Skipped:
    """A day of a range that was not marked because there is nothing to mark on it: after
    the period's last day (``ends_on``) or not a day of the client's."""

    day: dt.date
    why: str
    ends_on: dt.date | None = None


def day_spans(days: Sequence[dt.date]) -> str:
    """Days as the client reads them, a run of days as one span: "26.4.2027–30.4.2027,
    3.5.2027"."""
    runs: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        day_label(run[0]) if len(run) == 1 else f"{day_label(run[0])}–{day_label(run[-1])}"
        for run in runs
    )


def _all_marked(already: Sequence[AlreadyMarked]) -> ValidationError:
    """Every day of the report was already marked: nothing to write."""
    days = sorted({item.day for item in already})
    if len(days) == 1:
        return _plain(AttendanceError.ALREADY_RECORDED, days[0])
    return field_error(
        "first_day",
        pgettext(
            "client portal",
            "These days are already marked: %(days)s. If something is wrong, tell the place "
            "or your worker.",
        )
        % {"days": ", ".join(day_label(day) for day in days)},
        AttendanceError.ALREADY_RECORDED,
    )


def _not_a_group_day(day: dt.date) -> ValidationError:
    return field_error(
        "first_day",
        pgettext("client portal", "%(date)s is not one of your group days.")
        % {"date": day_label(day)},
        AttendanceError.NOT_SCHEDULED,
    )


def _outside(
    periods: Sequence[Period], day: dt.date, *, has_groups: bool = False
) -> ValidationError | None:
    """The refusal of a day outside every period of the client, naming the periods' dates;
    ``None`` when the day is within one."""
    if any(p.starts_on <= day <= p.ends_on for p in periods):
        return None
    if not periods and has_groups:
        return _not_a_group_day(day)
    if not periods:
        return field_error(
            "first_day",
            pgettext(
                "client portal",
                "You have no work activity period now, so there is nothing to report. "
                "Ask your worker.",
            ),
            AttendanceError.OUTSIDE_PERIOD,
        )
    dates = ", ".join(f"{day_label(p.starts_on)}–{day_label(p.ends_on)}" for p in periods)
    return field_error(
        "first_day",
        pgettext(
            "client portal",
            "%(date)s is not in your work activity period. Your period: %(dates)s.",
        )
        % {"date": day_label(day), "dates": dates},
        AttendanceError.OUTSIDE_PERIOD,
    )


def _entries(
    periods: Sequence[Period],
    first: dt.date,
    last: dt.date,
    *,
    reason: str,
    note: str,
    session_days: frozenset[dt.date] = frozenset(),
    has_groups: bool = False,
) -> tuple[list[DayEntry], list[AlreadyMarked], list[Skipped]]:
    """One absence for each of the client's days at a place from ``first`` to ``last``, and
    the days already marked (left as they are). A day that is not theirs (a weekend, a
    holiday, not on their schedule) is passed over in a range; reported alone, it is refused
    with the reason, unless they have a group session that day (``session_days``: the session
    is reported instead). The days of a range passed over are returned too (``Skipped``), so
    the client is told which days were not marked and why; weekends that are not one of
    their days go unsaid."""
    cells: dict[dt.date, tuple[Period, Cell]] = {}
    for period_days in selectors.period_days(periods, first, last):
        for cell in period_days.cells:
            if cell.kind != CellKind.OUTSIDE:
                cells.setdefault(cell.day, (period_days.period, cell))
    entries = []
    already: list[AlreadyMarked] = []
    skipped: list[Skipped] = []
    ends_on = max((p.ends_on for p in periods), default=None)
    day = first
    while day <= last:
        found = cells.get(day)
        if found is None:
            if first == last and day not in session_days:
                raise _outside(periods, day, has_groups=has_groups) or _plain(
                    AttendanceError.NOT_SCHEDULED, day
                )
            if day not in session_days:
                skipped += _skipped(day, ends_on)
            day += dt.timedelta(days=1)
            continue
        period, cell = found
        if cell.kind == CellKind.RECORDED:
            already.append(AlreadyMarked(day, period.place.display_name))
        elif cell.kind == CellKind.EXPECTED:
            entries.append(
                DayEntry(period=period, day=day, status=DayStatus.ABSENT, reason=reason, note=note)
            )
        elif first == last and day not in session_days:
            code = {
                CellKind.NOT_ORGANISED: AttendanceError.NOT_ORGANISED,
                CellKind.INTERRUPTED: AttendanceError.INTERRUPTED,
            }.get(CellKind(cell.kind), AttendanceError.NOT_SCHEDULED)
            raise _plain(code, day, cell.why)
        elif day not in session_days:
            skipped += _skipped(day, None)
        day += dt.timedelta(days=1)
    if not entries and not session_days and not already:
        if not periods and has_groups:
            raise field_error(
                "first_day",
                pgettext(
                    "client portal", "None of your group days is between %(first)s and %(last)s."
                )
                % {"first": day_label(first), "last": day_label(last)},
                AttendanceError.NOT_SCHEDULED,
            )
        if not any(first <= p.ends_on and p.starts_on <= last for p in periods):
            raise _outside(periods, first) or _plain(AttendanceError.NOT_SCHEDULED, first)
        raise field_error(
            "first_day",
            pgettext(
                "client portal", "None of your days at the place is between %(first)s and %(last)s."
            )
            % {"first": day_label(first), "last": day_label(last)},
            AttendanceError.NOT_SCHEDULED,
        )
    return entries, already, skipped


def _skipped(day: dt.date, ends_on: dt.date | None) -> list[Skipped]:
    """``day`` passed over in a range: after the periods' last day, or not the client's day
    (a Saturday or a Sunday of that kind goes unsaid)."""
    if ends_on is not None and day > ends_on:
        return [Skipped(day, SkipWhy.AFTER_END, ends_on)]
    if day.isoweekday() >= 6:
        return []
    return [Skipped(day, SkipWhy.NOT_YOURS)]


@dataclass(frozen=True)
class Reported:
    """What one report marked: the days at a place and the group sessions; and the days in
    the range that were already marked, left as they were (``already``)."""

    days: list[AttendanceDay]
    marks: list[SessionAttendance]
    already: list[AlreadyMarked] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def as_json(self) -> dict[str, list[Any]]:
        """What ``AbsenceSubmission.result`` keeps of it."""
        return {
            "days": [record.pk for record in self.days],
            "marks": [mark.pk for mark in self.marks],
            "already": [[item.day.isoformat(), item.place, item.group] for item in self.already],
            "skipped": [
                [item.day.isoformat(), item.why, item.ends_on.isoformat() if item.ends_on else None]
                for item in self.skipped
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reported:
        """The report an earlier sending of the same form made (``as_json``)."""
        return cls(
            days=list(AttendanceDay.objects.filter(pk__in=data.get("days", [])).order_by("day")),
            marks=list(
                SessionAttendance.objects.filter(pk__in=data.get("marks", []))
                .select_related("session")
                .order_by("session__day")
            ),
            already=[
                AlreadyMarked(dt.date.fromisoformat(day), place, group)
                for day, place, group in data.get("already", [])
            ],
            skipped=[
                Skipped(
                    dt.date.fromisoformat(day), why, dt.date.fromisoformat(ends) if ends else None
                )
                for day, why, ends in data.get("skipped", [])
            ],
        )

    @property
    def dates(self) -> list[dt.date]:
        return sorted({record.day for record in self.days} | {m.session.day for m in self.marks})


def _session_marks(
    actor: User, sessions: Sequence[ClientSession], *, reason: str, note: str
) -> list[SessionAttendance]:
    """The client's absence from each of ``sessions`` (``groups.portal``); the service refuses
    a session marked meanwhile."""
    marks = []
    for item in sessions:
        try:
            marks.append(
                session_absence_report(
                    actor=actor,
                    enrolment=item.enrolment,
                    session=item.session,
                    reason=reason,
                    note=note,
                )
            )
        except ValidationError as error:
            codes = {str(e.code) for errors in error.error_dict.values() for e in errors}
            code = next(iter(codes), "")
            if code == GroupError.NOT_ENROLLED_ON_DAY:
                code = AttendanceError.NOT_SCHEDULED
            raise _plain(code, item.day) from error
    return marks


@transaction.atomic
def absence_report(
    *,
    actor: User,
    client: Client,
    first_day: dt.date | None,
    last_day: dt.date | None = None,
    reason: str,
    note: str = "",
    submission: uuid.UUID | None = None,
) -> Reported:
    """The client reports an absence for today or a later day, or for several days (one record
    a day at the place, one mark a group session, all or nothing). A day with both a place day
    and a group session marks both. A day or a session of the range already marked is left as
    it is (never written over) and named in ``Reported.already``; the free ones are marked.
    Only when nothing is free is the report refused (``already_recorded``). The days of a
    range with nothing to mark (after the period's last day, not the client's day) are named
    in ``Reported.skipped``. Only the client themself reports here; the place, the worker and
    the group's instructors record through their own pages. ``submission`` is the form's
    one-time token: the same form sent twice (a double click) marks once and gets the first
    sending's report again, not the refusal "already marked"."""
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
    token: AbsenceSubmission | None = None
    if submission is not None:
        done = _submitted(client, submission)
        if done is not None:
            return done
        token = AbsenceSubmission(submission=submission, client=client, created_at=clock.now())
        try:
            with transaction.atomic():
                token.save()
        except IntegrityError:
            # The first sending holds the token until it commits; its report is read then.
            done = _submitted(client, submission)
            if done is None:
                raise
            return done
    reported = _report(
        actor=actor, client=client, first_day=first_day, last_day=last_day, reason=reason, note=note
    )
    if token is not None:
        token.result = reported.as_json()
        token.save(update_fields=["result"])
    return reported


def _submitted(client: Client, submission: uuid.UUID) -> Reported | None:
    """The report the sending of the form with the token ``submission`` made, if any."""
    row = AbsenceSubmission.objects.filter(submission=submission).first()
    if row is None:
        return None
    if row.client_id != client.pk:
        raise PermissionDenied
    return Reported.from_json(row.result)


def _report(
    *,
    actor: User,
    client: Client,
    first_day: dt.date | None,
    last_day: dt.date | None,
    reason: str,
    note: str,
) -> Reported:
    """``absence_report`` once the token is taken."""
    if first_day is None:
        missing = {
            "first_day": ValidationError(
                pgettext("client portal", "Choose the day."), code=CommonError.REQUIRED
            )
        }
        if reason not in AbsenceReason.values:  # say at once everything still missing
            missing["reason"] = ValidationError(
                pgettext("client portal", "Choose a reason."),
                code=AttendanceError.REASON_NOT_ALLOWED,
            )
        raise ValidationError(missing)
    last = last_day or first_day
    if last < first_day:
        raise field_error(
            "last_day",
            pgettext("client portal", "The last day is before the first day."),
            AttendanceError.DATE_ORDER,
        )
    if (last - first_day).days >= MAX_DAYS:
        raise field_error(
            "last_day",
            pgettext("client portal", "You can report at most %(days)s days at a time.")
            % {"days": MAX_DAYS},
            AttendanceError.DATE_ORDER,
        )
    if first_day < clock.today():
        raise _plain(CommonError.PAST, first_day)
    if reason not in AbsenceReason.values:
        raise _plain(AttendanceError.REASON_NOT_ALLOWED, first_day)
    periods = selectors.current_periods(client)
    has_groups = bool(selectors.group_schedules(client))
    sessions = client_sessions(client.pk, first_day, last, open_only=True) if has_groups else []
    entries, already, skipped = _entries(
        periods,
        first_day,
        last,
        reason=reason,
        note=note,
        session_days=frozenset(item.day for item in sessions),
        has_groups=has_groups,
    )
    # A session already marked is left as it is, as a day at a place is: the free days are
    # marked and the client is told which were not.
    already += [
        AlreadyMarked(item.day, group=item.session.group.name)
        for item in sessions
        if item.mark is not None
    ]
    sessions = [item for item in sessions if item.mark is None]
    if not entries and not sessions:
        raise _all_marked(already)
    try:
        days = week_record(actor=actor, entries=entries) if entries else []
    except ValidationError as error:
        # week_record names the client and the day; the client reads the first refusal
        # in plain words.
        item = error.error_list[0] if not hasattr(error, "error_dict") else None
        params = (item.params or {}) if item is not None else {}
        code = str(item.code) if item is not None and item.code else ""
        raise _plain(code, str(params.get("date", day_label(first_day)))) from error
    return Reported(
        days,
        _session_marks(actor, sessions, reason=reason, note=note),
        sorted(already),
        sorted(skipped),
    )


def _weekdays_checked(weekdays: Sequence[int | str]) -> str:
    """ISO weekday numbers as stored ("124"), in order; anything but 1–7, or a day twice, is
    refused."""
    try:
        numbers = [int(day) for day in weekdays]
    except (TypeError, ValueError):
        numbers = [0]
    if any(not 1 <= day <= 7 for day in numbers) or len(set(numbers)) != len(numbers):
        raise field_error(
            "weekdays",
            pgettext("phone hours", "Choose the days from Monday to Sunday, each day once."),
            PortalError.WEEKDAYS,
        )
    return "".join(str(day) for day in sorted(numbers))


@transaction.atomic
def reachable_time_save(
    *,
    actor: User,
    phone: str,
    weekdays: Sequence[int | str],
    starts_at: dt.time | None,
    ends_at: dt.time | None,
) -> ReachableTime:
    """A worker keeps their own direct phone and phone hours (``ReachableTime``), which their
    clients read on OmaPolku. Only a user with the worker role, and only their own row. Days
    and hours go together (either both or neither), and the hours end after they start. The
    change is audited (old → new of each field); a save that changes nothing writes nothing."""
    if Role.WORKER not in roles_of(actor):
        raise PermissionDenied
    days = _weekdays_checked(weekdays)
    errors: dict[str, ValidationError] = {}
    not_a_number = phone_error(phone)
    if not_a_number is not None:
        errors["phone"] = not_a_number
    if (starts_at is None) != (ends_at is None) or (days and starts_at is None):
        missing = "ends_at" if starts_at is not None else "starts_at"
        errors[missing] = ValidationError(
            pgettext("phone hours", "Give both the start and the end of your phone hours."),
            code=PortalError.HOURS_INCOMPLETE,
        )
    elif starts_at is not None and not days:
        errors["weekdays"] = ValidationError(
            pgettext("phone hours", "Choose at least one day for your phone hours."),
            code=PortalError.HOURS_INCOMPLETE,
        )
    elif starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = ValidationError(
            pgettext("phone hours", "The phone hours must end after they start."),
            code=PortalError.HOURS_ORDER,
        )
    if errors:
        raise ValidationError(errors)
    row = ReachableTime.objects.select_for_update().filter(user=actor).first() or ReachableTime(
        user=actor, weekdays=""
    )
    before = {
        "phone": row.phone,
        "weekdays": row.weekdays,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
    }
    after = {"phone": phone.strip(), "weekdays": days, "starts_at": starts_at, "ends_at": ends_at}
    if row.pk is None:
        before = dict.fromkeys(before)
    changes = {name: (before[name], after[name]) for name in after if before[name] != after[name]}
    for name, value in after.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    audit.record_change(actor=actor, record=row, changes=changes, what=PortalEvent.PHONE_HOURS)
    return row
