"""Writes for S4–S7: documents, the activation plan, options, signatures, reflection, the
second plan, and pathway transitions. Each checks state, saves and audits in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind, User
from polku.audit import services as audit
from polku.clients import services as client_services
from polku.clients.access import require_caseworker
from polku.clients.events import ClientEvent
from polku.clients.models import (
    ClientRelationship,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Recipient,
    Stage,
)
from polku.core import clock, statutory
from polku.core.errors import (
    CommonError,
    field_error,
    fields_error,
    refusal,
    refuse_null_characters,
)
from polku.core.versioning import save_versioned
from polku.pathways import machine
from polku.pathways.errors import PathwayError
from polku.pathways.events import PathwayEvent, PathwayRead
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    DocumentStatus,
    FamiliarisationVisit,
    OptionKind,
    Party,
    PlanOption,
    PlanSignature,
    PlanStatus,
    PlanType,
    SignatureMethod,
    VersionedDocument,
)

Doc = Assessment | ClientPlan

ASSESSMENT_FIELDS = ("summary", "conclusion", "client_view", "personal_worker_needed")
CLIENT_PLAN_FIELDS = (
    "support_need",
    "services_and_measures",
    "strengths",
    "goals",
    "meeting_frequency",
    "estimated_duration",
    "partners",
    "follow_up",
    "client_view",
    "disagreement",
)
DOCUMENT_FIELDS: dict[type[VersionedDocument], tuple[str, ...]] = {
    Assessment: ASSESSMENT_FIELDS,
    ClientPlan: CLIENT_PLAN_FIELDS,
}
# What makes each document the document it claims to be: completing needs these filled in.
REQUIRED_TO_COMPLETE: dict[type[VersionedDocument], tuple[str, ...]] = {
    Assessment: ("summary", "conclusion", "client_view"),
    ClientPlan: ("goals", "services_and_measures", "follow_up"),
}
PLAN_FIELDS = (
    "plan_type",
    "assessment_started_on",
    "notice_given_on",
    "notice_method",
    "official_name",
    "employment_authority",
    "support_person",
    "joint_meeting",
    "education",
    "work_history",
    "earlier_services",
    "agreed_measures",
    "job_search_obligation",
    "last_resort_informed",
    "benefits_informed",
    "review_due",
)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar

    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def transition(
    *, actor: User, relationship: ClientRelationship, target: Stage
) -> ClientRelationship:
    """Move the pathway to ``target`` when the machine allows it; otherwise say what is missing."""
    require_caseworker(actor, relationship)
    missing = machine.missing_for(relationship, target)
    if missing:
        raise refusal(missing, CommonError.MISSING)
    old = relationship.stage
    relationship.stage = target
    save_versioned(relationship, expected=relationship.version, fields=["stage"])
    audit.record_change(
        actor=actor,
        record=relationship,
        client=relationship.client,
        what=ClientEvent.STAGE,
        changes={"stage": (old, target)},
    )
    return relationship


def _day(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _bounded_by_pathway(
    field: str,
    day: dt.date,
    *,
    relationship: ClientRelationship,
    notice_given_on: dt.date | None = None,
    first_plan_signed_on: dt.date | None = None,
) -> None:
    """No pathway event predates the events it follows; the error names the bounding date."""
    bounds = [
        (
            relationship.started_on,
            PathwayError.BEFORE_RELATIONSHIP,
            _("The date cannot be before %(date)s, when the client relationship began."),
        ),
        (
            notice_given_on,
            PathwayError.BEFORE_NOTICE,
            _("The date cannot be before %(date)s, when the information notice was given."),
        ),
        (
            first_plan_signed_on,
            PathwayError.BEFORE_FIRST_PLAN,
            _("The date cannot be before %(date)s, when the first activation plan was signed."),
        ),
    ]
    for bound, code, message in bounds:
        if bound is not None and day < bound:
            raise field_error(field, message % {"date": _day(bound)}, code)


def _first_plan_signed_on(relationship: ClientRelationship) -> dt.date | None:
    first = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship, round=1)
        .order_by("number")
        .values_list("signed_on", flat=True)
        .first()
    )
    return first


def _require_worker(relationship: ClientRelationship) -> None:
    if relationship.responsible_worker_id is None:
        raise ValidationError(
            _("The client has no responsible worker. Name one before making plans."),
            code=PathwayError.NO_WORKER,
        )


def _default(model: type[Any], name: str) -> Any:
    return model._meta.get_field(name).get_default()


@transaction.atomic
def document_save(
    *,
    actor: User,
    model: type[Assessment] | type[ClientPlan],
    relationship: ClientRelationship,
    version: int | None,
    complete: bool,
    fields: dict[str, Any],
) -> Doc:
    """Save the draft of an assessment or a client plan; ``complete`` makes it read-only."""
    require_caseworker(actor, relationship)
    _require_worker(relationship)
    refuse_null_characters(**fields)
    names = DOCUMENT_FIELDS[model]
    doc = model.objects.filter(relationship=relationship).order_by("-number").first()
    if doc is not None and doc.is_read_only:
        raise ValidationError(
            _("The completed version cannot be changed. Make a new version with a reason."),
            code=PathwayError.READ_ONLY,
        )
    what = document_key(model)  # a stable key; the timeline translates it
    if doc is None:
        doc = model(
            relationship=relationship,
            number=1,
            author=actor,
            document_date=clock.today(),
            **{name: fields.get(name, _default(model, name)) for name in names},
        )
        doc.full_clean()
        doc.save()
        # A new draft is a change event even when it is still empty.
        changes: dict[str, tuple[Any, Any]] = {
            "number": (None, doc.number),
            **{name: (None, getattr(doc, name)) for name in names if getattr(doc, name)},
        }
    else:
        before = audit.snapshot(doc, names)
        for name in names:
            if name in fields:
                setattr(doc, name, fields[name])
        changes = audit.diff(before, doc, names)
        save_versioned(doc, expected=version if version is not None else -1, fields=list(names))
    if complete:
        _require_content(doc)
        doc.status = DocumentStatus.COMPLETED
        doc.completed_at = clock.now()
        doc.save(update_fields=["status", "completed_at"])
        changes["status"] = (DocumentStatus.DRAFT, DocumentStatus.COMPLETED)
    audit.record_change(
        actor=actor, record=doc, client=relationship.client, what=what, changes=changes
    )
    return doc


def document_key(model: type[VersionedDocument]) -> PathwayEvent:
    """The audit event type a document's save is written with; the timeline translates it."""
    return PathwayEvent.ASSESSMENT if model is Assessment else PathwayEvent.CLIENT_PLAN


