"""Complaints (muistutus, 812/2000 §23): the client makes one in OmaPolku, or a worker records
one written with the client; the managers of the unit (the person responsible for it) handle
and answer it in writing."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.feedback import access, rules, selectors
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackEvent
from polku.feedback.models import Complaint, ComplaintState, ReplyBy

MAX_TEXT = rules.MAX_COMPLAINT_TEXT


def _create(
    *,
    actor: User,
    client: Client,
    relationship: ClientRelationship,
    what_happened: str,
    when: str,
    wish: str,
    reply_by: str,
    contact: str,
    submission: uuid.UUID | None,
    helped_by: User | None,
) -> Complaint:
    if submission is not None:
        done = Complaint.objects.filter(submission=submission, client=client).first()
        if done is not None:
            return done
    what_happened, when, wish, contact = (
        (value or "").strip() for value in (what_happened, when, wish, contact)
    )
    refuse_null_characters(what_happened=what_happened, when=when, wish=wish, contact=contact)
    missing: dict[str, ValidationError] = {}
    if not what_happened:
        missing["what_happened"] = ValidationError(
            pgettext("client portal", "Write what happened."),
            code=CommonError.REQUIRED,
        )
    if reply_by not in ReplyBy.values:
        missing["reply_by"] = ValidationError(
            pgettext("client portal", "Choose how you want the answer."),
            code=CommonError.REQUIRED,
        )
    elif reply_by != ReplyBy.OMAPOLKU and not contact:
        missing["contact"] = ValidationError(
            pgettext("client portal", "Write the phone number or the address for the answer."),
            code=CommonError.REQUIRED,
        )
    for name, value in (("what_happened", what_happened), ("wish", wish)):
        if len(value) > MAX_TEXT:  # each on its own field, with the others at once
            missing.setdefault(
                name,
                ValidationError(
                    pgettext("client portal", "Write at most %(count)s characters.")
                    % {"count": MAX_TEXT},
                    code=FeedbackError.TOO_LONG,
                ),
            )
    if missing:
        raise ValidationError(missing)
    complaint = Complaint(
        client=client,
        relationship=relationship,
        unit=relationship.unit,
        what_happened=what_happened,
        when=when,
        wish=wish,
        reply_by=reply_by,
        contact=contact,
        helped_by=helped_by,
        submission=submission,
    )
    complaint.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:
        done = Complaint.objects.filter(submission=submission).first() if submission else None
        if done is None or done.client_id != client.pk:
            raise
        return done  # the parallel send of the same form won
    audit.record_change(
        actor=actor,
        record=complaint,
        client=client,
        what=FeedbackEvent.COMPLAINT_MADE,
        changes={
            "unit": (None, relationship.unit_id),
            "reply_by": (None, reply_by),
            "helped_by": (None, helped_by.pk if helped_by else None),
        },
    )
    return complaint


@transaction.atomic
def complaint_make(*, actor: User, client: Client, **fields: Any) -> Complaint:
    """The client makes a complaint in OmaPolku, addressed to the person responsible for their
    unit (the open relationship's, else the latest)."""
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
    relationship = selectors.routing_relationship(client)
    if relationship is None:
        raise ValidationError(
            pgettext(
                "client portal",
                "Your complaint cannot be sent here yet. Send it by letter to the social "
                "services office.",
            ),
            code=FeedbackError.NO_UNIT,
        )
    return _create(
        actor=actor,
        client=client,
        relationship=relationship,
        helped_by=None,
        what_happened=fields.get("what_happened", ""),
        when=fields.get("when", ""),
        wish=fields.get("wish", ""),
        reply_by=fields.get("reply_by", ""),
        contact=fields.get("contact", ""),
        submission=fields.get("submission"),
    )


@transaction.atomic
def complaint_assist(*, actor: User, relationship: ClientRelationship, **fields: Any) -> Complaint:
    """A worker records a complaint written with the client (812/2000 §23: staff help a
    client who cannot write it alone). The record says who helped; the complaint goes to the
    managers of the unit like any other."""
    require_caseworker(actor, relationship)
    return _create(
        actor=actor,
        client=relationship.client,
        relationship=relationship,
        helped_by=actor,
        what_happened=fields.get("what_happened", ""),
        when=fields.get("when", ""),
        wish=fields.get("wish", ""),
        reply_by=fields.get("reply_by", ""),
        contact=fields.get("contact", ""),
        submission=fields.get("submission"),
    )


@transaction.atomic
def complaint_handle(
    *,
    actor: User,
    complaint: Complaint,
    version: int,
    state: str,
    answer: str = "",
    answered_on: dt.date | None = None,
) -> Complaint:
    """A handler takes the complaint in hand, or records the written answer with its date.
    An answered complaint stays answered."""
    if complaint.unit_id not in access.handler_unit_ids(actor):
        raise PermissionDenied
    allowed = {
        ComplaintState.RECEIVED: {ComplaintState.IN_PROGRESS, ComplaintState.ANSWERED},
        ComplaintState.IN_PROGRESS: {ComplaintState.ANSWERED},
    }.get(ComplaintState(complaint.state), set())
    if state not in allowed:
        raise ValidationError(
            _("The complaint cannot be marked so in its present state."),
            code=FeedbackError.WRONG_STATE,
        )
    data: dict[str, object] = {"state": state, "handler": actor}
    if state == ComplaintState.ANSWERED:
        answer = (answer or "").strip()
        refuse_null_characters(answer=answer)
        missing: dict[str, ValidationError] = {}
        if not answer:
            missing["answer"] = ValidationError(
                _("Write the answer, or its summary."), code=FeedbackError.ANSWER_NEEDED
            )
        if answered_on is None:
            missing["answered_on"] = ValidationError(
                _("Give the date of the answer."), code=CommonError.REQUIRED
            )
        if missing:
            raise ValidationError(missing)
        assert answered_on is not None  # noqa: S101
        if answered_on > clock.today():
            raise field_error(
                "answered_on", _("The date cannot be in the future."), CommonError.FUTURE
            )
        if answered_on < complaint.created_at.date():
            raise field_error(
                "answered_on",
                _("The answer cannot be dated before the complaint."),
                CommonError.PAST,
            )
        data |= {"answer": answer, "answered_on": answered_on}
    audit.model_update(
        actor=actor,
        obj=complaint,
        version=version,
        data=data,
        what=FeedbackEvent.COMPLAINT_STATE,
        client=complaint.client,
    )
    return complaint
