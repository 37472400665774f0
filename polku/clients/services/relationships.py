"""The client relationship: it begins (S1), its intake record is corrected, its stage moves."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients import rules
from polku.clients.access import is_unit_worker, require_caseworker
from polku.clients.events import ClientEvent
from polku.clients.models import Client, ClientRelationship, Stage
from polku.core.errors import refuse_null_characters


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
            "unit": (None, unit.pk),
            "started_on": (None, started_on),
            "source": (None, source),
            "stage": (None, Stage.S1_STARTED),
            **({"previous": (None, previous.pk)} if previous else {}),
        },
    )
    return relationship


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