def document_read(model: type[VersionedDocument]) -> PathwayRead:
    """The audit read type of a document's page."""
    return PathwayRead.ASSESSMENT if model is Assessment else PathwayRead.CLIENT_PLAN


def _require_content(doc: Doc) -> None:
    """A document is completed only with the content that defines it; name what is missing."""
    missing = [
        name for name in REQUIRED_TO_COMPLETE[type(doc)] if not str(getattr(doc, name)).strip()
    ]
    if missing:
        raise fields_error(
            missing,
            _("Fill this in before marking the document completed."),
            CommonError.INCOMPLETE,
        )


@transaction.atomic
def document_revise(*, actor: User, doc: Doc, reason: str) -> Doc:
    """A new draft version of a completed document; the completed one stays as it was."""
    relationship = doc.relationship
    require_caseworker(actor, relationship)
    if not doc.is_read_only:
        raise ValidationError(_("The draft can be edited as it is."), code=PathwayError.DRAFT)
    if not reason.strip():
        raise field_error("reason", _("Give the reason for the new version."), PathwayError.REASON)
    refuse_null_characters(reason=reason)
    model = type(doc)
    names = DOCUMENT_FIELDS[model]
    new = model(
        relationship=relationship,
        number=doc.number + 1,
        author=actor,
        document_date=clock.today(),
        correction_reason=reason.strip(),
        **{name: getattr(doc, name) for name in names},
    )
    new.save()
    audit.record_change(
        actor=actor,
        record=new,
        client=relationship.client,
        what=document_key(model),
        changes={
            "number": (doc.number, new.number),
            "correction_reason": (None, new.correction_reason),
        },
    )
    return new


