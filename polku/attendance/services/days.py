"""Recording a client's day: present with hours, absent with a reason, or moved by agreement
(SPEC §4). One record per client and day; a correction keeps the earlier value in the audit
trail with who and why; two people recording the same day never silently overwrite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.attendance import days as calendar_days
from polku.attendance.access import source_of
from polku.attendance.errors import AttendanceError
from polku.attendance.events import AttendanceEvent
from polku.attendance.models import (
    AbsenceReason,
    AttendanceDay,
    DayStatus,
    Interruption,
    Notice,
    Source,
)
from polku.audit import services as audit
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.rules import day_label
from polku.core.versioning import EditConflict
from polku.placements import rules as period_rules
from polku.placements.models import ClosedDay, Period, PeriodStatus, PlaceProfile
from polku.placements.participation import other_hours, participation_days

PLACE_DAYS_BACK = 14  # the place records today and the past 14 days (SPEC §4)
CHILD_ILLNESS_MAX_DAYS = 4  # Kela: a child's illness, at most 4 days in a row
FIELDS = (
    "status",
    "hours",
    "reason",
    "notice",
    "certificate_on",
    "moved_to",
    "note",
    "correction_reason",
)


@dataclass(frozen=True)
class DayEntry:
    """What one client's one day should become. ``version`` is the version the person saw, or
    None when they saw no record (then a record someone made meanwhile is not overwritten)."""

    period: Period
    day: dt.date
    status: str
    hours: Decimal | None = None
    reason: str = ""
    notice: str = ""
    certificate_on: dt.date | None = None
    moved_to: dt.date | None = None
    note: str = ""
    correction_reason: str = ""
    version: int | None = None


def _calendar(period: Period, first: dt.date, last: dt.date) -> calendar_days.PlaceCalendar:
    profile = PlaceProfile.objects.filter(place_id=period.place_id).first()
    closed = ClosedDay.objects.filter(profile__place_id=period.place_id, day__range=(first, last))
    return calendar_days.PlaceCalendar.of(profile, closed)


def _already_recorded(record: AttendanceDay) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s recorded %(date)s meanwhile as “%(status)s”. Nothing was overwritten; "
            "check the day and save again if it should change."
        )
        % {
            "name": record.recorded_by.get_full_name() or record.recorded_by.get_username(),
            "date": day_label(record.day),
            "status": DayStatus(record.status).label,
        },
        code=AttendanceError.ALREADY_RECORDED,
    )


def _check_who_and_when(
    source: Source, entry: DayEntry, existing: AttendanceDay | None, today: dt.date
) -> None:
    day = entry.day
    if source == Source.CLIENT:
        if entry.status != DayStatus.ABSENT:
            raise PermissionDenied
        if day < today:
            raise field_error(
                "day",
                _("You can report an absence for today or a later day."),
                CommonError.PAST,
            )
        if existing is not None:
            raise _already_recorded(existing)
        return
    if day > today and not (entry.status == DayStatus.ABSENT and entry.notice == Notice.IN_ADVANCE):
        raise field_error(
            "day",
            _("Nothing is recorded for a future day, except an absence reported in advance."),
            AttendanceError.FUTURE_DAY,
        )
    if source == Source.PLACE and day < today - dt.timedelta(days=PLACE_DAYS_BACK):
        raise field_error(
            "day",
            _(
                "The place records today and the past %(days)s days; the responsible worker "
                "corrects earlier days."
            )
            % {"days": PLACE_DAYS_BACK},
            AttendanceError.TOO_LATE_FOR_PLACE,
        )
    correcting = existing is not None and day < today
    late = source == Source.WORKER and day < today - dt.timedelta(days=PLACE_DAYS_BACK)
    if (correcting or late) and not entry.correction_reason.strip():
        raise field_error(
            "correction_reason",
            _("Say why the day of %(date)s is corrected.") % {"date": day_label(day)},
            AttendanceError.CORRECTION_REASON,
        )


def _check_filled(
    source: Source, entry: DayEntry, existing: AttendanceDay | None, today: dt.date
) -> None:
    """Every empty field the status needs, named at once: a correction that lacks both the
    reason for the absence and the reason for the correction says so in one answer rather
    than one field per save. The rules on the values follow in the other checks."""
    missing: dict[str, ValidationError] = {}
    if entry.status == DayStatus.ABSENT:
        if not entry.reason:
            missing["reason"] = ValidationError(
                _("Choose the reason for the absence."), code=AttendanceError.REASON_NOT_ALLOWED
            )
        if not entry.notice and source != Source.CLIENT:
            missing["notice"] = ValidationError(
                _("Say whether the absence was reported."), code=CommonError.REQUIRED
            )
    elif entry.status == DayStatus.MOVED and entry.moved_to is None:
        missing["moved_to"] = ValidationError(
            _("Give the day the participation day moves to."), code=CommonError.REQUIRED
        )
    if source != Source.CLIENT and not entry.correction_reason.strip():
        day = entry.day
        correcting = existing is not None and day < today
        late = source == Source.WORKER and day < today - dt.timedelta(days=PLACE_DAYS_BACK)
        if correcting or late:
            missing["correction_reason"] = ValidationError(
                _("Say why the day of %(date)s is corrected.") % {"date": day_label(day)},
                code=AttendanceError.CORRECTION_REASON,
            )
    if len(missing) > 1:
        raise ValidationError(missing)


def _check_day(
    entry: DayEntry, *, others: Sequence[AttendanceDay], stops: Sequence[Interruption]
) -> None:
    """The day is one of the client's days at the place: within the period, organised, not
    interrupted, on the schedule or a day moved to."""
    period, day = entry.period, entry.day
    if period.status == PeriodStatus.CANCELLED or not period.starts_on <= day <= period.ends_on:
        raise field_error(
            "day",
            _("%(date)s is not within the period %(first)s–%(last)s.")
            % {
                "date": day_label(day),
                "first": day_label(period.starts_on),
                "last": day_label(period.ends_on),
            },
            AttendanceError.OUTSIDE_PERIOD,
        )
    calendar = _calendar(period, day, day)
    cell = calendar_days.period_cells(
        period, day, day, calendar=calendar, records=others, interruptions=stops
    )[0]
    if cell.kind == calendar_days.CellKind.NOT_ORGANISED:
        raise field_error(
            "day",
            _("Work activity is not organised on %(date)s (%(why)s); it is not an absence.")
            % {"date": day_label(day), "why": cell.why},
            AttendanceError.NOT_ORGANISED,
        )
    if cell.kind == calendar_days.CellKind.INTERRUPTED:
        raise field_error(
            "day",
            _("The period is interrupted on %(date)s.") % {"date": day_label(day)},
            AttendanceError.INTERRUPTED,
        )
    if cell.kind == calendar_days.CellKind.NONE:
        raise field_error(
            "day",
            _(
                "%(date)s is not one of the client's days at the place; a day outside the "
                "schedule is not recorded (move a day by agreement instead)."
            )
            % {"date": day_label(day)},
            AttendanceError.NOT_SCHEDULED,
        )


def _check_content(
    entry: DayEntry,
    *,
    others: Sequence[AttendanceDay],
    stops: Sequence[Interruption],
    today: dt.date,
) -> Decimal | None:
    """The fields of the status; returns the hours to store."""
    status = entry.status
    if status not in DayStatus.values:
        raise field_error("status", _("Choose present, absent or moved."), CommonError.REQUIRED)
    if status == DayStatus.PRESENT:
        hours = entry.hours if entry.hours is not None else entry.period.hours_per_day
        limits = period_rules.limits_on(entry.day)
        if hours <= 0:
            raise field_error("hours", _("Give the hours of the day."), AttendanceError.NO_HOURS)
        if hours > limits.max_hours_per_day:
            raise field_error(
                "hours",
                _(
                    "A day of activity lasts at most %(max)s hours (189/2001 §14 1 mom; "
                    "872/2019 §5)."
                )
                % {"max": formats.number_format(limits.max_hours_per_day.normalize())},
                AttendanceError.TOO_MANY_HOURS,
            )
        return hours
    if status == DayStatus.ABSENT:
        if entry.reason not in AbsenceReason.values:
            raise field_error(
                "reason",
                _("Choose the reason for the absence."),
                AttendanceError.REASON_NOT_ALLOWED,
            )
        if entry.notice not in Notice.values:
            raise field_error(
                "notice", _("Say whether the absence was reported."), CommonError.REQUIRED
            )
        if entry.certificate_on is not None:
            if entry.reason not in (AbsenceReason.OWN_ILLNESS, AbsenceReason.CHILD_ILLNESS):
                raise field_error(
                    "certificate_on",
                    _("A certificate is recorded for an illness only."),
                    AttendanceError.REASON_NOT_ALLOWED,
                )
            if entry.certificate_on > today:
                raise field_error(
                    "certificate_on",
                    _("The certificate's date cannot be in the future."),
                    CommonError.FUTURE,
                )
        if entry.reason == AbsenceReason.CHILD_ILLNESS:
            _check_child_illness(entry, others=others, stops=stops)
        return None
    # Moved by agreement: the participation day moves to a free organised day of the period.
    target = entry.moved_to
    if target is None:
        raise field_error(
            "moved_to", _("Give the day the participation day moves to."), CommonError.REQUIRED
        )
    period = entry.period
    calendar = _calendar(period, target, target)
    taken = {row.day for row in others} | {
        row.moved_to for row in others if row.status == DayStatus.MOVED and row.moved_to
    }
    inside = period.starts_on <= target <= period.ends_on and target != entry.day
    free = (
        inside
        and calendar.not_organised(target) is None
        and target.isoweekday() not in period.weekday_numbers
        and target not in taken
        and not calendar_days.interrupted_on(stops, target)
    )
    if not free:
        raise field_error(
            "moved_to",
            _(
                "The day moved to must be an organised day within the period that is not "
                "already one of the client's days."
            ),
            AttendanceError.MOVED_TO_INVALID,
        )
    return None


class RunDay(StrEnum):
    """What a day is in a run of a child's illness (``child_illness_check``)."""

    CHILD_ILLNESS = "child_illness"  # away for a child's illness: counts
    OTHER = "other"  # one of the client's days, not away for a child's illness: ends the run
    NOT_THEIRS = "not_theirs"  # not one of the client's days (a weekend, a closure): passed over


