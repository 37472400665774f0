"""Interruption (*keskeytyminen*, SPEC §2 S11): the place or the responsible worker reports it
with a reason, who initiated it and what happened; the worker clarifies with the client and
resolves it: the period resumes on a date, or ends. The reason as told to the place is shared
with the place. Days from the start of the interruption to the resumption are not expected
(``days.interrupted_on``); an ended period's last day becomes the day it ends."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.attendance.access import source_of
from polku.attendance.errors import AttendanceError
from polku.attendance.events import AttendanceEvent
from polku.attendance.models import (
    AttendanceDay,
    DayStatus,
    Initiator,
    Interruption,
    InterruptionOutcome,
    InterruptionReason,
    Notice,
    Source,
)
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.core import clock
from polku.core.errors import CommonError, field_error, fields_error, refuse_null_characters
from polku.core.rules import day_label, not_in_future
from polku.placements.models import Period, PeriodStatus

REPORT_FIELDS = ("starts_on", "reason", "initiated_by", "description")
RESOLVE_FIELDS = ("clarification", "outcome", "resolved_on", "shared_with_place")


def _locked_period(period: Period) -> Period:
    return (
        Period.objects.select_related("relationship__client", "place")
        .select_for_update()
        .get(pk=period.pk)
    )


@transaction.atomic
def interruption_report(
    *,
    actor: User,
    period: Period,
    starts_on: dt.date | None,
    reason: str,
    initiated_by: str,
    description: str = "",
) -> Interruption:
    """Report an interruption of ``period`` from ``starts_on``: the supervisor of the period's
    place or the responsible worker (or a colleague covering). Refused: a period that is not
    under way, an interruption already open, a start outside the period or in the future, a
    start on or before a day already recorded (the recorded days stay as they are: start the
    interruption after them), a reason or initiator not on the list.

    Absences reported in advance for days after today are plans, not records of what
    happened: an interruption from an earlier day replaces them. They are removed, each with
    a change event keeping what it said, and ``interruption.replaced_absences`` tells the page
    how many, so the user is told."""
    period = _locked_period(period)
    if source_of(actor, period) not in (Source.WORKER, Source.PLACE):
        raise PermissionDenied
    refuse_null_characters(description=description)
    if period.status in (PeriodStatus.CANCELLED, PeriodStatus.ENDED):
        raise field_error(
            "starts_on",
            _("The period is not under way."),
            AttendanceError.PERIOD_NOT_UNDER_WAY,
        )
    if Interruption.objects.filter(period=period, outcome="").exists():
        raise field_error(
            "starts_on",
            _("The period already has an open interruption; the responsible worker resolves it."),
            AttendanceError.INTERRUPTION_OPEN,
        )
    missing = [
        name
        for name, value in (
            ("starts_on", starts_on),
            ("reason", reason),
            ("initiated_by", initiated_by),
        )
        if not value
    ]
    if missing or starts_on is None:
        raise fields_error(missing, _("This is needed."), CommonError.REQUIRED)
    if reason not in InterruptionReason.values:
        raise field_error("reason", _("Choose the reason."), CommonError.REQUIRED)
    if initiated_by not in Initiator.values:
        raise field_error("initiated_by", _("Choose who initiated it."), CommonError.REQUIRED)
    not_in_future("starts_on", starts_on)
    if not period.starts_on <= starts_on <= period.ends_on:
        raise field_error(
            "starts_on",
            _("%(date)s is not within the period %(first)s–%(last)s.")
            % {
                "date": day_label(starts_on),
                "first": day_label(period.starts_on),
                "last": day_label(period.ends_on),
            },
            AttendanceError.OUTSIDE_PERIOD,
        )
    today = clock.today()
    ahead = AttendanceDay.objects.filter(
        period=period,
        day__gte=starts_on,
        day__gt=today,
        status=DayStatus.ABSENT,
        notice=Notice.IN_ADVANCE,
    )
    last = (
        AttendanceDay.objects.filter(period=period, day__gte=starts_on)
        .exclude(pk__in=ahead.values("pk"))
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    if last is not None:
        raise field_error(
            "starts_on",
            _(
                "Attendance is already recorded up to %(date)s. The interruption starts after "
                "the last recorded day."
            )
            % {"date": day_label(last)},
            AttendanceError.DAY_HAS_ATTENDANCE,
        )
    interruption = Interruption(
        period=period,
        starts_on=starts_on,
        reason=reason,
        initiated_by=initiated_by,
        description=description.strip(),
        reported_by=actor,
    )
    interruption.full_clean()
    interruption.save()
    audit.record_change(
        actor=actor,
        record=interruption,
        client=period.relationship.client,
        what=AttendanceEvent.INTERRUPTION,
        changes={name: (None, getattr(interruption, name)) for name in REPORT_FIELDS},
    )
    replaced = list(ahead.order_by("day"))
    for day in replaced:
        audit.record_change(
            actor=actor,
            record=day,
            client=period.relationship.client,
            what=AttendanceEvent.DAY,
            changes={
                "day": (day.day, None),
                "status": (day.status, None),
                "reason": (day.reason, None),
                "notice": (day.notice, None),
                "note": (day.note or None, None),
            },
        )
    AttendanceDay.objects.filter(pk__in=[day.pk for day in replaced]).delete()
    interruption.replaced_absences = len(replaced)
    return interruption


@transaction.atomic
def interruption_resolve(
    *,
    actor: User,
    interruption: Interruption,
    version: int,
    clarification: str,
    outcome: str,
    resolved_on: dt.date | None,
    shared_with_place: str,
) -> Interruption:
    """The responsible worker (or a colleague covering) records what was clarified with the
    client and resolves the interruption: the period resumes on ``resolved_on`` (the first day
    expected again) or ends on it (its last day; the days after it are no longer the
    client's, and from the day after, the place no longer sees the client). The reason as told
    to the place is shared with the place. Refused: an interruption already resolved, an empty
    clarification or shared reason, a date before the interruption or after the period."""
    period = _locked_period(interruption.period)
    require_caseworker(actor, period.relationship)
    refuse_null_characters(clarification=clarification, shared_with_place=shared_with_place)
    current = Interruption.objects.get(pk=interruption.pk)
    if current.outcome:
        raise field_error(
            "outcome",
            _("The interruption was already resolved."),
            AttendanceError.INTERRUPTION_CLOSED,
        )
    texts = {"clarification": clarification, "shared_with_place": shared_with_place}
    missing = [name for name, value in texts.items() if not value.strip()]
    if outcome not in InterruptionOutcome.values:
        missing.append("outcome")
    if resolved_on is None:
        missing.append("resolved_on")
    if missing or resolved_on is None:
        raise fields_error(missing, _("This is needed."), CommonError.REQUIRED)
    if resolved_on < current.starts_on:
        raise field_error(
            "resolved_on",
            _("The date cannot be before the interruption began on %(date)s.")
            % {"date": day_label(current.starts_on)},
            AttendanceError.DATE_ORDER,
        )
    if resolved_on > period.ends_on:
        raise field_error(
            "resolved_on",
            _("The date is after the period's last day, %(date)s.")
            % {"date": day_label(period.ends_on)},
            AttendanceError.OUTSIDE_PERIOD,
        )
    audit.model_update(
        actor=actor,
        obj=current,
        version=version,
        data={
            "clarification": clarification.strip(),
            "outcome": outcome,
            "resolved_on": resolved_on,
            "shared_with_place": shared_with_place.strip(),
            "resolved_by": actor,
        },
        what=AttendanceEvent.INTERRUPTION_RESOLVED,
        client=period.relationship.client,
    )
    if outcome == InterruptionOutcome.ENDED:
        data: dict[str, object] = {"ends_on": resolved_on}
        if resolved_on < clock.today():
            data["status"] = PeriodStatus.ENDED
        audit.model_update(
            actor=actor,
            obj=period,
            version=period.version,
            data=data,
            what=AttendanceEvent.PERIOD_ENDED,
            client=period.relationship.client,
        )
    return current
