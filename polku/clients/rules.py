"""The clients app's rules as pure functions the services call (STYLE.md §8): the date bounds of
S1–S3 and the states a relationship, a meeting or a hand-over must be in.

Each rule raises a refusal with a code (:class:`polku.clients.errors.ClientError`, or
:class:`polku.core.errors.CommonError` for the shared meanings) and reads nothing from the
database: the service fetches what a rule needs and passes it in. The shared date rules are in
:mod:`polku.core.rules`; later apps bound their dates by the relationship through
:func:`not_before_relationship`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from polku.clients.errors import ClientError
from polku.clients.models import (
    ClientRelationship,
    HandoverStatus,
    InformingTopic,
    Meeting,
    MeetingStatus,
    Outcome,
    WorkerAssignment,
)
from polku.core import clock
from polku.core.errors import CommonError, field_error, refusal
from polku.core.rules import day_label, not_before, not_in_future

KUTY_MIN_AGE = 17
KUTY_MAX_AGE = 68


# Age


def age_on(born: dt.date, day: dt.date) -> int:
    """Full years from ``born`` to ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_warning(born: dt.date, *, today: dt.date | None = None) -> str:
    """A warning when the client's age is outside the range where kuty usually applies."""
    age = age_on(born, today or clock.today())
    if age < KUTY_MIN_AGE or age > KUTY_MAX_AGE:
        return _(
            "The client is %(age)s years old. Rehabilitative work activity may not apply; "
            "check eligibility (189/2001 §3)."
        ) % {"age": age}
    return ""


# Text the step needs


def required_text(field: str, value: str, message: str) -> None:
    """A text the step needs is not empty (nor only spaces)."""
    if not value.strip():
        raise field_error(field, message, CommonError.REQUIRED)


# The relationship and its dates


def not_before_relationship(field: str, day: dt.date, *, relationship: ClientRelationship) -> None:
    """No event of a relationship predates its start; the error names the start date."""
    not_before(
        field,
        day,
        relationship.started_on,
        _("The date cannot be before %(date)s, when the client relationship began."),
        ClientError.BEFORE_RELATIONSHIP,
    )


def date_in_relationship(
    field: str, day: dt.date, *, relationship: ClientRelationship, today: dt.date | None = None
) -> None:
    """A past event of a relationship (a contact, a meeting held) is dated between its start
    and today; the error is on the field, has a code and names the bounding date."""
    not_before_relationship(field, day, relationship=relationship)
    not_in_future(field, day, today=today)


def relationship_not_ended(relationship: ClientRelationship) -> None:
    """The one check of writes to a relationship's pathway (a contact, an invitation, an
    eligibility check): after the end (S14) only what the law still allows is recorded, the
    follow-up contact one month later (S15); to work with the client again the relationship is
    reopened or a new one opened (the closure page)."""
    if relationship.ended_on is not None:
        raise ValidationError(
            _(
                "The client relationship ended on %(date)s: only the follow-up contact is "
                "recorded after the end. To continue working with the client, reopen the "
                "relationship or open a new one."
            )
            % {"date": day_label(relationship.ended_on)},
            code=CommonError.ENDED,
        )


def no_open_relationship(current: ClientRelationship | None) -> None:
    """A client has one open relationship at a time (``current``: the open one, if any)."""
    if current is not None:
        raise ValidationError(
            _("The client already has an open relationship that began on %(date)s.")
            % {"date": day_label(current.started_on)},
            code=ClientError.ALREADY_OPEN,
        )


def relationship_start(
    started_on: dt.date, *, previous: ClientRelationship | None, today: dt.date | None = None
) -> None:
    """A relationship begins no later than today and not before the previous one ended."""
    not_in_future("started_on", started_on, today=today)
    if previous is not None:
        not_before(
            "started_on",
            started_on,
            previous.ended_on,
            _("The date cannot be before %(date)s, when the previous client relationship ended."),
            ClientError.BEFORE_PREVIOUS_END,
        )


# The responsible worker, hand-overs and cover


