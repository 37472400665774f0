"""How an introductory period ended (S10), and the info package delivered (S9)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import ProducerType, User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import Recipient, Stage
from polku.clients.rules import not_before_relationship
from polku.core import clock
from polku.core.errors import CommonError, field_error, fields_error, refuse_null_characters
from polku.core.rules import not_in_future
from polku.placements.errors import PlacementError
from polku.placements.events import PlacementEvent
from polku.placements.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    DeliveryMethod,
    InfoPackage,
    InfoRecipient,
    IntroductoryOutcome,
    Period,
    PeriodKind,
    PeriodStatus,
)


@transaction.atomic
def introductory_period_conclude(
    *, actor: User, period: Period, outcome: str, note: str, version: int
) -> Period:
    """Record how the introductory period ended: continue, another place, or back to mapping;
    with what was learnt. The period ends.

    Only at S10 (the introductory period under way), and only for a period whose decision on
    the introductory period has been made."""
    relationship = period.relationship
    require_caseworker(actor, relationship)
    if period.kind != PeriodKind.INTRODUCTORY:
        raise ValidationError(
            _("Only an introductory period ends with this choice."),
            code=PlacementError.WRONG_STAGE,
        )
    if relationship.stage != Stage.S10_INTRODUCTORY_PERIOD:
        raise ValidationError(
            _(
                "An introductory period is ended while the client is at the introductory period (S10)."
            ),
            code=PlacementError.WRONG_STAGE,
        )
    if not Decision.objects.filter(
        period=period, kind=DecisionKind.INTRODUCTORY_PERIOD, status=DecisionStatus.DECIDED
    ).exists():
        raise ValidationError(
            _("No decision on this introductory period has been made yet."),
            code=PlacementError.DECISION_NOT_MADE,
        )
    if period.outcome:
        raise ValidationError(
            _("How the introductory period ended has already been recorded."),
            code=PlacementError.WRONG_STAGE,
        )
    if period.starts_on > clock.today():
        raise ValidationError(
            _("The introductory period has not started yet."), code=PlacementError.WRONG_STAGE
        )
    refuse_null_characters(note=note)
    empty = [name for name, value in (("outcome", outcome), ("note", note.strip())) if not value]
    if empty:
        raise fields_error(
            empty, _("Fill this in to end the introductory period."), CommonError.REQUIRED
        )
    if outcome not in IntroductoryOutcome.values:
        raise field_error("outcome", _("Choose how the period ended."), CommonError.REQUIRED)
    audit.model_update(
        actor=actor,
        obj=period,
        version=version,
        data={"outcome": outcome, "outcome_note": note.strip(), "status": PeriodStatus.ENDED},
        what=PlacementEvent.PERIOD,
        client=relationship.client,
    )
    return period


@transaction.atomic
def info_package_deliver(
    *,
    actor: User,
    period: Period,
    recipient: str,
    delivered_on: dt.date | None,
    method: str,
) -> InfoPackage:
    """The info package given to the client, or to a place that is not the organiser's own unit
    (the own unit has its information already); giving it is a disclosure."""
    relationship = period.relationship
    require_caseworker(actor, relationship)
    empty = [
        name
        for name, value in (
            ("recipient", recipient),
            ("delivered_on", delivered_on),
            ("method", method),
        )
        if not value
    ]
    if empty or delivered_on is None:
        raise fields_error(empty, _("Fill this in to record the delivery."), CommonError.REQUIRED)
    if recipient not in InfoRecipient.values:
        raise field_error("recipient", _("Choose the recipient."), CommonError.REQUIRED)
    if method not in DeliveryMethod.values or method == DeliveryMethod.RETURNED:
        raise field_error("method", _("Choose how it was delivered."), CommonError.REQUIRED)
    if recipient == InfoRecipient.PLACE and period.place.producer_type == ProducerType.OWN_UNIT:
        raise field_error(
            "recipient",
            _(
                "The organiser's own unit has the information already; the package is for other places."
            ),
            PlacementError.OWN_UNIT,
        )
    not_in_future("delivered_on", delivered_on)
    not_before_relationship("delivered_on", delivered_on, relationship=relationship)
    package = InfoPackage.objects.create(
        period=period,
        recipient=recipient,
        delivered_on=delivered_on,
        method=method,
        recorded_by=actor,
    )
    audit.record_disclosure(
        actor=actor,
        client=relationship.client,
        what=PlacementEvent.INFO_PACKAGE,
        recipient=(
            Recipient.CLIENT.value
            if recipient == InfoRecipient.CLIENT
            else Recipient.WORK_ACTIVITY_PLACE.value
        ),
        purpose="information for the work-activity period",
        legal_basis="189/2001 §9",
        record=package,
        changes={"place": (None, period.place), "method": (None, method)},
    )
    return package