CHILD_ILLNESS_REACH = 14  # how far the run is followed each way, in calendar days


def child_illness_check(
    day: dt.date, run_day: Callable[[dt.date], RunDay], *, field: str = "reason"
) -> None:
    """At most 4 days in a row of a child's illness (Kela): the run of child-illness days
    around ``day`` (an absence for a child's illness being recorded), counting over the days
    that are not the client's. ``run_day`` says what each other day is. The one rule for a
    day at a place (``_check_child_illness``) and a group session
    (``groups.services.session_child_illness_check``)."""
    count = 1
    for step in (-1, 1):
        other = day + dt.timedelta(days=step)
        for _i in range(CHILD_ILLNESS_REACH):
            kind = run_day(other)
            if kind == RunDay.CHILD_ILLNESS:
                count += 1
            elif kind == RunDay.OTHER:
                break
            other += dt.timedelta(days=step)
    if count > CHILD_ILLNESS_MAX_DAYS:
        raise field_error(
            field,
            _("A child's illness excuses at most %(max)s days in a row; this would be %(count)s.")
            % {"max": CHILD_ILLNESS_MAX_DAYS, "count": count},
            AttendanceError.CHILD_ILLNESS_TOO_LONG,
        )


def _run_day_of(record: AttendanceDay) -> RunDay:
    if record.status == DayStatus.ABSENT and record.reason == AbsenceReason.CHILD_ILLNESS:
        return RunDay.CHILD_ILLNESS
    return RunDay.OTHER


