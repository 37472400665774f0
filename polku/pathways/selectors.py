"""Reads for the plan pages, scoped to the viewer and logged, and one context builder per
page (``<page>_page``), so that a page and its error re-render cannot drift apart: views call
these and compute no domain facts of their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.audit.models import AuditEvent
from polku.clients.documents import letter_context
from polku.clients.forms import MeetingForm
from polku.clients.models import ClientRelationship, Meeting, Stage
from polku.core import clock
from polku.core.models import Versioned
from polku.core.rules import day_label
from polku.pathways import machine, rules
from polku.pathways.access import joint_plans_of
from polku.pathways.events import PathwayEvent, PathwayRead
from polku.pathways.forms import (
    DisclosureForm,
    OptionForm,
    PlanForm,
    PlanStartForm,
    ReasonForm,
    ReflectionForm,
    RefusalForm,
    SecondPlanForm,
    SignatureForm,
    VisitForm,
)
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    DocumentStatus,
    PlanOption,
    PlanSignature,
    PlanStatus,
)
from polku.pathways.services import PlanCopy, signing_missing

Doc = Assessment | ClientPlan


# The PDFs' file names in the document's language (the client's;
# ``polku.core.documents.document_filename``), for the staff's and the client's downloads.
PLAN_FILENAMES = {
    "fi": "aktivointisuunnitelma.pdf",
    "sv": "aktiveringsplan.pdf",
    "en": "activation-plan.pdf",
}
NOTICE_FILENAMES = {"fi": "tiedote.pdf", "sv": "meddelande.pdf", "en": "information-notice.pdf"}


def assessment_completed(relationship: ClientRelationship) -> bool:
    """S4 was done, not skipped: a version of the service-need assessment is completed."""
    return Assessment.objects.filter(
        relationship=relationship, status=DocumentStatus.COMPLETED
    ).exists()


def _plan_of_joint_meeting(meeting: Meeting) -> ActivationPlan | None:
    """The newest plan version the joint meeting is linked to."""
    return (
        ActivationPlan.objects.filter(
            relationship_id=meeting.relationship_id, joint_meeting=meeting
        )
        .order_by("-number", "-pk")
        .first()
    )


def joint_meeting_held_url(meeting: Meeting) -> str | None:
    plan = _plan_of_joint_meeting(meeting)
    return reverse("pathways:joint_meeting_held", args=[plan.pk]) if plan else None


def joint_meeting_invitation_url(meeting: Meeting) -> str | None:
    plan = _plan_of_joint_meeting(meeting)
    return reverse("pathways:joint_invitation", args=[plan.pk]) if plan else None


def current_plan(relationship: ClientRelationship) -> ActivationPlan | None:
    """The signed version with the highest number: derived, never a stored pointer."""
    return (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship)
        .order_by("-number")
        .first()
    )


def plan_versions(relationship: ClientRelationship) -> list[ActivationPlan]:
    return list(
        ActivationPlan.objects.filter(relationship=relationship)
        .select_related("author", "chosen_option__place")
        .prefetch_related(
            Prefetch("options", queryset=PlanOption.objects.select_related("place")),
            "signatures",
        )
        .order_by("-number")
    )


@dataclass
class PlansOverview:
    relationship: ClientRelationship
    assessments: list[Assessment]
    client_plans: list[ClientPlan]
    plans: list[ActivationPlan]
    current: ActivationPlan | None
    next_stages: list[tuple[Stage, list[str]]] = field(default_factory=list)


def plans_overview(*, relationship: ClientRelationship) -> PlansOverview:
    plans = plan_versions(relationship)
    signed = [p for p in plans if p.status == PlanStatus.SIGNED]
    return PlansOverview(
        relationship=relationship,
        assessments=list(
            Assessment.objects.filter(relationship=relationship).select_related("author")
        ),
        client_plans=list(
            ClientPlan.objects.filter(relationship=relationship).select_related("author")
        ),
        plans=plans,
        current=signed[0] if signed else None,
        next_stages=[
            (target, machine.missing_for(relationship, target))
            for target in machine.allowed_targets(relationship.stage)
        ],
    )


def stored_version(obj: Versioned) -> int:
    """The version saved now: after an edit conflict the form takes it, keeping the input."""
    return type(obj)._default_manager.values_list("version", flat=True).get(pk=obj.pk)


# -- Pages -------------------------------------------------------------------------------------


def joint_plans_page(*, viewer: User) -> list[ActivationPlan]:
    """The employment-authority official's joint plans, newest first; the reads are logged."""
    rows = list(
        joint_plans_of(viewer)
        .select_related(
            "relationship__client", "relationship__responsible_worker", "employment_authority"
        )
        .order_by("-updated_at", "-pk")[:100]
    )
    audit.record_access_many(
        actor=viewer,
        client_ids=[plan.relationship.client_id for plan in rows],
        what=PathwayRead.JOINT_PLANS,
        basis="employment_authority_party",
    )
    return rows


