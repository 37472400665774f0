"""The end of the relationship (S14), the follow-up contact one month later (S15), and what
follows a need: the relationship reopened, or a new one opened and linked to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients import services as client_services
from polku.clients.access import is_unit_worker, require_caseworker
from polku.clients.events import ClientEvent
from polku.clients.models import ClientRelationship, ContactSource, Stage
from polku.clients.rules import no_open_relationship
from polku.closure import facts, rules
from polku.closure.errors import ClosureError
from polku.closure.events import ClosureEvent
from polku.closure.models import (
    CONCLUDING_OUTCOMES,
    CallNeed,
    CallOutcome,
    Certificate,
    CertificateStatus,
    FollowUpCall,
    RelationshipEnd,
)
from polku.core import clock
from polku.core.errors import CommonError, field_error, refusal, refuse_null_characters
from polku.network.models import Opportunity, Partner
from polku.pathways import machine

# Where a reopened relationship resumes: the service need is assessed again (SPEC §2 S4).
REOPEN_STAGE = Stage.S4_ASSESSMENT


def end_bounds(relationship: ClientRelationship) -> dict[Any, dt.date | None]:
    """The pathway's earlier events the end cannot precede, each with its message."""
    periods = facts.full_periods(relationship)
    last_period_end = max((p.ends_on for p in periods), default=None)
    # A period still under way (its end today or later) "ends"; one in the past "ended".
    period_message = (
        gettext_lazy(
            "The date cannot be before %(date)s, when the last period ends; if the period "
            "ends earlier, end it first."
        )
        if last_period_end is not None and last_period_end >= clock.today()
        else gettext_lazy("The date cannot be before %(date)s, when the last period ended.")
    )
    certificates = Certificate.objects.filter(
        period__relationship=relationship, status=CertificateStatus.GIVEN
    ).values_list("given_on", flat=True)
    return {
        gettext_lazy(
            "The date cannot be before %(date)s, when the client relationship began."
        ): relationship.started_on,
        period_message: last_period_end,
        gettext_lazy(
            "The date cannot be before %(date)s, the last day recorded in attendance."
        ): facts.last_recorded_day(relationship=relationship),
        gettext_lazy("The date cannot be before %(date)s, when the certificate was given."): max(
            (day for day in certificates if day is not None), default=None
        ),
    }


@transaction.atomic
def relationship_end(
    *,
    actor: User,
    relationship: ClientRelationship,
    version: int,
    ended_on: dt.date,
    destination: str,
    destination_detail: str,
    no_further_need: bool,
    opportunity: Opportunity | None = None,
    partner: Partner | None = None,
) -> RelationshipEnd:
    """S13 → S14: the relationship ends with its destination, once the certificate is given
    and the follow-up plan made (the state machine's checks), the worker confirming that the
    client has no further need of social services. The relationship leaves the caseload, the
    place supervisor's access ends, and the follow-up contact falls due one month later.
    ``opportunity`` or ``partner`` (optional) traces the destination back to the service
    network, for the manager's outcomes per partner and per place."""
    require_caseworker(actor, relationship)
    if not relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)
    refuse_null_characters(destination_detail=destination_detail)
    # The form's checks run together, so every field to correct is named at once.
    errors: dict[str, list[ValidationError]] = {}
    if not no_further_need:
        field_error(
            "no_further_need",
            _("Confirm that the client has no further need of social services."),
            ClosureError.NOT_CONFIRMED,
        ).update_error_dict(errors)
    for check in (
        lambda: rules.destination_detail(destination, destination_detail),
        lambda: rules.end_date(ended_on, end_bounds(relationship)),
        lambda: rules.traced_to(destination, opportunity=opportunity, partner=partner),
    ):
        try:
            check()
        except ValidationError as error:
            error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    end = RelationshipEnd(
        relationship=relationship,
        ended_on=ended_on,
        destination=destination,
        destination_detail=destination_detail.strip(),
        no_further_need=True,
        opportunity=opportunity,
        partner=partner,
        recorded_by=actor,
    )
    end.full_clean()
    end.save()
    missing = machine.missing_for(relationship, Stage.S14_CLOSED)
    if missing:
        raise refusal(missing, CommonError.MISSING)
    audit.record_change(
        actor=actor,
        record=end,
        client=relationship.client,
        what=ClosureEvent.RELATIONSHIP_ENDED,
        changes={
            "destination": (None, destination),
            **(
                {"destination_detail": (None, end.destination_detail)}
                if end.destination_detail
                else {}
            ),
            "no_further_need": (None, True),
            **({"opportunity": (None, opportunity.pk)} if opportunity is not None else {}),
            **({"partner": (None, partner.pk)} if partner is not None else {}),
        },
    )
    audit.model_update(
        actor=actor,
        obj=relationship,
        version=version,
        data={"stage": Stage.S14_CLOSED, "ended_on": ended_on},
        what=ClosureEvent.RELATIONSHIP_ENDED,
        client=relationship.client,
        clean=False,
    )
    return end