def _check_child_illness(
    entry: DayEntry, *, others: Sequence[AttendanceDay], stops: Sequence[Interruption]
) -> None:
    """A day at the place: the run of the period's days (``child_illness_check``); a day
    recorded otherwise or an expected day not recorded ends it."""
    period = entry.period
    by_day = {row.day: row for row in others}
    reach = dt.timedelta(days=CHILD_ILLNESS_REACH)
    calendar = _calendar(period, entry.day - reach, entry.day + reach)

    def run_day(day: dt.date) -> RunDay:
        row = by_day.get(day)
        if row is not None:
            return _run_day_of(row)
        cell = calendar_days.period_cell(
            period, day, calendar=calendar, records={}, moved_to=set(), interruptions=stops
        )
        return RunDay.OTHER if cell.kind == calendar_days.CellKind.EXPECTED else RunDay.NOT_THEIRS

    child_illness_check(entry.day, run_day)


def place_run_days(client_id: int, first: dt.date, last: dt.date) -> dict[dt.date, RunDay]:
    """The client's days at a place from ``first`` to ``last`` in a run of a child's illness
    (``child_illness_check``), for a group session's absence: a recorded day by its record, an
    expected day not recorded ends the run; a day that is not theirs at any place is left
    out. A constant number of queries per period."""
    periods = list(
        Period.objects.filter(
            relationship__client_id=client_id, starts_on__lte=last, ends_on__gte=first
        ).exclude(status=PeriodStatus.CANCELLED)
    )
    result: dict[dt.date, RunDay] = {}
    for period in periods:
        margin = dt.timedelta(days=42)  # a day moved to may be weeks from the day moved
        records = list(
            AttendanceDay.objects.filter(period=period, day__range=(first - margin, last + margin))
        )
        stops = list(Interruption.objects.filter(period=period))
        cells = calendar_days.period_cells(
            period,
            first,
            last,
            calendar=_calendar(period, first, last),
            records=records,
            interruptions=stops,
        )
        for cell in cells:
            if cell.kind == calendar_days.CellKind.RECORDED and cell.record is not None:
                kind = _run_day_of(cell.record)
            elif cell.kind == calendar_days.CellKind.EXPECTED:
                kind = RunDay.OTHER
            else:
                continue
            if result.get(cell.day) != RunDay.OTHER:
                result[cell.day] = kind
    return result


