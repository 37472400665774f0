"""Contacts to the client (letter, phone call, message) with their outcome."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients import rules
from polku.clients.access import require_caseworker
from polku.clients.events import ClientEvent
from polku.clients.models import ClientRelationship, ContactLog, Meeting
from polku.core import clock
from polku.core.errors import CommonError, refuse_null_characters


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
    rules.relationship_not_ended(relationship)
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
