"""OmaPolku's writes: the client reports an absence (SPEC §4, §6 client portal).

The record is the attendance app's: one ``AttendanceDay`` a day, written by
``attendance.services.week_record`` with the client as the actor (``attendance.access.source_of``
finds the client), so the place and the responsible worker see it at once and it stays the
client's report after a staff correction. This module picks the client's days in the range and
words every refusal in plain language (*selkokieli*).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from polku.accounts.models import User
from polku.attendance.days import Cell, CellKind
from polku.attendance.errors import AttendanceError
from polku.attendance.models import AbsenceReason, AttendanceDay, DayStatus
from polku.attendance.services import DayEntry, week_record
from polku.clients.models import Client
from polku.core import clock
from polku.core.errors import CommonError, field_error
from polku.core.rules import day_label
from polku.placements.models import Period
from polku.portal import selectors

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


def _entries(
    periods: Sequence[Period], first: dt.date, last: dt.date, *, reason: str, note: str
) -> list[DayEntry]:
    """One absence for each of the client's days from ``first`` to ``last``. A day that is not
    theirs (a weekend, a holiday, not on their schedule) is passed over in a range; reported
    alone, it is refused with the reason. A day already marked is refused."""
    cells: dict[dt.date, tuple[Period, Cell]] = {}
    for period_days in selectors.period_days(periods, first, last):
        for cell in period_days.cells:
            if cell.kind != CellKind.OUTSIDE:
                cells.setdefault(cell.day, (period_days.period, cell))
    entries = []
    day = first
    while day <= last:
        found = cells.get(day)
        if found is None:
            if first == last:
                raise _plain(AttendanceError.NOT_SCHEDULED, day)
            day += dt.timedelta(days=1)
            continue
        period, cell = found
        if cell.kind == CellKind.RECORDED:
            raise _plain(AttendanceError.ALREADY_RECORDED, day)
        if cell.kind == CellKind.EXPECTED:
            entries.append(
                DayEntry(period=period, day=day, status=DayStatus.ABSENT, reason=reason, note=note)
            )
        elif first == last:
            code = {
                CellKind.NOT_ORGANISED: AttendanceError.NOT_ORGANISED,
                CellKind.INTERRUPTED: AttendanceError.INTERRUPTED,
            }.get(CellKind(cell.kind), AttendanceError.NOT_SCHEDULED)
            raise _plain(code, day, cell.why)
        day += dt.timedelta(days=1)
    if not entries:
        raise field_error(
            "first_day",
            pgettext(
                "client portal", "None of your days at the place is between %(first)s and %(last)s."
            )
            % {"first": day_label(first), "last": day_label(last)},
            AttendanceError.NOT_SCHEDULED,
        )
    return entries


@transaction.atomic
def absence_report(
    *,
    actor: User,
    client: Client,
    first_day: dt.date | None,
    last_day: dt.date | None = None,
    reason: str,
    note: str = "",
) -> list[AttendanceDay]:
    """The client reports an absence for today or a later day, or for several days (one record
    a day, all or nothing). Only the client themself reports here; the place and the worker
    record through the attendance pages."""
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
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
    entries = _entries(periods, first_day, last, reason=reason, note=note)
    try:
        return week_record(actor=actor, entries=entries)
    except ValidationError as error:
        # week_record names the client and the day; the client reads the first refusal
        # in plain words.
        item = error.error_list[0] if not hasattr(error, "error_dict") else None
        params = (item.params or {}) if item is not None else {}
        code = str(item.code) if item is not None and item.code else ""
        raise _plain(code, str(params.get("date", day_label(first_day)))) from error