@transaction.atomic
def plan_start(
    *,
    actor: User,
    relationship: ClientRelationship,
    plan_type: str,
    assessment_started_on: dt.date | None = None,
) -> ActivationPlan:
    """S5: start the first activation plan (or MTS). Moves the pathway to S5."""
    require_caseworker(actor, relationship)
    _require_worker(relationship)
    if ActivationPlan.objects.filter(relationship=relationship).exists():
        raise ValidationError(
            _("The first plan has already been started."), code=PathwayError.EXISTS
        )
    if relationship.stage != Stage.S5_ACTIVATION_PLAN:
        missing = machine.missing_for(relationship, Stage.S5_ACTIVATION_PLAN)
        if missing:
            raise refusal(missing, CommonError.MISSING)
    if plan_type == PlanType.MTS and assessment_started_on is None:
        raise field_error(
            "assessment_started_on",
            _("Give the date the multi-sectoral assessment started."),
            PathwayError.MTS,
        )
    plan = ActivationPlan(
        relationship=relationship,
        number=1,
        round=1,
        plan_type=plan_type,
        author=actor,
        assessment_started_on=assessment_started_on,
    )
    plan.full_clean()
    plan.save()
    audit.record_change(
        actor=actor,
        record=plan,
        client=relationship.client,
        what=PathwayEvent.PLAN_STARTED,
        changes={"plan_type": (None, plan_type), "round": (None, 1)},
    )
    if relationship.stage != Stage.S5_ACTIVATION_PLAN:
        transition(actor=actor, relationship=relationship, target=Stage.S5_ACTIVATION_PLAN)
    return plan


def _require_draft(plan: ActivationPlan) -> None:
    if plan.is_read_only:
        raise ValidationError(
            _("A signed plan cannot be changed. Make a corrected version with a reason."),
            code=PathwayError.READ_ONLY,
        )


def _clear_signatures(*, actor: User, plan: ActivationPlan) -> None:
    """A change after some parties signed voids their signatures: they sign the new text."""
    signatures = list(plan.signatures.all())
    if not signatures:
        return
    audit.record_change(
        actor=actor,
        record=plan,
        client=plan.relationship.client,
        what=PathwayEvent.SIGNATURES_VOIDED,
        changes={f"signature.{s.party}": (s.signer_name, None) for s in signatures},
    )
    plan.signatures.all().delete()


def max_review_date(plan: ActivationPlan, *, signed_on: dt.date) -> dt.date:
    months = statutory.int_value("plan_review_max_months", on=signed_on)
    return add_months(signed_on, months)


def mts_deadline(plan: ActivationPlan) -> dt.date | None:
    """An MTS is drawn up within 3 months of the start of the assessment (381/2023 §4 3 mom)."""
    if plan.plan_type != PlanType.MTS or plan.assessment_started_on is None:
        return None
    months = statutory.int_value("mts_deadline_months", on=plan.assessment_started_on)
    return add_months(plan.assessment_started_on, months)


@transaction.atomic
def plan_update(
    *, actor: User, plan: ActivationPlan, version: int, **fields: Any
) -> ActivationPlan:
    """Save the plan's contents (a draft only); a concurrent save is refused."""
    require_caseworker(actor, plan.relationship)
    _require_draft(plan)
    refuse_null_characters(**fields)
    names = [name for name in PLAN_FIELDS if name in fields]
    before = audit.snapshot(plan, names)
    for name in names:
        setattr(plan, name, fields[name])
    if plan.joint_meeting is not None and (
        plan.joint_meeting.relationship_id != plan.relationship_id
        or plan.joint_meeting.kind != MeetingKind.JOINT
    ):
        raise field_error(
            "joint_meeting",
            _("Choose one of this client's joint meetings with the employment authority."),
            PathwayError.NOT_A_JOINT_MEETING,
        )
    if plan.notice_given_on and not plan.notice_method:
        raise field_error("notice_method", _("Say how the notice was given."), CommonError.REQUIRED)
    if plan.notice_given_on and plan.notice_given_on > clock.today():
        raise field_error(
            "notice_given_on", _("The date cannot be in the future."), CommonError.FUTURE
        )
    if plan.notice_given_on:
        _bounded_by_pathway("notice_given_on", plan.notice_given_on, relationship=plan.relationship)
    if plan.review_due:
        latest = max_review_date(plan, signed_on=clock.today())
        if plan.review_due > latest:
            raise field_error(
                "review_due",
                _(
                    "The plan is reviewed at least every 3 months (189/2001 §9 3 mom): "
                    "the review date can be %(date)s at the latest."
                )
                % {"date": latest.strftime("%-d.%-m.%Y")},
                PathwayError.REVIEW_TOO_LATE,
            )
    plan.full_clean()
    changes = audit.diff(before, plan, names)
    save_versioned(plan, expected=version, fields=names)
    if changes:
        _clear_signatures(actor=actor, plan=plan)
    audit.record_change(
        actor=actor,
        record=plan,
        client=plan.relationship.client,
        what=PathwayEvent.PLAN,
        changes=changes,
    )
    return plan