@transaction.atomic
def follow_up_call_record(
    *,
    actor: User,
    relationship: ClientRelationship,
    called_on: dt.date,
    outcome: str,
    need: str = "",
    note: str = "",
    stop_reason: str = "",
) -> FollowUpCall:
    """S14 → S15: an attempt at the follow-up contact one month after the end, with its
    outcome. A client reached says whether they need more: none (the relationship stays
    closed), reopen this relationship, or open a new one linked to it. A client not reached
    is called again (the work queue reminds, :func:`rules.call_again_on`) until one attempt
    reaches them or the worker records, with the reason, that no more attempts will be made;
    only these conclude the contact and move the pathway to S15."""
    require_caseworker(actor, relationship)
    end = facts.current_end(relationship)
    if relationship.is_open or end is None:
        raise ValidationError(
            _("The follow-up contact is made after the client relationship has ended."),
            code=ClosureError.NOT_ENDED,
        )
    refuse_null_characters(note=note, stop_reason=stop_reason)
    # The one check of a concluded contact, backed by the database's
    # one_concluding_call_per_end; the end's row is locked so that two workers recording at
    # once are decided one after the other.
    RelationshipEnd.objects.select_for_update().get(pk=end.pk)
    attempts = list(end.calls.order_by("-called_on", "-pk"))
    if any(call.outcome in CONCLUDING_OUTCOMES for call in attempts):
        raise ValidationError(
            _(
                "The follow-up contact has already been concluded: the client was reached, or "
                "no more attempts are made."
            ),
            code=ClosureError.CALL_CONCLUDED,
        )
    rules.call_date(
        called_on,
        ended_on=end.ended_on,
        last_attempt=attempts[0].called_on if attempts else None,
    )
    rules.call_outcome(outcome, need=need, stop_reason=stop_reason)
    if outcome != CallOutcome.REACHED:
        need = ""
    if outcome != CallOutcome.NO_MORE_ATTEMPTS:
        stop_reason = ""
    call = FollowUpCall(
        end=end,
        called_on=called_on,
        outcome=outcome,
        need=need,
        note=note.strip(),
        stop_reason=stop_reason.strip()[:300],
        recorded_by=actor,
    )
    call.full_clean()
    call.save()
    audit.record_change(
        actor=actor,
        record=call,
        client=relationship.client,
        what=ClosureEvent.FOLLOW_UP_CALL,
        changes={
            "called_on": (None, called_on),
            "outcome": (None, outcome),
            **({"need": (None, need)} if need else {}),
            **({"stop_reason": (None, call.stop_reason)} if call.stop_reason else {}),
        },
    )
    if outcome == CallOutcome.NOT_REACHED:
        return call
    if relationship.stage == Stage.S14_CLOSED:
        missing = machine.missing_for(relationship, Stage.S15_FOLLOW_UP_CALL)
        if missing:
            raise refusal(missing, CommonError.MISSING)
        audit.model_update(
            actor=actor,
            obj=relationship,
            version=relationship.version,
            data={"stage": Stage.S15_FOLLOW_UP_CALL},
            what=ClientEvent.STAGE,
            client=relationship.client,
            clean=False,
        )
    reason = note.strip() or _("A need found at the follow-up contact.")
    if need == CallNeed.REOPEN:
        relationship_reopen(
            actor=actor, relationship=relationship, version=relationship.version, reason=reason
        )
    elif need == CallNeed.NEW_RELATIONSHIP:
        relationship_new(actor=actor, relationship=relationship, reason=reason)
    return call


def _latest_and_closed(relationship: ClientRelationship) -> RelationshipEnd:
    end = facts.current_end(relationship)
    if relationship.is_open or end is None:
        raise ValidationError(_("The client relationship is open."), code=ClosureError.NOT_ENDED)
    no_open_relationship(relationship.client.relationships.open().first())
    return end


@transaction.atomic
def relationship_reopen(
    *, actor: User, relationship: ClientRelationship, version: int, reason: str
) -> ClientRelationship:
    """A closed relationship is reopened with a reason: the end is kept with when and why it
    was undone, and the pathway resumes at the service-need assessment. Only the client's
    latest relationship is reopened; an earlier one is continued by a new relationship."""
    require_caseworker(actor, relationship)
    end = _latest_and_closed(relationship)
    latest = relationship.client.relationships.order_by("-started_on", "-pk").first()
    if latest is not None and latest.pk != relationship.pk:
        raise ValidationError(
            _("The client has a later relationship: open a new one instead."),
            code=ClosureError.NOT_LATEST,
        )
    refuse_null_characters(reason=reason)
    if not reason.strip():
        raise field_error(
            "reason", _("Write why the relationship is reopened."), CommonError.REQUIRED
        )
    today = clock.today()
    end.reopened_on = today
    end.reopen_reason = reason.strip()[:300]
    end.reopened_by = actor
    end.full_clean()
    end.save(update_fields=["reopened_on", "reopen_reason", "reopened_by", "updated_at"])
    audit.record_change(
        actor=actor,
        record=end,
        client=relationship.client,
        what=ClosureEvent.RELATIONSHIP_REOPENED,
        changes={"reopened_on": (None, today), "reopen_reason": (None, end.reopen_reason)},
    )
    audit.model_update(
        actor=actor,
        obj=relationship,
        version=version,
        data={"ended_on": None, "stage": REOPEN_STAGE},
        what=ClosureEvent.RELATIONSHIP_REOPENED,
        client=relationship.client,
        clean=False,
    )
    return relationship


@transaction.atomic
def relationship_new(
    *, actor: User, relationship: ClientRelationship, reason: str
) -> ClientRelationship:
    """A new relationship for the client of a closed one, linked to the history (its
    ``previous``), opened today in the same unit with the actor as its responsible worker."""
    require_caseworker(actor, relationship)
    _latest_and_closed(relationship)
    if not reason.strip():
        raise field_error("reason", _("Write the reason for contact."), CommonError.REQUIRED)
    new = client_services.relationship_open(
        actor=actor,
        client=relationship.client,
        unit=relationship.unit,
        started_on=clock.today(),
        source=ContactSource.OUTREACH,
        # No words stored in the actor's language: the client page names the earlier
        # relationship (``previous``) in the viewer's.
        source_detail="",
        reason=reason.strip(),
    )
    if is_unit_worker(actor, relationship.unit):
        client_services.worker_assign(actor=actor, relationship=new, worker=actor)
    return new
