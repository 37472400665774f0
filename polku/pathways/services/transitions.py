"""Pathway transitions: the stage moves when the machine allows it."""

from __future__ import annotations

from django.db import transaction

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.events import ClientEvent
from polku.clients.models import ClientRelationship, Stage
from polku.core.errors import CommonError, refusal
from polku.pathways import machine


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