@transaction.atomic
def option_add(
    *,
    actor: User,
    plan: ActivationPlan,
    kind: str,
    place: Unit | None = None,
    note: str = "",
    proposed_by_client: bool = False,
) -> PlanOption:
    """Add an option. A work-activity place must be a place that may produce kuty."""
    require_caseworker(actor, plan.relationship)
    _require_draft(plan)
    if kind == OptionKind.PLACE:
        if place is None or place.kind != UnitKind.WORK_ACTIVITY_PLACE:
            raise field_error("place", _("Choose the work-activity place."), CommonError.REQUIRED)
        if not place.may_produce_kuty:
            raise field_error(
                "place",
                _(
                    "Rehabilitative work activity cannot be procured from a company; only "
                    "its support and guidance can (189/2001 §13 2 mom)."
                ),
                PathwayError.COMPANY,
            )
    elif not note.strip():
        raise field_error("note", _("Describe the option."), CommonError.REQUIRED)
    refuse_null_characters(note=note)
    _clear_signatures(actor=actor, plan=plan)
    option = PlanOption.objects.create(
        plan=plan,
        kind=kind,
        place=place if kind == OptionKind.PLACE else None,
        note=note.strip(),
        proposed_by_client=proposed_by_client or kind == OptionKind.OWN,
    )
    audit.record_change(
        actor=actor,
        record=option,
        client=plan.relationship.client,
        what=PathwayEvent.OPTION_ADDED,
        changes=_option_changes(option, added=True),
    )
    return option


def _option_changes(option: PlanOption, *, added: bool) -> dict[str, tuple[Any, Any]]:
    """An option as stable values (kind key, place id, the worker's note): the timeline
    composes them in the viewer's language when shown."""
    values = {"kind": option.kind, "place": option.place_id, "note": option.note}
    return {
        name: ((None, value) if added else (value, None))
        for name, value in values.items()
        if value not in (None, "")
    }


@transaction.atomic
def option_remove(*, actor: User, option: PlanOption) -> None:
    plan = option.plan
    require_caseworker(actor, plan.relationship)
    _require_draft(plan)
    _clear_signatures(actor=actor, plan=plan)
    audit.record_change(
        actor=actor,
        record=option,
        client=plan.relationship.client,
        what=PathwayEvent.OPTION_REMOVED,
        changes=_option_changes(option, added=False),
    )
    option.delete()


def signing_missing(plan: ActivationPlan) -> list[str]:
    """What must be in place before anyone signs (189/2001 §8, §9 2 mom)."""
    missing = []
    if plan.relationship.responsible_worker_id is None:
        missing.append(_("The client has no responsible worker."))
    if plan.notice_given_on is None:
        missing.append(_("The information notice about the activation plan has not been given."))
    needed = statutory.int_value("min_plan_options", on=clock.today())
    count = plan.options.count()
    if count < needed:
        missing.append(
            _("At least %(needed)s options are offered; the plan has %(count)s.")
            % {"needed": needed, "count": count}
        )
    if not plan.benefits_informed:
        missing.append(_("The client has not been informed of benefits and compensations."))
    if not plan.last_resort_informed:
        missing.append(
            _(
                "The client has not been told that rehabilitative work activity is the "
                "last-resort option."
            )
        )
    if plan.round >= 2 and plan.chosen_option_id is None and not plan.back_to_mapping:
        missing.append(_("The chosen option is not recorded."))
    return missing


