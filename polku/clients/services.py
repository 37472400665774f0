"""Writes for clients, intake, the responsible worker, meetings and contacts (S1–S3).

Every service takes ``actor=``, checks the state, saves and writes the audit event in the same
transaction. Views, commands and tests share these rules.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients import rules, selectors
from polku.clients.access import is_unit_worker, require_caseworker, require_responsible_worker
from polku.clients.errors import ClientError
from polku.clients.events import ClientEvent
from polku.clients.models import (
    Client,
    ClientRelationship,
    ContactKind,
    ContactLog,
    ContactOutcome,
    CoverGrant,
    HandoverStatus,
    InformingItem,
    InformingTopic,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Recipient,
    Stage,
    WorkerAssignment,
)
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.core.versioning import save_versioned

CLIENT_FIELDS = (
    "first_name",
    "last_name",
    "identity_code",
    "temporary_id",
    "birth_date",
    "language",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "city",
    "non_disclosure",
)
# The rules services share with the pages and later apps, where callers have long found them.
date_in_relationship = rules.date_in_relationship
informing_missing = rules.informing_missing


def age_warning(client: Client) -> str:
    """A warning when the client's age is outside the range where kuty usually applies."""
    return rules.age_warning(client.birth_date)


def _duplicate_temporary_id() -> ValidationError:
    return field_error(
        "temporary_id",
        _("Another client already has this temporary identifier."),
        CommonError.DUPLICATE,
    )


