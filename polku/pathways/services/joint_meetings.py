"""The joint meeting with the employment authority: booked for a draft plan, recorded as held."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients import services as client_services
from polku.clients.access import require_caseworker
from polku.clients.models import Meeting, MeetingKind, MeetingStatus
from polku.core.errors import refuse_null_characters
from polku.pathways import rules
from polku.pathways.events import PathwayEvent
from polku.pathways.models import ActivationPlan
from polku.pathways.services.plans import plan_update


@transaction.atomic
def joint_meeting_book(
    *,
    actor: User,
    plan: ActivationPlan,
    starts_at: dt.datetime,
    duration_minutes: int,
    channel: str,
    location: str = "",
    participants: str = "",
) -> ActivationPlan:
    """Book the joint meeting with the employment authority for a draft plan and link it."""
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    authority = rules.joint_meeting_bookable(plan)
    meeting = client_services.meeting_book(
        actor=actor,
        relationship=plan.relationship,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        channel=channel,
        location=location,
        participants=participants or ", ".join(filter(None, [authority.name, plan.official_name])),
        kind=MeetingKind.JOINT,
    )
    return plan_update(actor=actor, plan=plan, version=plan.version, joint_meeting=meeting)


@transaction.atomic
def joint_meeting_held(
    *,
    actor: User,
    plan: ActivationPlan,
    held_on: dt.date | None = None,
    notes: str = "",
    version: int | None = None,
) -> Meeting:
    """Record the plan's joint meeting as held, on its day and with notes, so the parties can
    sign "at the joint meeting". ``held_on`` defaults to the booked day; it is bounded by the
    relationship's start and the booked day, and cannot be in the future."""
    require_caseworker(actor, plan.relationship)
    meeting = plan.joint_meeting
    rules.joint_meeting_can_be_held(meeting)
    assert meeting is not None  # noqa: S101 - refused above
    refuse_null_characters(notes=notes)
    booked_on = rules.booked_day(meeting)
    held_on = held_on or booked_on
    rules.joint_meeting_held_on(
        held_on, started_on=plan.relationship.started_on, booked_on=booked_on
    )
    audit.model_update(
        actor=actor,
        obj=meeting,
        version=meeting.version if version is None else version,
        data={"status": MeetingStatus.HELD, "held_on": held_on, "notes": notes.strip()},
        what=PathwayEvent.JOINT_MEETING_HELD,
        client=plan.relationship.client,
        clean=False,
    )
    return meeting