@transaction.atomic
def plan_sign(
    *,
    actor: User,
    plan: ActivationPlan,
    party: str,
    signer_name: str,
    method: str,
    signed_on: dt.date,
) -> ActivationPlan:
    """Record one party's signature; with all three the version is signed and read-only."""
    require_caseworker(actor, plan.relationship)
    _require_draft(plan)
    missing = signing_missing(plan)
    if missing:
        raise refusal(missing, PathwayError.CANNOT_SIGN)
    if not signer_name.strip():
        raise field_error(
            "signer_name", _("Write the name of the person who signs."), CommonError.REQUIRED
        )
    refuse_null_characters(signer_name=signer_name)
    if signed_on > clock.today():
        raise field_error("signed_on", _("The date cannot be in the future."), CommonError.FUTURE)
    _bounded_by_pathway(
        "signed_on",
        signed_on,
        relationship=plan.relationship,
        notice_given_on=plan.notice_given_on,
    )
    if method == SignatureMethod.JOINT_MEETING:
        _require_held_joint_meeting(plan, signed_on=signed_on)
    if plan.signatures.filter(party=party).exists():
        raise ValidationError(_("This party has already signed."), code=PathwayError.SIGNED)
    signature = PlanSignature.objects.create(
        plan=plan,
        party=party,
        signer_name=signer_name.strip(),
        method=method,
        signed_on=signed_on,
        recorded_by=actor,
    )
    audit.record_change(
        actor=actor,
        record=signature,
        client=plan.relationship.client,
        what=PathwayEvent.PLAN_SIGNED,
        changes={
            "party": (None, party),
            "signer_name": (None, signature.signer_name),
            "method": (None, method),
        },
    )
    parties = set(plan.signatures.values_list("party", flat=True))
    if parties >= set(Party.values):
        last = max(plan.signatures.values_list("signed_on", flat=True))
        latest_review = max_review_date(plan, signed_on=last)
        review = (
            plan.review_due
            if plan.review_due and plan.review_due <= latest_review
            else latest_review
        )
        before = audit.snapshot(plan, ["status", "signed_on", "review_due"])
        plan.status, plan.signed_on, plan.review_due = PlanStatus.SIGNED, last, review
        save_versioned(plan, expected=plan.version, fields=["status", "signed_on", "review_due"])
        audit.record_change(
            actor=actor,
            record=plan,
            client=plan.relationship.client,
            what=PathwayEvent.PLAN,
            changes=audit.diff(before, plan, ["status", "signed_on", "review_due"]),
        )
    return plan