def _check_hours_elsewhere(entry: DayEntry, hours: Decimal | None) -> None:
    """A present day's hours and the client's hours in a kuty group that day (registered
    sources, ``placements.participation.other_hours``) keep within the day's maximum
    (189/2001 §14 1 mom; 872/2019 §5), whichever was recorded first."""
    if entry.status != DayStatus.PRESENT or hours is None:
        return
    elsewhere = other_hours(entry.period.relationship.client_id, entry.day)
    if not elsewhere:
        return
    limits = period_rules.limits_on(entry.day)
    if hours + elsewhere <= limits.max_hours_per_day:
        return
    raise field_error(
        "hours",
        _(
            "The client was in a group for %(elsewhere)s hours on %(date)s; with the place's "
            "%(hours)s hours the day would last over %(max)s hours (189/2001 §14 1 mom; "
            "872/2019 §5)."
        )
        % {
            "elsewhere": formats.number_format(elsewhere.normalize()),
            "date": day_label(entry.day),
            "hours": formats.number_format(hours.normalize()),
            "max": formats.number_format(limits.max_hours_per_day.normalize()),
        },
        AttendanceError.TOO_MANY_HOURS,
    )


def _check_participation(entry: DayEntry, existing: AttendanceDay | None) -> None:
    """Recording a present day the count did not hold yet (an absence turned present) must
    keep within 178 days in any 12 months, across all the client's periods."""
    if entry.status != DayStatus.PRESENT:
        return
    if existing is None or existing.status == DayStatus.PRESENT:
        return  # an expected unrecorded day is already counted
    periods = list(
        Period.objects.filter(relationship__client_id=entry.period.relationship.client_id)
    )
    client_id = entry.period.relationship.client_id
    days = [day for day in participation_days(periods, client_id=client_id) if day != entry.day]
    period_rules.check_participation_days(
        days, [entry.day], limits=period_rules.limits_on(entry.day), field="status"
    )