def lock_person(*, last_name: str, birth_date: dt.date | None) -> None:
    """Serialise intakes of one person (name and date of birth) until the transaction ends,
    so the duplicate check and the write cannot interleave. PostgreSQL takes an advisory
    lock; SQLite's IMMEDIATE transactions already let one writer in at a time."""
    if connection.vendor != "postgresql" or birth_date is None:
        return
    key = zlib.crc32(f"{last_name.strip().lower()}|{birth_date.isoformat()}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [INTAKE_LOCK, key - 2**31])


INTAKE_LOCK = 4201  # the advisory-lock class of intakes


@transaction.atomic
def client_create(*, actor: User, **fields: Any) -> Client:
    """A new client. The identity code must not exist yet (the duplicate check)."""
    refuse_null_characters(**fields)
    code = fields.get("identity_code") or None
    fields["identity_code"] = code
    if code and Client.objects.filter(identity_code=code).exists():
        raise ValidationError(
            _("A client with this identity code already exists. Open a new relationship for them."),
            code=CommonError.DUPLICATE,
        )
    temporary_id = (fields.get("temporary_id") or "").strip()
    if temporary_id and Client.objects.filter(temporary_id=temporary_id).exists():
        raise _duplicate_temporary_id()
    client = Client(**{name: value for name, value in fields.items() if name in CLIENT_FIELDS})
    client.full_clean()
    try:
        with transaction.atomic():  # a parallel intake of the same person meets the constraint
            client.save()
    except IntegrityError as error:
        raise ValidationError(
            _("A client with this identity code or temporary identifier already exists."),
            code=CommonError.DUPLICATE,
        ) from error
    audit.record_change(
        actor=actor,
        record=client,
        client=client,
        what=ClientEvent.CLIENT_CREATED,
        changes={
            name: (None, getattr(client, name))
            for name in CLIENT_FIELDS
            if getattr(client, name) not in ("", None, False)
        },
    )
    return client


@transaction.atomic
def client_update(*, actor: User, client: Client, version: int, **fields: Any) -> Client:
    """Edit the client's details; a concurrent edit is refused (EditConflict)."""
    data = {name: fields[name] for name in CLIENT_FIELDS if name in fields}
    if "identity_code" in data:
        data["identity_code"] = data["identity_code"] or None
    others = Client.objects.exclude(pk=client.pk)
    code = data.get("identity_code", client.identity_code)
    if code and others.filter(identity_code=code).exists():
        raise ValidationError(
            _("Another client already has this identity code."), code=CommonError.DUPLICATE
        )
    temporary_id = data.get("temporary_id", client.temporary_id)
    if temporary_id and others.filter(temporary_id=temporary_id).exists():
        raise _duplicate_temporary_id()
    audit.model_update(
        actor=actor,
        obj=client,
        version=version,
        data=data,
        what=ClientEvent.CLIENT_DETAILS,
        client=client,
        clean_exclude=["user"],
    )
    return client


@transaction.atomic
def relationship_open(
    *,
    actor: User,
    client: Client,
    unit: Unit,
    started_on: dt.date,
    source: str,
    reason: str,
    source_detail: str = "",
    submission: uuid.UUID | None = None,
) -> ClientRelationship:
    """S1: the relationship begins. It waits in the unit's intake queue for a worker.

    ``submission`` is the intake form's one-time token: stored with a unique constraint, so
    the same form sent twice cannot open two relationships.
    """
    if not is_unit_worker(actor, unit):
        raise PermissionDenied
    refuse_null_characters(reason=reason, source_detail=source_detail)
    rules.no_open_relationship(client.relationships.open().first())
    previous = client.relationships.order_by("-started_on", "-pk").first()
    rules.relationship_start(started_on, previous=previous)
    relationship = ClientRelationship(
        client=client,
        unit=unit,
        started_on=started_on,
        source=source,
        source_detail=source_detail,
        reason=reason,
        received_by=actor,
        previous=previous,
        stage=Stage.S1_STARTED,
        submission=submission,
    )
    relationship.full_clean()
    relationship.save()
    audit.record_change(
        actor=actor,
        record=relationship,
        client=client,
        what=ClientEvent.RELATIONSHIP_OPENED,
        changes={
            "unit": (None, unit.name),
            "started_on": (None, started_on),
            "source": (None, source),
            "stage": (None, Stage.S1_STARTED),
            **({"previous": (None, previous.pk)} if previous else {}),
        },
    )
    return relationship


@dataclass(frozen=True)
class IntakeDuplicates:
    """What the intake's duplicate check found: the clients, and the refusal for the form's
    fields. Nothing was written but the logged reads of the clients found."""

    clients: list[Client]
    error: ValidationError


@transaction.atomic(durable=True)
def intake_open(
    *,
    actor: User,
    unit: Unit,
    started_on: dt.date,
    source: str,
    reason: str,
    source_detail: str = "",
    submission: uuid.UUID | None = None,
    confirm_not_duplicate: bool = False,
    **client_fields: Any,
) -> ClientRelationship | IntakeDuplicates:
    """S1 for a new client: the duplicate check, then the client and their relationship, in one
    transaction and one intake of a person at a time (:func:`lock_person`).

    The same form sent twice (``submission``) gets the relationship it already opened. A
    client with the same identity code or temporary identifier, or with the same name and date
    of birth unless ``confirm_not_duplicate``, is returned as :class:`IntakeDuplicates`
    instead, with the reads of the clients found logged (``find_clients_for_intake``).
    """
    done = selectors.submitted_intake(submission=submission)
    if done is not None:
        return done
    last_name, birth_date = client_fields["last_name"], client_fields.get("birth_date")
    identity_code = client_fields.get("identity_code") or ""
    temporary_id = (client_fields.get("temporary_id") or "").strip()
    lock_person(last_name=last_name, birth_date=birth_date)
    found = selectors.find_clients_for_intake(
        viewer=actor,
        identity_code=identity_code,
        last_name=last_name,
        birth_date=birth_date,
        temporary_id=client_fields.get("temporary_id") or "",
    )
    same_temporary = [c for c in found if temporary_id and c.temporary_id == temporary_id]
    if same_temporary:
        # A temporary identifier names one client (a database constraint): "a different
        # person" cannot be true for it, so confirming does not help.
        return IntakeDuplicates(
            same_temporary,
            field_error(
                "temporary_id",
                _(
                    "This temporary identifier is already used by an existing client. Open a "
                    "new relationship for that client, or choose another identifier."
                ),
                CommonError.DUPLICATE,
            ),
        )
    same_code = [c for c in found if identity_code and c.identity_code == identity_code]
    if same_code:
        return IntakeDuplicates(
            same_code,
            field_error(
                "identity_code",
                _(
                    "A client with this identity code already exists. Open a new relationship for them below."
                ),
                CommonError.DUPLICATE,
            ),
        )
    if found and not confirm_not_duplicate:
        return IntakeDuplicates(
            found,
            field_error(
                "confirm_not_duplicate",
                _(
                    "A client with the same name and date of birth exists. Check whether it is the same person; if not, tick the box and save again."
                ),
                ClientError.POSSIBLE_DUPLICATE,
            ),
        )
    person = client_create(
        actor=actor,
        **{name: value for name, value in client_fields.items() if name in CLIENT_FIELDS},
    )
    return relationship_open(
        actor=actor,
        client=person,
        unit=unit,
        started_on=started_on,
        source=source,
        source_detail=source_detail,
        reason=reason,
        submission=submission,
    )


INTAKE_DETAIL_FIELDS = ("source", "source_detail", "reason")


@transaction.atomic
def relationship_correct_intake(
    *,
    actor: User,
    relationship: ClientRelationship,
    version: int,
    source: str,
    source_detail: str,
    reason: str,
) -> ClientRelationship:
    """Correct S1's record (source, who made the contact, reason); old → new is logged.

    The caseworker corrects it; while the relationship waits in the intake queue, the worker
    who received the contact does.
    """
    if not (relationship.responsible_worker_id is None and relationship.received_by_id == actor.pk):
        require_caseworker(actor, relationship)
    rules.required_text("reason", reason, _("Write the reason for contact."))
    refuse_null_characters(reason=reason, source_detail=source_detail)
    audit.model_update(
        actor=actor,
        obj=relationship,
        version=version,
        data={"source": source, "source_detail": source_detail.strip(), "reason": reason.strip()},
        what=ClientEvent.INTAKE_CORRECTED,
        client=relationship.client,
    )
    return relationship


def _set_stage(*, actor: User, relationship: ClientRelationship, stage: Stage) -> None:
    if relationship.stage == stage:
        return
    old = relationship.stage
    relationship.stage = stage
    relationship.save(update_fields=["stage", "updated_at"])
    audit.record_change(
        actor=actor,
        record=relationship,
        client=relationship.client,
        what=ClientEvent.STAGE,
        changes={"stage": (old, stage)},
    )


@transaction.atomic
def worker_assign(
    *, actor: User, relationship: ClientRelationship, worker: User
) -> WorkerAssignment:
    """S2: name the responsible worker of an unassigned relationship (self or a colleague)."""
    if not is_unit_worker(actor, relationship.unit) or not is_unit_worker(
        worker, relationship.unit
    ):
        raise ValidationError(
            _("The responsible worker must be a worker of the unit %(unit)s.")
            % {"unit": relationship.unit.name},
            code=ClientError.NOT_IN_UNIT,
        )
    now = clock.now()
    # One conditional UPDATE: two workers naming at once cannot both succeed.
    named = ClientRelationship.objects.filter(
        pk=relationship.pk, responsible_worker__isnull=True
    ).update(responsible_worker=worker, updated_at=now)
    if named != 1:
        raise ValidationError(
            _("A responsible worker has already been named. Use a hand-over instead."),
            code=ClientError.ASSIGNED,
        )
    relationship.responsible_worker = worker
    assignment = WorkerAssignment.objects.create(
        relationship=relationship,
        worker=worker,
        assigned_by=actor,
        assigned_at=now,
        status=HandoverStatus.ACCEPTED,
        decided_at=now,
    )
    audit.record_change(
        actor=actor,
        record=relationship,
        client=relationship.client,
        what=ClientEvent.RESPONSIBLE_WORKER,
        changes={"responsible_worker": (None, worker.get_full_name())},
    )
    _set_stage(actor=actor, relationship=relationship, stage=Stage.S2_RESPONSIBLE_WORKER)
    return assignment


@transaction.atomic
def handover_propose(
    *, actor: User, relationship: ClientRelationship, worker: User, note: str
) -> WorkerAssignment:
    """Hand the client over to another worker of the unit, with a note; they must accept."""
    require_responsible_worker(actor, relationship)
    if worker.pk == actor.pk or not is_unit_worker(worker, relationship.unit):
        raise ValidationError(
            _("Choose another worker of the unit %(unit)s.") % {"unit": relationship.unit.name},
            code=ClientError.NOT_IN_UNIT,
        )
    if not note.strip():
        raise ValidationError(
            _("Write a hand-over note for the new worker."), code=CommonError.REQUIRED
        )
    if relationship.assignments.filter(status=HandoverStatus.PENDING).exists():
        raise ValidationError(
            _("A hand-over is already waiting for acceptance."), code=ClientError.HANDOVER_PENDING
        )
    assignment = WorkerAssignment.objects.create(
        relationship=relationship,
        worker=worker,
        assigned_by=actor,
        assigned_at=clock.now(),
        note=note,
        status=HandoverStatus.PENDING,
    )
    audit.record_change(
        actor=actor,
        record=assignment,
        client=relationship.client,
        what=ClientEvent.HANDOVER_PROPOSED,
        changes={"worker": (None, worker.get_full_name()), "note": (None, note)},
    )
    return assignment


@transaction.atomic
def handover_decide(*, actor: User, assignment: WorkerAssignment, accept: bool) -> WorkerAssignment:
    """The receiving worker accepts or declines. On acceptance the previous worker loses
    access unless they still have another verified relationship with the client."""
    assignment = WorkerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.worker_id != actor.pk:
        raise PermissionDenied
    rules.handover_undecided(assignment)
    relationship = assignment.relationship
    assignment.status = HandoverStatus.ACCEPTED if accept else HandoverStatus.DECLINED
    assignment.decided_at = clock.now()
    assignment.save(update_fields=["status", "decided_at"])
    audit.record_change(
        actor=actor,
        record=assignment,
        client=relationship.client,
        what=ClientEvent.HANDOVER_ACCEPTED if accept else ClientEvent.HANDOVER_DECLINED,
        changes={"status": (HandoverStatus.PENDING, assignment.status)},
    )
    if accept:
        previous = relationship.responsible_worker
        relationship.responsible_worker = actor
        relationship.save(update_fields=["responsible_worker", "updated_at"])
        audit.record_change(
            actor=actor,
            record=relationship,
            client=relationship.client,
            what=ClientEvent.RESPONSIBLE_WORKER,
            changes={
                "responsible_worker": (
                    previous.get_full_name() if previous else None,
                    actor.get_full_name(),
                )
            },
        )
    return assignment


@transaction.atomic
def cover_start(*, actor: User, colleague: User, unit: Unit | None, purpose: str) -> CoverGrant:
    """Team cover: a worker covers for a colleague of the same unit and says why (``unit``:
    the unit they share, ``selectors.cover_unit``; None when they share none)."""
    if (
        unit is None
        or colleague.pk == actor.pk
        or not is_unit_worker(actor, unit)
        or not is_unit_worker(colleague, unit)
    ):
        raise ValidationError(
            _("You can cover only for a colleague of your own unit."),
            code=ClientError.NOT_IN_UNIT,
        )
    rules.cover_purpose(purpose)
    now = clock.now()
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=0)
    grant = CoverGrant.objects.create(
        user=actor,
        covered_worker=colleague,
        unit=unit,
        purpose=purpose.strip(),
        started_at=now,
        expires_at=end_of_day,
    )
    audit.record_change(
        actor=actor,
        record=grant,
        what=ClientEvent.COVER_STARTED,
        changes={
            "covered_worker": (None, colleague.get_full_name()),
            "purpose": (None, grant.purpose),
        },
    )
    return grant


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
def contact_log(
    *,
    actor: User,
    relationship: ClientRelationship,
    kind: str,
    contacted_on: dt.date,
    outcome: str,
    note: str = "",
    invitation_to: Meeting | None = None,
    submission: uuid.UUID | None = None,
) -> ContactLog:
    """Log a contact to the client (letter, phone call, message) with its outcome.

    ``submission`` is the form's one-time token: the same form sent twice (a double click, two
    parallel posts) logs one contact, and the second send gets the first one back.
    """
    require_caseworker(actor, relationship)
    if submission is not None:
        done = ContactLog.objects.filter(submission=submission).first()
        if done is not None:
            if done.relationship_id != relationship.pk:
                raise ValidationError(
                    _("This form was already used."), code=CommonError.RESUBMITTED
                )
            return done
    refuse_null_characters(note=note)
    rules.date_in_relationship("contacted_on", contacted_on, relationship=relationship)
    entry = ContactLog(
        relationship=relationship,
        kind=kind,
        contacted_on=contacted_on,
        outcome=outcome,
        note=note,
        invitation_to=invitation_to,
        by=actor,
        created_at=clock.now(),
        submission=submission,
    )
    entry.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        done = ContactLog.objects.filter(submission=submission).first() if submission else None
        if done is None:
            raise
        return done  # the parallel send of the same form won; no second row, no second event
    audit.record_change(
        actor=actor,
        record=entry,
        client=relationship.client,
        what=ClientEvent.CONTACT,
        changes={
            "kind": (None, kind),
            "contacted_on": (None, contacted_on),
            "outcome": (None, outcome),
        },
    )
    return entry


@transaction.atomic
def invitation_send(*, actor: User, meeting: Meeting) -> Meeting:
    """Record that the invitation letter was sent: a disclosure, and a letter contact."""
    relationship = meeting.relationship
    require_caseworker(actor, relationship)
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