def joint_plan_page(*, plan: ActivationPlan) -> dict[str, Any]:
    """One joint plan, read-only (its read was logged by ``access_joint_plan``)."""
    return {
        "plan": plan,
        "options": list(plan.options.select_related("place")),
        "signatures": list(plan.signatures.all()),
    }


def plans_page(
    *, relationship: ClientRelationship, viewer: User, start_form: PlanStartForm | None = None
) -> dict[str, Any]:
    """The plans page, also when starting the first plan was refused. Only the caseworker moves
    the stage; others (the decision maker) see what is missing without the buttons."""
    from polku.clients.access import is_caseworker

    return {
        "o": plans_overview(relationship=relationship),
        "can_move": is_caseworker(viewer, relationship),
        "relationship": relationship,
        "start_form": start_form or PlanStartForm(),
        "today": clock.today(),
    }


def latest_document(*, relationship: ClientRelationship, model: type[Doc]) -> Doc | None:
    """The newest version of the relationship's assessment or client plan."""
    return model.objects.filter(relationship=relationship).order_by("-number").first()


def document_page(
    *, relationship: ClientRelationship, model: type[Doc], doc: Doc | None, **forms: Any
) -> dict[str, Any]:
    """The assessment or the client plan with its versions; ``forms`` are the page's forms
    (``form`` for the draft, ``reason_form`` for a new version)."""
    return {
        "doc": doc,
        "versions": list(model.objects.filter(relationship=relationship).select_related("author")),
        "relationship": relationship,
        "title": model._meta.verbose_name,
        **forms,
    }


def signature_parties(signatures: Iterable[PlanSignature]) -> str:
    """The signed parties with their signers' names, for the void warning and message."""
    return ", ".join(f"{s.get_party_display()} ({s.signer_name})" for s in signatures)


def signatures_at_risk(plan: ActivationPlan) -> list[PlanSignature]:
    """The signatures a change to the draft would void (a signed plan has none at risk)."""
    return list(plan.signatures.all()) if plan.status == PlanStatus.DRAFT else []


def voided(before: list[PlanSignature]) -> list[PlanSignature]:
    """Which of the signatures ``before`` a change voided (the service logged them)."""
    kept = set(
        PlanSignature.objects.filter(pk__in=[s.pk for s in before]).values_list("pk", flat=True)
    )
    return [s for s in before if s.pk not in kept]


