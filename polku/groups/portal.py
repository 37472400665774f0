"""The client's own group days, for OmaPolku (SPEC §6 client portal, §7): the sessions of the
groups a client takes part in, with their marks, and the absence the client reports for a
session themself.

``portal`` sits above ``groups`` in the layers (``pyproject.toml``), so OmaPolku calls these
directly; they are kept in their own module, apart from the instructors' and the workers'
services. The client's report is the session's ``SessionAttendance`` row, as an instructor's
mark is, with the client's message in its ``note``: the instructor sees both on the session
page at once, and a mark is never written over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.attendance.errors import AttendanceError
from polku.attendance.models import AbsenceReason, Notice
from polku.audit import services as audit
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.rules import day_label
from polku.groups.errors import GroupError
from polku.groups.events import GroupEvent
from polku.groups.models import Enrolment, Session, SessionAttendance, SessionStatus
from polku.groups.services import session_child_illness_check


@dataclass(frozen=True)
class ClientSession:
    """One session of a group the client takes part in, on a day of their participation,
    with their mark (None when nobody has marked it yet)."""

    session: Session
    enrolment: Enrolment
    mark: SessionAttendance | None

    @property
    def day(self) -> dt.date:
        return self.session.day

    @property
    def reported_by_client(self) -> bool:
        """The client marked it themself (from OmaPolku) and nobody has changed it since."""
        return self.mark is not None and self.mark.recorded_by_id == self.enrolment.client.user_id


def _enrolments(
    client_id: int, first: dt.date, last: dt.date, *, open_only: bool
) -> list[Enrolment]:
    rows = Enrolment.objects.filter(client_id=client_id, starts_on__lte=last).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first)
    )
    if open_only:
        rows = rows.filter(relationship__ended_on__isnull=True)
    return list(rows.select_related("group", "client", "relationship"))


def client_sessions(
    client_id: int, first: dt.date, last: dt.date, *, open_only: bool = False
) -> list[ClientSession]:
    """The sessions from ``first`` to ``last`` of the client's groups, each within the
    dates of the client's participation, with the client's mark, earliest first. Three
    queries whatever the number of groups and sessions. ``open_only``: only the
    participations of an open client relationship (what the client may still report)."""
    enrolments = _enrolments(client_id, first, last, open_only=open_only)
    if not enrolments:
        return []
    by_group = {enrolment.group_id: enrolment for enrolment in enrolments}
    sessions = list(
        Session.objects.filter(group_id__in=list(by_group), day__range=(first, last)).order_by(
            "day", "starts_at", "pk"
        )
    )
    shown = []
    for session in sessions:
        enrolment = by_group[session.group_id]
        if enrolment.starts_on <= session.day and (
            enrolment.ends_on is None or session.day <= enrolment.ends_on
        ):
            session.group = enrolment.group  # already loaded
            shown.append((session, enrolment))
    if not shown:
        return []
    marks = {
        (mark.session_id, mark.enrolment_id): mark
        for mark in SessionAttendance.objects.filter(
            enrolment_id__in=[e.pk for e in enrolments],
            session_id__in=[session.pk for session, _ in shown],
        )
    }
    return [
        ClientSession(session, enrolment, marks.get((session.pk, enrolment.pk)))
        for session, enrolment in shown
    ]


def current_enrolments(client_id: int) -> list[Enrolment]:
    """The client's participations that count now: of an open relationship, not ended, in a
    group that has not ended. Earliest first (one query)."""
    today = clock.today()
    return sorted(
        (
            enrolment
            for enrolment in _enrolments(client_id, today, dt.date.max, open_only=True)
            if enrolment.group.ends_on >= today
        ),
        key=lambda enrolment: (enrolment.starts_on, enrolment.group.name, enrolment.pk),
    )


@transaction.atomic
def session_absence_report(
    *,
    actor: User,
    enrolment: Enrolment,
    session: Session,
    reason: str,
    note: str = "",
) -> SessionAttendance:
    """The client reports that they will not come to a session of their group: the session's
    mark becomes absent with the reason, reported in advance (on the day for today's session),
    with the client as the one who recorded it. Only the client themself; refused for a
    session gone by, a day they are not in the group, a session already marked (nothing is
    written over: the instructor corrects it), and a child's illness over 4 days in a row
    (``services.session_child_illness_check``, the place's rule). The client's message is kept with the mark
    (``SessionAttendance.note``, shown to the group's instructors) and in the change event."""
    enrolment = Enrolment.objects.select_related("client", "relationship").get(pk=enrolment.pk)
    client = enrolment.client
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
    refuse_null_characters(note=note)
    # Locked as the instructors' save locks it: a report and a save at once do not both write.
    session = Session.objects.select_related("group").select_for_update().get(pk=session.pk)
    day = session.day
    today = clock.today()
    if (
        enrolment.group_id != session.group_id
        or enrolment.relationship.ended_on is not None
        or not (
            enrolment.starts_on <= day and (enrolment.ends_on is None or day <= enrolment.ends_on)
        )
    ):
        raise field_error(
            "first_day",
            _("The person is not in the group on %(date)s.") % {"date": day_label(day)},
            GroupError.NOT_ENROLLED_ON_DAY,
        )
    if day < today:
        raise field_error(
            "first_day", _("An absence is reported for today or a later day."), CommonError.PAST
        )
    if reason not in AbsenceReason.values:
        raise field_error(
            "reason", _("Choose the reason for the absence."), AttendanceError.REASON_NOT_ALLOWED
        )
    if SessionAttendance.objects.filter(session=session, enrolment=enrolment).exists():
        raise _already_marked(day)
    if reason == AbsenceReason.CHILD_ILLNESS:
        session_child_illness_check(enrolment, session)  # the place's rule, the same function
    mark = SessionAttendance(
        session=session,
        enrolment=enrolment,
        status=SessionStatus.ABSENT,
        reason=reason,
        notice=Notice.IN_ADVANCE if day > today else Notice.ON_THE_DAY,
        note=note.strip(),
        recorded_by=actor,
    )
    mark.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            mark.save()
    except IntegrityError as error:  # marked at the same moment by someone else
        raise _already_marked(day) from error
    changes: dict[str, tuple[object, object]] = {
        "session": (None, session.pk),
        "status": (None, mark.status),
        "reason": (None, mark.reason),
        "notice": (None, mark.notice),
        "reported_via": (None, "client"),
    }
    if note.strip():
        changes["note"] = (None, note.strip())
    audit.record_change(
        actor=actor, record=mark, client=client, what=GroupEvent.ATTENDANCE, changes=changes
    )
    return mark


def _already_marked(day: dt.date) -> ValidationError:
    return field_error(
        "first_day",
        _("%(date)s is already marked. Nothing was overwritten.") % {"date": day_label(day)},
        AttendanceError.ALREADY_RECORDED,
    )
