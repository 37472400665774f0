"""Writes for S4–S7: documents, the activation plan, options, signatures, reflection, the
second plan, and pathway transitions. Each checks state, saves and audits in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
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
    refusal,
    refuse_null_characters,
)
from polku.core.rules import not_in_future
from polku.core.versioning import save_versioned
from polku.pathways import machine, rules
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


@transaction.atomic
def transition(
    *, actor: User, relationship: ClientRelationship, target: Stage
) -> ClientRelationship:
    """Move the pathway to ``target`` when the machine allows it; otherwise say what is missing.
    The stage and its change event are written together or not at all."""
    require_caseworker(actor, relationship)
    missing = machine.missing_for(relationship, target)
    if missing:
        raise refusal(missing, CommonError.MISSING)
    audit.model_update(
        actor=actor,
        obj=relationship,
        version=relationship.version,
        data={"stage": target},
        what=ClientEvent.STAGE,
        client=relationship.client,
        clean=False,
    )
    return relationship


def _first_plan_signed_on(relationship: ClientRelationship) -> dt.date | None:
    first = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship, round=1)
        .order_by("number")
        .values_list("signed_on", flat=True)
        .first()
    )
    return first


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
    rules.worker_named(relationship)
    refuse_null_characters(**fields)
    names = DOCUMENT_FIELDS[model]
    doc = model.objects.filter(relationship=relationship).order_by("-number").first()
    rules.document_editable(doc)
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
        rules.document_content(model, {name: getattr(doc, name) for name in names})
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


@transaction.atomic
def document_revise(*, actor: User, doc: Doc, reason: str) -> Doc:
    """A new draft version of a completed document; the completed one stays as it was."""
    relationship = doc.relationship
    require_caseworker(actor, relationship)
    rules.document_revisable(doc)
    rules.reason_given(reason)
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
    rules.worker_named(relationship)
    if ActivationPlan.objects.filter(relationship=relationship).exists():
        raise ValidationError(
            _("The first plan has already been started."), code=PathwayError.EXISTS
        )
    if relationship.stage != Stage.S5_ACTIVATION_PLAN:
        missing = machine.missing_for(relationship, Stage.S5_ACTIVATION_PLAN)
        if missing:
            raise refusal(missing, CommonError.MISSING)
    rules.mts_start(plan_type, assessment_started_on)
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


@transaction.atomic
def plan_update(
    *, actor: User, plan: ActivationPlan, version: int, **fields: Any
) -> ActivationPlan:
    """Save the plan's contents (a draft only); a concurrent save is refused."""
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    refuse_null_characters(**fields)
    data = {name: fields[name] for name in PLAN_FIELDS if name in fields}

    def saved(name: str) -> Any:
        return data[name] if name in data else getattr(plan, name)

    rules.plan_contents(
        plan,
        joint_meeting=saved("joint_meeting"),
        notice_given_on=saved("notice_given_on"),
        notice_method=saved("notice_method"),
        review_due=saved("review_due"),
    )
    if any(getattr(plan, name) != value for name, value in data.items()):
        # The voided signatures are logged before the change that voids them.
        _clear_signatures(actor=actor, plan=plan)
    audit.model_update(
        actor=actor,
        obj=plan,
        version=version,
        data=data,
        what=PathwayEvent.PLAN,
        client=plan.relationship.client,
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
    rules.plan_draft(plan)
    rules.option_valid(kind=kind, place=place, note=note)
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
    rules.plan_draft(plan)
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
    rules.plan_draft(plan)
    missing = signing_missing(plan)
    if missing:
        raise refusal(missing, PathwayError.CANNOT_SIGN)
    rules.signer_named(signer_name)
    refuse_null_characters(signer_name=signer_name)
    rules.signature_date(
        signed_on,
        started_on=plan.relationship.started_on,
        notice_given_on=plan.notice_given_on,
    )
    if method == SignatureMethod.JOINT_MEETING:
        rules.signed_at_the_held_joint_meeting(plan, signed_on=signed_on)
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
        review = rules.review_after_signing(plan, last_signed_on=last)
        audit.model_update(
            actor=actor,
            obj=plan,
            version=plan.version,
            data={"status": PlanStatus.SIGNED, "signed_on": last, "review_due": review},
            what=PathwayEvent.PLAN,
            client=plan.relationship.client,
            clean=False,
        )
    return plan


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


@transaction.atomic
def plan_refuse(
    *, actor: User, plan: ActivationPlan, consequences_explained: bool
) -> ActivationPlan:
    """The client refuses all measures; that the consequences were explained is recorded."""
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    rules.consequences_explained(consequences_explained)
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
    rules.reflection_follows(plan)
    rules.reflection_due_date(reflection_due)
    audit.model_update(
        actor=actor,
        obj=plan,
        version=plan.version,
        data={"reflection_due": reflection_due},
        what=PathwayEvent.REFLECTION,
        client=relationship.client,
        clean=False,
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
    rules.option_of_the_plan(option, plan)
    not_in_future("visited_on", visited_on)
    refuse_null_characters(impression=impression)
    first_plan_signed_on = _first_plan_signed_on(plan.relationship)
    if first_plan_signed_on is None:
        raise ValidationError(_("The first plan must be signed first."), code=PathwayError.NO_FIRST)
    rules.pathway_bounds(
        "visited_on",
        visited_on,
        started_on=plan.relationship.started_on,
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
    rules.second_plan_follows_reflection(relationship)
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
    rules.second_plan_choice(
        first=first,
        chosen_option_plan_id=chosen_option.plan_id if chosen_option else None,
        back_to_mapping=back_to_mapping,
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
    rules.plan_correctable(plan)
    rules.reason_given(reason)
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


@transaction.atomic
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


@transaction.atomic
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
