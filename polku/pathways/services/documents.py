"""The service-need assessment and the client plan: versioned documents, draft → completed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.core.errors import refuse_null_characters
from polku.core.versioning import save_versioned
from polku.pathways import rules
from polku.pathways.events import PathwayEvent, PathwayRead
from polku.pathways.models import Assessment, ClientPlan, DocumentStatus, VersionedDocument

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
