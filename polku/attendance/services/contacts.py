"""The responsible worker's contact with the client about an absence (SPEC §4): recorded
with its date, channel and what was agreed. A contact dated on or after an absence handles
the work-queue alerts about it (``workitems.py``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.attendance.errors import AttendanceError
from polku.attendance.events import AttendanceEvent
from polku.attendance.models import AbsenceContact, AttendanceDay, ContactChannel, DayStatus
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.rules import day_label, not_in_future
from polku.placements.models import Period


@transaction.atomic
def absence_contact_record(
    *,
    actor: User,
    period: Period,
    absence: AttendanceDay | None,
    contacted_on: dt.date | None,
    channel: str,
    note: str = "",
) -> AbsenceContact:
    """Record a contact about ``absence`` (an absence of ``period``; None for the period's
    absences in general). Only the responsible worker or a colleague covering records it.
    Refused: no date, a date in the future, a date before the absence (or before the period
    began), a day that is not an absence of this period, a channel not on the list."""
    require_caseworker(actor, period.relationship)
    refuse_null_characters(note=note)
    if absence is not None and (
        absence.period_id != period.pk or absence.status != DayStatus.ABSENT
    ):
        raise field_error(
            "absence",
            _("Choose an absence of this period."),
            AttendanceError.NOT_AN_ABSENCE,
        )
    if contacted_on is None:
        raise field_error("contacted_on", _("Give the date of the contact."), CommonError.REQUIRED)
    not_in_future("contacted_on", contacted_on)
    bound = absence.day if absence is not None else period.starts_on
    if contacted_on < bound:
        message = (
            _("The contact cannot be dated before the absence of %(date)s.")
            if absence is not None
            else _("The contact cannot be dated before the period began on %(date)s.")
        )
        raise field_error(
            "contacted_on",
            message % {"date": day_label(bound)},
            AttendanceError.CONTACT_BEFORE_ABSENCE,
        )
    if channel not in ContactChannel.values:
        raise field_error(
            "channel", _("Choose how the client was contacted."), CommonError.REQUIRED
        )
    contact = AbsenceContact(
        period=period,
        absence=absence,
        contacted_on=contacted_on,
        channel=channel,
        note=note.strip(),
        recorded_by=actor,
    )
    contact.full_clean()
    contact.save()
    audit.record_change(
        actor=actor,
        record=contact,
        client=period.relationship.client,
        what=AttendanceEvent.CONTACT,
        changes={
            "absence": (None, absence.day.isoformat() if absence is not None else None),
            "contacted_on": (None, contacted_on),
            "channel": (None, channel),
            "note": (None, contact.note),
        },
    )
    return contact