def _require_held_joint_meeting(plan: ActivationPlan, *, signed_on: dt.date) -> None:
    """Signing "at the joint meeting" needs that meeting recorded as held, on that day."""
    meeting = plan.joint_meeting
    if meeting is None or meeting.status != MeetingStatus.HELD:
        raise field_error(
            "method",
            _(
                "The joint meeting with the employment authority has not been recorded "
                "as held. Record it as held first, or choose how the plan was signed."
            ),
            PathwayError.JOINT_MEETING_NOT_HELD,
        )
    held_on = meeting.held_on or timezone.localdate(meeting.starts_at)
    if signed_on != held_on:
        raise field_error(
            "signed_on",
            _("The joint meeting was held on %(date)s: give that date.") % {"date": _day(held_on)},
            PathwayError.NOT_THE_MEETING_DAY,
        )


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
    _require_draft(plan)
    if plan.employment_authority is None:
        raise ValidationError(
            _("Choose the employment authority of the plan before booking the joint meeting."),
            code=PathwayError.NO_AUTHORITY,
        )
    if plan.joint_meeting is not None and plan.joint_meeting.status == MeetingStatus.BOOKED:
        raise ValidationError(
            _("A joint meeting is already booked for this plan. Cancel it to book another."),
            code=PathwayError.BOOKED,
        )
    meeting = client_services.meeting_book(
        actor=actor,
        relationship=plan.relationship,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        channel=channel,
        location=location,
        participants=participants
        or ", ".join(filter(None, [plan.employment_authority.name, plan.official_name])),
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
    if meeting is None or meeting.status != MeetingStatus.BOOKED:
        raise ValidationError(
            _("No joint meeting is booked for this plan."), code=PathwayError.NOT_BOOKED
        )
    if meeting.starts_at > clock.now():
        raise ValidationError(
            _("A meeting that has not started yet cannot be marked held."),
            code=PathwayError.NOT_STARTED,
        )
    refuse_null_characters(notes=notes)
    booked_on = timezone.localdate(meeting.starts_at)
    held_on = held_on or booked_on
    _bounded_by_pathway("held_on", held_on, relationship=plan.relationship)
    if held_on < booked_on:
        message = _("The date cannot be before %(date)s, the day the meeting was booked for.")
        raise field_error(
            "held_on", message % {"date": _day(booked_on)}, PathwayError.BEFORE_BOOKING
        )
    if held_on > clock.today():
        raise field_error("held_on", _("The date cannot be in the future."), CommonError.FUTURE)
    before = audit.snapshot(meeting, ["status", "held_on", "notes"])
    meeting.status, meeting.held_on, meeting.notes = MeetingStatus.HELD, held_on, notes.strip()
    save_versioned(
        meeting,
        expected=meeting.version if version is None else version,
        fields=["status", "held_on", "notes"],
    )
    audit.record_change(
        actor=actor,
        record=meeting,
        client=plan.relationship.client,
        what=PathwayEvent.JOINT_MEETING_HELD,
        changes=audit.diff(before, meeting, ["status", "held_on", "notes"]),
    )
    return meeting


@transaction.atomic
def plan_refuse(
    *, actor: User, plan: ActivationPlan, consequences_explained: bool
) -> ActivationPlan:
    """The client refuses all measures; that the consequences were explained is recorded."""
    require_caseworker(actor, plan.relationship)
    _require_draft(plan)
    if not consequences_explained:
        raise field_error(
            "consequences_explained",
            _("Explain the possible consequences to the client and tick the box."),
            PathwayError.CONSEQUENCES,
        )
    plan.refused, plan.consequences_explained, plan.status = True, True, PlanStatus.REFUSED
    save_versioned(
        plan, expected=plan.version, fields=["refused", "consequences_explained", "status"]
    )
    audit.record_change(
        actor=actor,
        record=plan,
        client=plan.relationship.client,
        what=PathwayEvent.MEASURES_REFUSED,
        changes={
            "status": (PlanStatus.DRAFT, PlanStatus.REFUSED),
            "consequences_explained": (False, True),
        },
    )
    return plan


@transaction.atomic
def plan_reflection(
    *, actor: User, plan: ActivationPlan, reflection_due: dt.date
) -> ActivationPlan:
    """S6: the date by which the client decides; moves the pathway to reflection."""
    relationship = plan.relationship
    require_caseworker(actor, relationship)
    if plan.round != 1 or plan.status != PlanStatus.SIGNED:
        raise ValidationError(
            _("The reflection follows the signed first plan."), code=PathwayError.NOT_SIGNED
        )
    if reflection_due < clock.today():
        raise field_error("reflection_due", _("The date cannot be in the past."), CommonError.PAST)
    before = audit.snapshot(plan, ["reflection_due"])
    plan.reflection_due = reflection_due
    plan.save(update_fields=["reflection_due", "updated_at"])
    audit.record_change(
        actor=actor,
        record=plan,
        client=relationship.client,
        what=PathwayEvent.REFLECTION,
        changes=audit.diff(before, plan, ["reflection_due"]),
    )
    if relationship.stage == Stage.S5_ACTIVATION_PLAN:
        transition(actor=actor, relationship=relationship, target=Stage.S6_REFLECTION)
    return plan


@transaction.atomic
def visit_add(
    *,
    actor: User,
    plan: ActivationPlan,
    option: PlanOption,
    visited_on: dt.date,
    with_worker: bool,
    impression: str,
) -> FamiliarisationVisit:
    require_caseworker(actor, plan.relationship)
    if option.plan_id != plan.pk:
        raise field_error(
            "option", _("Choose one of this plan's options."), PathwayError.NOT_THIS_PLAN
        )
    if visited_on > clock.today():
        raise field_error("visited_on", _("The date cannot be in the future."), CommonError.FUTURE)
    refuse_null_characters(impression=impression)
    first_plan_signed_on = _first_plan_signed_on(plan.relationship)
    if first_plan_signed_on is None:
        raise ValidationError(_("The first plan must be signed first."), code=PathwayError.NO_FIRST)
    _bounded_by_pathway(
        "visited_on",
        visited_on,
        relationship=plan.relationship,
        first_plan_signed_on=first_plan_signed_on,
    )
    visit = FamiliarisationVisit.objects.create(
        plan=plan,
        option=option,
        visited_on=visited_on,
        with_worker=with_worker,
        impression=impression.strip(),
        recorded_by=actor,
    )
    audit.record_change(
        actor=actor,
        record=visit,
        client=plan.relationship.client,
        what=PathwayEvent.VISIT,
        changes={
            "option": (None, option.pk),
            "visited_on": (None, visited_on),
            "with_worker": (None, with_worker),
        },
    )
    return visit


def _copy_plan(
    plan: ActivationPlan, *, actor: User, round_: int, reason: str = ""
) -> ActivationPlan:
    latest = (
        ActivationPlan.objects.filter(relationship=plan.relationship).order_by("-number").first()
    )
    new = ActivationPlan(
        relationship=plan.relationship,
        number=(latest.number if latest else 0) + 1,
        round=round_,
        author=actor,
        previous=plan,
        correction_reason=reason,
        **{name: getattr(plan, name) for name in PLAN_FIELDS if name != "review_due"},
    )
    new.save()
    mapping = {}
    for option in plan.options.all():
        mapping[option.pk] = PlanOption.objects.create(
            plan=new,
            kind=option.kind,
            place=option.place,
            note=option.note,
            proposed_by_client=option.proposed_by_client,
        )
    new._option_copies = mapping  # type: ignore[attr-defined]
    return new


@transaction.atomic
def plan_second(
    *,
    actor: User,
    relationship: ClientRelationship,
    chosen_option: PlanOption | None,
    how: str,
    back_to_mapping: bool = False,
) -> ActivationPlan:
    """S7: the second plan records the chosen option, or that the mapping continues."""
    require_caseworker(actor, relationship)
    if relationship.stage != Stage.S6_REFLECTION:
        raise ValidationError(
            _("The second plan follows the reflection: agree the decision date first."),
            code=PathwayError.STAGE,
        )
    first = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship, round=1)
        .order_by("-number")
        .first()
    )
    if first is None:
        raise ValidationError(_("The first plan must be signed first."), code=PathwayError.NO_FIRST)
    if ActivationPlan.objects.filter(relationship=relationship, round__gte=2).exists():
        raise ValidationError(
            _("The second plan has already been started."), code=PathwayError.EXISTS
        )
    if chosen_option is None and not back_to_mapping:
        raise field_error(
            "chosen_option",
            _("Choose an option, or record that the mapping continues."),
            PathwayError.NO_CHOICE,
        )
    if chosen_option is not None and back_to_mapping:
        raise field_error(
            "chosen_option",
            _("Choose an option or record that the mapping continues, not both."),
            PathwayError.CONTRADICTION,
        )
    if chosen_option is not None and chosen_option.plan_id != first.pk:
        raise field_error(
            "chosen_option",
            _("Choose one of the first plan's options."),
            PathwayError.NOT_FIRST_PLAN,
        )
    second = _copy_plan(first, actor=actor, round_=2)
    second.chosen_how = how
    second.back_to_mapping = back_to_mapping
    second.chosen_option = second._option_copies[chosen_option.pk] if chosen_option else None  # type: ignore[attr-defined]
    second.save(update_fields=["chosen_how", "back_to_mapping", "chosen_option"])
    audit.record_change(
        actor=actor,
        record=second,
        client=relationship.client,
        what=PathwayEvent.SECOND_PLAN,
        changes={
            "chosen_option": (None, second.chosen_option_id),
            "back_to_mapping": (None, back_to_mapping),
            "chosen_how": (None, how),
        },
    )
    if relationship.stage == Stage.S6_REFLECTION:
        transition(actor=actor, relationship=relationship, target=Stage.S7_SECOND_PLAN)
    return second


