"""The place's own days: closures and holidays marked for the whole place in one action (SPEC
§4). A closed day is not organised (*palvelua ei järjestetä*), never an absence."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.attendance.access import require_place_supervisor
from polku.attendance.days import dates
from polku.attendance.errors import AttendanceError
from polku.attendance.events import AttendanceEvent
from polku.attendance.models import AttendanceDay
from polku.audit import services as audit
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.rules import day_label
from polku.placements.models import ClosedDay, PlaceProfile

MAX_CLOSURE_DAYS = 92  # one action marks at most three months (a summer closure)


@transaction.atomic
def place_close(
    *, actor: User, place: Unit, first_day: dt.date | None, last_day: dt.date | None, reason: str
) -> list[ClosedDay]:
    """Mark ``first_day``–``last_day`` closed at ``place`` with ``reason``. Days already
    closed are kept as they are. Refused when a client's day in the range is already recorded
    (correct those first: a closure would silently turn them into days not organised)."""
    require_place_supervisor(actor, place)
    refuse_null_characters(reason=reason)
    if first_day is None or last_day is None:
        missing = [n for n, v in (("first_day", first_day), ("last_day", last_day)) if v is None]
        raise ValidationError(
            {
                name: ValidationError(_("Give the date."), code=CommonError.REQUIRED)
                for name in missing
            }
        )
    if last_day < first_day:
        raise field_error(
            "last_day", _("The last day is before the first."), AttendanceError.DATE_ORDER
        )
    if (last_day - first_day).days >= MAX_CLOSURE_DAYS:
        raise field_error(
            "last_day",
            _("Mark at most %(days)s days at a time.") % {"days": MAX_CLOSURE_DAYS},
            AttendanceError.DATE_ORDER,
        )
    if not reason.strip():
        raise field_error(
            "reason", _("Give the reason, e.g. summer closure."), CommonError.REQUIRED
        )
    profile, _created = PlaceProfile.objects.get_or_create(place=place)
    recorded = sorted(
        set(
            AttendanceDay.objects.filter(
                period__place=place, day__range=(first_day, last_day)
            ).values_list("day", flat=True)
        )
    )
    if recorded:
        raise field_error(
            "first_day",
            _(
                "Attendance is already recorded on %(days)s. Correct those days first: a "
                "closure would make them days when work activity is not organised."
            )
            % {"days": ", ".join(day_label(day) for day in recorded)},
            AttendanceError.DAY_HAS_ATTENDANCE,
        )
    have = set(
        ClosedDay.objects.filter(profile=profile, day__range=(first_day, last_day)).values_list(
            "day", flat=True
        )
    )
    rows = [
        ClosedDay(profile=profile, day=day, reason=reason.strip())
        for day in dates(first_day, last_day)
        if day not in have
    ]
    ClosedDay.objects.bulk_create(rows)
    if rows:
        audit.record_change(
            actor=actor,
            record=profile,
            what=AttendanceEvent.CLOSED_DAYS,
            changes={
                "closed_days": (None, [row.day.isoformat() for row in rows]),
                "reason": (None, reason.strip()),
            },
        )
    return rows