def plan_page(*, plan: ActivationPlan, **forms: Any) -> dict[str, Any]:
    """The activation plan page; ``forms`` replace the default (empty) forms, e.g. the bound
    form whose POST was refused, so the page re-renders with its errors."""
    relationship = plan.relationship
    today = clock.today()
    defaults: dict[str, Any] = {
        "form": PlanForm(initial=PlanForm.initial_for(plan), plan=plan),
        "option_form": OptionForm(),
        "signature_form": SignatureForm(initial={"signed_on": today}),
        "refusal_form": RefusalForm(),
        "reflection_form": ReflectionForm(),
        "visit_form": VisitForm(plan=plan, initial={"visited_on": today}),
        "second_form": SecondPlanForm(plan=plan),
        "correct_form": ReasonForm(),
        "disclosure_form": DisclosureForm(),
        "joint_form": MeetingForm(
            initial={"duration_minutes": 60, "channel": "in_person", "location": ""},
            auto_id="id_joint_%s",
        ),
    }
    signatures = list(plan.signatures.all())
    draft = plan.status == PlanStatus.DRAFT
    return (
        defaults
        | forms
        | {
            "plan": plan,
            "relationship": relationship,
            "options": list(plan.options.select_related("place")),
            "signatures": signatures,
            "voids": signature_parties(signatures) if draft else "",
            "visits": list(plan.visits.select_related("option__place")),
            "versions": plan_versions(relationship),
            "signing_missing": signing_missing(plan) if draft else [],
            "max_review": rules.max_review_date(signed_on=plan.signed_on or today),
            "mts_deadline": rules.mts_deadline(plan),
            "today": today,
            "now": clock.now(),
            "can_start_second": plan.round == 1
            and plan.status == PlanStatus.SIGNED
            and relationship.stage == Stage.S6_REFLECTION,
        }
    )


def joint_meeting_held_initial(meeting: Meeting) -> dict[str, Any]:
    """The held form starts from the day the meeting was booked for."""
    return {"held_on": rules.booked_day(meeting), "version": meeting.version}


# -- Documents given out -----------------------------------------------------------------------


def copy_identity(copy: PlanCopy) -> str:
    """How a copy of the plan identifies the client, in the active language: the identity code
    (or temporary identifier) for a party, the birth date for anyone else (``plan_copy_for``)."""
    if copy.identity_code:
        return copy.identity_code
    assert copy.birth_date is not None  # noqa: S101 - a copy without the code has the date
    return _("born %(date)s") % {"date": day_label(copy.birth_date)}


def plan_document(*, plan: ActivationPlan, copy: PlanCopy) -> dict[str, Any]:
    """The plan PDF's context in the client's language, carrying what ``copy`` allows."""
    relationship = plan.relationship
    with translation.override(relationship.client.language):
        title = str(plan.get_plan_type_display())
        identity = copy_identity(copy)
    return letter_context(
        relationship=relationship,
        title=title,
        author=plan.author,
        identity=identity,
        plan=plan,
        options=list(plan.options.select_related("place")),
        signatures=list(plan.signatures.all()),
        show_address=copy.address,
    )


def notice_document(*, plan: ActivationPlan, author: User) -> dict[str, Any]:
    """The information notice about the activation plan, in the client's language."""
    relationship = plan.relationship
    with translation.override(relationship.client.language):
        title = str(_("Information notice about the activation plan"))
    return letter_context(
        relationship=relationship,
        title=title,
        author=author,
        unit=relationship.unit,
        worker=relationship.responsible_worker,
    )


def joint_invitation_document(
    *, plan: ActivationPlan, meeting: Meeting, author: User
) -> dict[str, Any]:
    """The invitation to the plan's joint meeting, in the client's language."""
    relationship = plan.relationship
    person = relationship.client
    with translation.override(person.language):
        title = str(_("Invitation to the joint meeting with the employment authority"))
    return letter_context(
        relationship=relationship,
        title=title,
        author=author,
        meeting=meeting,
        plan=plan,
        unit=relationship.unit,
        show_address=not person.non_disclosure,
    )


def plan_links_to_booked_joint_meetings(events: list[AuditEvent]) -> list[AuditEvent]:
    """The plan changes that only link the joint meeting booked with them
    (``services.joint_meeting_book``): the timeline shows the booking once."""
    from polku.clients.selectors import booked_joint_meetings

    booked = booked_joint_meetings(events)
    hidden = []
    for event in events:
        if event.what != PathwayEvent.PLAN or set(event.changes) != {"joint_meeting"}:
            continue
        old, new = event.changes["joint_meeting"]
        if old is None and new is not None and str(new) in booked:
            hidden.append(event)
    return hidden
