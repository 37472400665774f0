"""Meetings with the client (S3): booking, the record with its informing checklist, cancelling,
and the invitation letter given out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from django.db import transaction

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients import rules
from polku.clients.access import require_caseworker
from polku.clients.events import ClientEvent
from polku.clients.models import (
    ClientRelationship,
    ContactKind,
    ContactOutcome,
    InformingItem,
    InformingTopic,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Recipient,
    Stage,
)
from polku.clients.services.contacts import contact_log
from polku.clients.services.relationships import _set_stage
from polku.core import clock
from polku.core.errors import refuse_null_characters
from polku.core.versioning import save_versioned


def _check_meeting_time(
    *, worker: User, starts_at: dt.datetime, duration: int, exclude: int | None = None
) -> None:
    rules.meeting_time_ahead(starts_at)
    others = Meeting.objects.filter(
        worker=worker,
        status=MeetingStatus.BOOKED,
        starts_at__lt=starts_at + dt.timedelta(minutes=duration),
        starts_at__gte=starts_at - dt.timedelta(hours=12),
    )
    if exclude is not None:
        others = others.exclude(pk=exclude)
    rules.no_overlap(
        worker_name=worker.get_full_name(), starts_at=starts_at, duration=duration, others=others
    )


@transaction.atomic
def meeting_book(
    *,
    actor: User,
    relationship: ClientRelationship,
    starts_at: dt.datetime,
    duration_minutes: int,
    channel: str,
    location: str = "",
    participants: str = "",
    kind: str = MeetingKind.GENERAL,
) -> Meeting:
    """Book a meeting (the worker books; the client does not). The first one moves to S3.

    ``kind`` marks the joint meeting with the employment authority (booked from the plan
    page), logged under its own key so the timeline names it. An ended relationship takes no
    new meetings."""
    rules.meeting_bookable(relationship)
    require_caseworker(actor, relationship)
    refuse_null_characters(location=location, participants=participants)
    worker = cast(User, relationship.responsible_worker)  # meeting_bookable: there is one
    _check_meeting_time(worker=worker, starts_at=starts_at, duration=duration_minutes)
    is_first = not relationship.meetings.exclude(status=MeetingStatus.CANCELLED).exists()
    meeting = Meeting(
        relationship=relationship,
        is_first=is_first,
        worker=worker,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        channel=channel,
        location=location,
        participants=participants,
        kind=kind,
    )
    meeting.full_clean()
    meeting.save()
    audit.record_change(
        actor=actor,
        record=meeting,
        client=relationship.client,
        what=ClientEvent.JOINT_MEETING_BOOKED
        if kind == MeetingKind.JOINT
        else ClientEvent.FIRST_MEETING_BOOKED
        if is_first
        else ClientEvent.MEETING_BOOKED,
        changes={
            "starts_at": (None, starts_at),
            "duration_minutes": (None, duration_minutes),
            "channel": (None, channel),
        },
    )
    if is_first:
        _set_stage(actor=actor, relationship=relationship, stage=Stage.S3_FIRST_MEETING)
    return meeting


MEETING_RECORD_FIELDS = (
    "overall_situation",
    "service_need",
    "client_wishes",
    "outcome",
    "outcome_note",
)


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    meeting: Meeting,
    version: int,
    informing: Mapping[str, tuple[bool, str]],
    mark_held: bool,
    **fields: Any,
) -> Meeting:
    """Record the first meeting: situation, need, wishes, the informing checklist, the outcome.

    The meeting can be marked held only when every checklist item is ticked or marked not
    relevant with a reason, and an outcome is chosen; the activation-plan branch needs the
    overall situation mapped.
    """
    relationship = meeting.relationship
    require_caseworker(actor, relationship)
    rules.meeting_not_cancelled(meeting)
    refuse_null_characters(**fields, **{topic: why for topic, (_done, why) in informing.items()})
    before = audit.snapshot(meeting, [*MEETING_RECORD_FIELDS, "status"])
    for name in MEETING_RECORD_FIELDS:
        if name in fields:
            setattr(meeting, name, fields[name])
    if mark_held:
        rules.meeting_holdable(meeting, informing)
        meeting.status = MeetingStatus.HELD
    changes = audit.diff(before, meeting, [*MEETING_RECORD_FIELDS, "status"])
    save_versioned(meeting, expected=version, fields=[*MEETING_RECORD_FIELDS, "status"])
    existing = {item.topic: item for item in meeting.informing.all()}
    for topic in InformingTopic.values:
        informed, reason = informing.get(topic, (False, ""))
        item = existing.get(topic) or InformingItem(meeting=meeting, topic=topic)
        old = (item.informed, item.not_relevant_reason) if item.pk else (False, "")
        item.informed, item.not_relevant_reason = informed, reason.strip()
        if item.pk is None or old != (item.informed, item.not_relevant_reason):
            item.save()
            changes[f"informing.{topic}"] = (
                _describe_item(*old),
                _describe_item(item.informed, item.not_relevant_reason),
            )
    audit.record_change(
        actor=actor,
        record=meeting,
        client=relationship.client,
        what=ClientEvent.FIRST_MEETING_RECORDED
        if meeting.is_first
        else ClientEvent.MEETING_RECORDED,
        changes=changes,
    )
    return meeting


def _describe_item(informed: bool, reason: str) -> str:
    if informed:
        return "informed"
    if reason:
        return f"not relevant: {reason}"
    return ""


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, version: int) -> Meeting:
    require_caseworker(actor, meeting.relationship)
    rules.meeting_cancellable(meeting)
    audit.model_update(
        actor=actor,
        obj=meeting,
        version=version,
        data={"status": MeetingStatus.CANCELLED},
        what=ClientEvent.MEETING_CANCELLED,
        client=meeting.relationship.client,
        clean=False,  # a cancellation changes the status only; the booking was checked then
    )
    return meeting


@transaction.atomic
def invitation_send(*, actor: User, meeting: Meeting) -> Meeting:
    """Record that the invitation letter was sent: a disclosure, and a letter contact."""
    relationship = meeting.relationship
    require_caseworker(actor, relationship)
    rules.relationship_not_ended(relationship)
    now = clock.now()
    meeting.invitation_sent_at = now
    meeting.save(update_fields=["invitation_sent_at"])
    audit.record_disclosure(
        actor=actor,
        client=relationship.client,
        what=ClientEvent.INVITATION_LETTER,
        recipient=Recipient.CLIENT.value,
        purpose="invitation to a meeting",
        legal_basis="1301/2014 §36",
        record=meeting,
    )
    contact_log(
        actor=actor,
        relationship=relationship,
        kind=ContactKind.LETTER,
        contacted_on=clock.today(),
        outcome=ContactOutcome.SENT,
        invitation_to=meeting,
    )
    return meeting