@transaction.atomic
def day_record(*, actor: User, entry: DayEntry) -> AttendanceDay:
    """Record or correct one day. Refused, with the rule named, for a day outside the period,
    a day that is not organised or not the client's, a future day (except an absence reported
    in advance), a day older than the place may record, hours over the daily maximum, a reason
    this person may not choose, a certificate dated in the future, a child's illness over 4
    days, a 179th participation day in 12 months; and when someone recorded the day
    meanwhile."""
    period = (
        Period.objects.select_related("relationship__client", "place")
        .select_for_update()
        .get(pk=entry.period.pk)
    )
    entry = DayEntry(**{**entry.__dict__, "period": period})
    source = source_of(actor, period)
    today = clock.today()
    refuse_null_characters(note=entry.note, correction_reason=entry.correction_reason)
    existing = (
        AttendanceDay.objects.select_related("recorded_by")
        .filter(relationship_id=period.relationship_id, day=entry.day)
        .first()
    )
    if existing is not None and existing.period_id != period.pk:
        raise _already_recorded(existing)
    if existing is None and entry.version is not None:
        raise field_error("day", _("The day's record no longer exists."), CommonError.EDIT_CONFLICT)
    if existing is not None:
        if entry.version is None:
            raise _already_recorded(existing)
        if entry.version != existing.version:
            raise EditConflict(existing)
    notice = entry.notice
    if entry.status == DayStatus.ABSENT and source == Source.CLIENT:
        notice = Notice.IN_ADVANCE if entry.day > today else Notice.ON_THE_DAY
    entry = DayEntry(
        **{**entry.__dict__, "notice": notice if entry.status == DayStatus.ABSENT else ""}
    )
    window = (entry.day - dt.timedelta(days=20), entry.day + dt.timedelta(days=20))
    others = list(
        AttendanceDay.objects.filter(period=period, day__range=window).exclude(day=entry.day)
    )
    stops = list(Interruption.objects.filter(period=period))
    _check_day(entry, others=others, stops=stops)
    _check_filled(source, entry, existing, today)
    _check_who_and_when(source, entry, existing, today)
    hours = _check_content(entry, others=others, stops=stops, today=today)
    _check_hours_elsewhere(entry, hours)
    _check_participation(entry, existing)
    values = {
        "status": entry.status,
        "hours": hours,
        "reason": entry.reason if entry.status == DayStatus.ABSENT else "",
        "notice": entry.notice,
        "certificate_on": entry.certificate_on if entry.status == DayStatus.ABSENT else None,
        "moved_to": entry.moved_to if entry.status == DayStatus.MOVED else None,
        "note": entry.note.strip(),
        "correction_reason": entry.correction_reason.strip() if existing is not None else "",
    }
    before_via = existing.recorded_via if existing is not None else None
    if existing is None:
        record = AttendanceDay(
            period=period,
            relationship_id=period.relationship_id,
            day=entry.day,
            reported_by=actor,
            reported_via=source,
            recorded_by=actor,
            recorded_via=source,
            **values,
        )
        record.full_clean()
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            raise _already_recorded(
                AttendanceDay.objects.select_related("recorded_by").get(
                    relationship_id=period.relationship_id, day=entry.day
                )
            ) from None
        changes: dict[str, tuple[Any, Any]] = {
            name: (None, value) for name, value in values.items() if value not in ("", None)
        }
    else:
        before = audit.snapshot(existing, FIELDS)
        for name, value in values.items():
            setattr(existing, name, value)
        existing.recorded_by = actor
        existing.recorded_via = source
        existing.full_clean()
        changes = audit.diff(before, existing, FIELDS)
        if not changes:
            return existing
        from polku.core.versioning import save_versioned

        save_versioned(
            existing,
            expected=existing.version,
            fields=[*FIELDS, "recorded_by", "recorded_via"],
        )
        record = existing
    changes["recorded_via"] = (before_via, source)
    audit.record_change(
        actor=actor,
        record=record,
        client=period.relationship.client,
        what=AttendanceEvent.DAY,
        changes=changes,
    )
    return record


@transaction.atomic
def week_record(*, actor: User, entries: Sequence[DayEntry]) -> list[AttendanceDay]:
    """Record many days in one transaction (the place's week grid): all or nothing. A refusal
    names the client and the day it concerns."""
    saved = []
    for entry in entries:
        try:
            saved.append(day_record(actor=actor, entry=entry))
        except ValidationError as error:
            who = entry.period.relationship.client.full_name
            raise ValidationError(
                [
                    ValidationError(
                        "%(who)s, %(date)s: %(message)s",
                        params={"who": who, "date": day_label(entry.day), "message": message},
                        code=code,
                    )
                    for message, code in _messages_and_codes(error)
                ]
            ) from error
    return saved


def _messages_and_codes(error: ValidationError) -> list[tuple[str, str]]:
    """Each message of ``error`` with its code, whether it holds fields or a list."""
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