@transaction.atomic
def plan_correct(*, actor: User, plan: ActivationPlan, reason: str) -> ActivationPlan:
    """A correction of a signed plan is a new version with a reason; the signed one stays."""
    require_caseworker(actor, plan.relationship)
    if plan.status != PlanStatus.SIGNED:
        raise ValidationError(
            _("Only a signed plan is corrected with a new version."), code=PathwayError.NOT_SIGNED
        )
    if not reason.strip():
        raise field_error("reason", _("Give the reason for the new version."), PathwayError.REASON)
    refuse_null_characters(reason=reason)
    versions = ActivationPlan.objects.filter(relationship=plan.relationship)
    if versions.filter(number__gt=plan.number).exists() or versions.drafts().exists():
        raise ValidationError(
            _("Only the newest version is corrected, and only when no draft is open."),
            code=PathwayError.NOT_LATEST,
        )
    new = _copy_plan(plan, actor=actor, round_=plan.round, reason=reason.strip())
    if plan.chosen_option_id:
        new.chosen_option = new._option_copies.get(plan.chosen_option_id)  # type: ignore[attr-defined]
        new.chosen_how, new.back_to_mapping = plan.chosen_how, plan.back_to_mapping
        new.save(update_fields=["chosen_option", "chosen_how", "back_to_mapping"])
    audit.record_change(
        actor=actor,
        record=new,
        client=plan.relationship.client,
        what=PathwayEvent.PLAN_CORRECTED,
        changes={
            "number": (plan.number, new.number),
            "correction_reason": (None, new.correction_reason),
        },
    )
    return new