def handover_undecided(assignment: WorkerAssignment) -> None:
    """A hand-over is accepted or declined once."""
    if assignment.status != HandoverStatus.PENDING:
        raise ValidationError(
            _("This hand-over has already been handled."), code=ClientError.HANDOVER_HANDLED
        )


def cover_purpose(purpose: str) -> None:
    """Covering for a colleague needs its purpose in a few words (it is logged)."""
    if len(purpose.strip()) < 5:
        raise field_error(
            "purpose", _("Write the purpose of covering in a few words."), CommonError.REQUIRED
        )


# Meetings


def meeting_bookable(relationship: ClientRelationship) -> None:
    """New meetings are booked in a relationship that has not ended and has a responsible
    worker (whose calendar the meeting goes into)."""
    if relationship.ended_on is not None:
        raise ValidationError(
            _("The client relationship ended on %(date)s: no new meetings can be booked in it.")
            % {"date": day_label(relationship.ended_on)},
            code=CommonError.ENDED,
        )
    if relationship.responsible_worker_id is None:
        raise ValidationError(
            _("Name the responsible worker before booking a meeting."), code=ClientError.NO_WORKER
        )


def meeting_time_ahead(starts_at: dt.datetime, *, now: dt.datetime | None = None) -> None:
    """A meeting is booked for a time still to come."""
    if starts_at <= (now or clock.now()):
        raise field_error(
            "starts_at",
            _("The meeting time is in the past. Choose a future time."),
            CommonError.PAST,
        )


def no_overlap(
    *, worker_name: str, starts_at: dt.datetime, duration: int, others: Iterable[Meeting]
) -> None:
    """The worker's booked meetings (``others``) do not overlap the new time."""
    ends_at = starts_at + dt.timedelta(minutes=duration)
    for other in others:
        if other.starts_at < ends_at and other.ends_at > starts_at:
            raise field_error(
                "starts_at",
                _("The time overlaps another meeting of %(worker)s at %(time)s.")
                % {
                    "worker": worker_name,
                    "time": timezone.localtime(other.starts_at).strftime("%-d.%-m.%Y %H.%M"),
                },
                ClientError.OVERLAP,
            )


def meeting_not_cancelled(meeting: Meeting) -> None:
    """A cancelled meeting is not recorded."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(
            _("The meeting has been cancelled."), code=ClientError.MEETING_CANCELLED
        )


def meeting_cancellable(meeting: Meeting) -> None:
    """Only a booked meeting can be cancelled."""
    if meeting.status != MeetingStatus.BOOKED:
        raise ValidationError(
            _("Only a booked meeting can be cancelled."), code=ClientError.MEETING_NOT_BOOKED
        )


def informing_missing(items: Mapping[str, tuple[bool, str]]) -> list[str]:
    """Checklist topics neither ticked nor marked not relevant with a reason."""
    return [
        str(InformingTopic(topic).label)
        for topic in InformingTopic.values
        if not (items.get(topic, (False, ""))[0] or items.get(topic, (False, ""))[1].strip())
    ]


def meeting_holdable(
    meeting: Meeting, informing: Mapping[str, tuple[bool, str]], *, now: dt.datetime | None = None
) -> None:
    """A meeting is marked held only when it has started, every checklist item is ticked or
    marked not relevant with a reason, the first meeting has its outcome, and the
    activation-plan branch has the overall situation mapped. Every reason is given at once."""
    errors: list[str] = []
    if meeting.starts_at > (now or clock.now()):
        errors.append(_("A meeting that has not started yet cannot be marked held."))
    missing = informing_missing(informing)
    if missing:
        errors.append(
            _(
                "The informing checklist is not complete: %(topics)s. Tick each item or "
                "mark it not relevant with a reason."
            )
            % {"topics": ", ".join(missing)}
        )
    if meeting.is_first and not meeting.outcome:
        errors.append(_("Choose the outcome of the first meeting."))
    if meeting.outcome == Outcome.ACTIVATION_PLAN and not meeting.overall_situation.strip():
        errors.append(_("The activation-plan branch needs the overall situation to be mapped."))
    if errors:
        raise refusal(errors, ClientError.NOT_HELD)