def notice_disclose(*, actor: User, plan: ActivationPlan) -> None:
    """The information notice printed for the client (a document given out)."""
    require_caseworker(actor, plan.relationship)
    audit.record_disclosure(
        actor=actor,
        client=plan.relationship.client,
        what=PathwayEvent.INFORMATION_NOTICE,
        recipient=Recipient.CLIENT.value,
        purpose="information before the activation plan",
        legal_basis="189/2001 §8",
        record=plan,
    )


@dataclass(frozen=True)
class PlanCopy:
    """What one recipient's copy of the plan PDF carries about the client."""

    recipient: Recipient  # the stable key recorded in the disclosure event
    identity_code: str  # the full code (or temporary id), or "" for the birth date only
    birth_date: dt.date | None
    address: bool
    authority: Unit | None = None  # the employment authority it goes to, by reference


def plan_copy_for(plan: ActivationPlan, recipient: str) -> PlanCopy:
    """Decide per recipient what the plan carries (data minimisation, 703/2023):

    - the client: everything, their own address even under a non-disclosure marking;
    - the employment authority, a party to the plan: what it needs to identify the client and
      act on the plan, the identity code included, the address only without a non-disclosure
      marking;
    - anyone else (a copy printed for the file): the birth date instead of the identity code,
      and no address.
    """
    person = plan.relationship.client
    code = person.identity_code or person.temporary_id
    if recipient == Recipient.CLIENT:
        return PlanCopy(Recipient.CLIENT, code, None, address=True)
    if recipient == Recipient.EMPLOYMENT_AUTHORITY:
        return PlanCopy(
            Recipient.EMPLOYMENT_AUTHORITY,
            code,
            None,
            address=not person.non_disclosure,
            authority=plan.employment_authority,
        )
    return PlanCopy(Recipient.PRINT, "", person.birth_date, address=False)


def plan_disclose(*, actor: User, plan: ActivationPlan, recipient: str) -> PlanCopy:
    """Printing or sending the plan PDF is a disclosure (703/2023); the event stores the
    recipient's key and the employment authority by reference (the timeline shows its label
    and the authority's name), and the copy carries what they get."""
    require_caseworker(actor, plan.relationship)
    copy = plan_copy_for(plan, recipient)
    audit.record_disclosure(
        actor=actor,
        client=plan.relationship.client,
        what=PathwayEvent.PLAN_PDF,
        recipient=copy.recipient.value,
        purpose="activation plan for the parties",
        legal_basis="189/2001 §8",
        record=plan,
        changes={"employment_authority": (None, copy.authority)} if copy.authority else None,
    )
    return copy
