"""Decisions (S9, S10): the responsible worker drafts, a decision maker makes and signs, the
delivery trail says when the client counts as notified, and the appeal deadline follows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Capability, roles_with
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship, Recipient
from polku.clients.rules import not_before_relationship
from polku.core.errors import CommonError, field_error, fields_error, refuse_null_characters
from polku.core.rules import not_before, not_in_future
from polku.placements import deadlines
from polku.placements.errors import PlacementError
from polku.placements.events import PlacementEvent
from polku.placements.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    Delivery,
    DeliveryMethod,
    Period,
    PeriodKind,
)

# The version of the appeal instructions a decision made today prints; a correction of the text
# is a new version (a new template fragment), so decisions already made keep theirs.
APPEAL_TEXT_VERSION = "2026-1"
LEGAL_BASIS = {
    DecisionKind.KUTY: "189/2001 §§ 2, 9, 13; 1301/2014 § 45",
    DecisionKind.INTRODUCTORY_PERIOD: "189/2001 §§ 9, 13; 1301/2014 § 45",
    DecisionKind.TOIMINTARAHA: "189/2001 § 17",
    DecisionKind.MATKAKORVAUS: "189/2001 § 17",
}
PERIOD_KIND = {
    DecisionKind.KUTY: PeriodKind.FULL,
    DecisionKind.INTRODUCTORY_PERIOD: PeriodKind.INTRODUCTORY,
}


def decision_makers(relationship: ClientRelationship) -> list[User]:
    """Who may make the relationship's decisions: holders of MAKE_DECISIONS in its unit."""
    ids = RoleAssignment.objects.filter(
        unit_id=relationship.unit_id, role__in=roles_with(Capability.MAKE_DECISIONS)
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name"))


@transaction.atomic
def decision_draft(
    *,
    actor: User,
    relationship: ClientRelationship,
    kind: str,
    period: Period | None,
    decision_maker: User | None,
    grounds: str,
) -> Decision:
    """The responsible worker drafts; the decision maker named here makes the decision."""
    require_caseworker(actor, relationship)
    if not relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)
    refuse_null_characters(grounds=grounds)
    if kind not in DecisionKind.values:
        raise field_error("kind", _("Choose what is decided."), CommonError.REQUIRED)
    empty = [
        name
        for name, value in (("grounds", grounds.strip()), ("decision_maker", decision_maker))
        if not value
    ]
    if kind in PERIOD_KIND and period is None:
        empty.append("period")
    if empty or decision_maker is None:
        raise fields_error(empty, _("Fill this in to draft the decision."), CommonError.REQUIRED)
    if decision_maker not in decision_makers(relationship):
        raise field_error(
            "decision_maker",
            _("Choose a decision maker of the client's unit."),
            PlacementError.NOT_A_DECISION_MAKER,
        )
    if period is not None and (
        period.relationship_id != relationship.pk
        or (kind in PERIOD_KIND and period.kind != PERIOD_KIND[DecisionKind(kind)])
    ):
        raise field_error(
            "period", _("Choose a period of this kind for this client."), CommonError.REQUIRED
        )
    decision = Decision(
        relationship=relationship,
        period=period,
        kind=kind,
        decision_maker=decision_maker,
        drafted_by=actor,
        grounds=grounds.strip(),
        legal_basis=LEGAL_BASIS[DecisionKind(kind)],
    )
    decision.full_clean()
    decision.save()
    audit.record_change(
        actor=actor,
        record=decision,
        client=relationship.client,
        what=PlacementEvent.DECISION_DRAFTED,
        changes={
            "kind": (None, kind),
            "decision_maker": (None, decision_maker),
            "period": (None, period),
            "grounds": (None, decision.grounds),
        },
    )
    return decision


@transaction.atomic
def decision_make(
    *, actor: User, decision: Decision, decided_on: dt.date | None, version: int
) -> Decision:
    """The named decision maker makes and signs the decision; it never changes after this."""
    if decision.decision_maker_id != actor.pk:
        raise PermissionDenied
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(
            _("The decision has already been made; a correction is a new decision."),
            code=PlacementError.DECISION_MADE,
        )
    if decided_on is None:
        raise field_error("decided_on", _("Give the date of the decision."), CommonError.REQUIRED)
    not_in_future("decided_on", decided_on)
    not_before_relationship("decided_on", decided_on, relationship=decision.relationship)
    not_before(
        "decided_on",
        decided_on,
        timezone.localdate(decision.created_at),
        _("The date cannot be before %(date)s, when the decision was drafted."),
        PlacementError.DECISION_NOT_MADE,
    )
    audit.model_update(
        actor=actor,
        obj=decision,
        version=version,
        data={
            "status": DecisionStatus.DECIDED,
            "decided_on": decided_on,
            "appeal_text_version": APPEAL_TEXT_VERSION,
            # The period's dates as decided: an early end later does not change the decision.
            "period_starts_on": decision.period.starts_on if decision.period else None,
            "period_ends_on": decision.period.ends_on if decision.period else None,
        },
        what=PlacementEvent.DECISION_MADE,
        client=decision.relationship.client,
    )
    # A decision is stored as made (STYLE.md §9): later changes of a template or a text do
    # not change what was decided.
    from polku.core.documents import render_pdf
    from polku.placements.selectors import decision_document_context

    language = decision.relationship.client.language or "fi"
    decision.document = render_pdf(
        "placements/decision_document.html",
        decision_document_context(decision=decision, language=language),
        language=language,
    )
    decision.save(update_fields=["document"])
    return decision


@transaction.atomic
def decision_deliver(
    *,
    actor: User,
    decision: Decision,
    method: str,
    sent_on: dt.date | None,
    received_on: dt.date | None = None,
) -> Delivery:
    """Record one event of the delivery trail; giving the decision out is a disclosure."""
    relationship = decision.relationship
    if actor.pk not in (decision.decision_maker_id, relationship.responsible_worker_id):
        require_caseworker(actor, relationship)
    if decision.status != DecisionStatus.DECIDED or decision.decided_on is None:
        raise ValidationError(
            _("Only a decision that has been made can be delivered."),
            code=PlacementError.DECISION_NOT_MADE,
        )
    if method not in DeliveryMethod.values or sent_on is None:
        empty = ["method"] if method not in DeliveryMethod.values else []
        empty += ["sent_on"] if sent_on is None else []
        raise fields_error(empty, _("Fill this in to record the delivery."), CommonError.REQUIRED)
    not_in_future("sent_on", sent_on)
    not_before(
        "sent_on",
        sent_on,
        decision.decided_on,
        _("The date cannot be before %(date)s, the date of the decision."),
        PlacementError.DECISION_NOT_MADE,
    )
    if received_on is not None:
        not_in_future("received_on", received_on)
        not_before(
            "received_on",
            received_on,
            sent_on,
            _("The receipt cannot be before %(date)s, when the decision was sent."),
            PlacementError.RECEIPT_BEFORE_SENDING,
        )
    delivery = Delivery.objects.create(
        decision=decision,
        method=method,
        sent_on=sent_on,
        received_on=received_on,
        recorded_by=actor,
    )
    if method != DeliveryMethod.RETURNED:
        audit.record_disclosure(
            actor=actor,
            client=relationship.client,
            what=PlacementEvent.DECISION_DELIVERED,
            recipient=Recipient.CLIENT.value,
            purpose="notification of a decision",
            legal_basis="434/2003 §§ 54–62",
            record=delivery,
            changes={"method": (None, method), "sent_on": (None, sent_on)},
        )
    else:
        audit.record_change(
            actor=actor,
            record=delivery,
            client=relationship.client,
            what=PlacementEvent.DECISION_DELIVERED,
            changes={"method": (None, method), "sent_on": (None, sent_on)},
        )
    return delivery


def counting_deliveries(deliveries: list[Delivery]) -> list[Delivery]:
    """The deliveries that count: a "returned to sender" voids the latest letter before it."""
    counting: list[Delivery] = []
    for delivery in sorted(deliveries, key=lambda d: (d.sent_on, d.pk)):
        if delivery.method == DeliveryMethod.RETURNED:
            letters = [d for d in counting if d.method == DeliveryMethod.LETTER]
            if letters:
                counting.remove(letters[-1])
        else:
            counting.append(delivery)
    return counting


def decision_deadline(decision: Decision) -> deadlines.AppealDeadline | None:
    """The appeal deadline from the delivery that notified the client first; None before any."""
    results = [
        deadlines.appeal_deadline(
            method=deadlines.DeliveryMethod(d.method), sent_on=d.sent_on, received_on=d.received_on
        )
        for d in counting_deliveries(list(decision.deliveries.all()))
    ]
    return min(results, key=lambda r: r.notified_on) if results else None


@transaction.atomic
def decision_correct(*, actor: User, decision: Decision, grounds: str) -> Decision:
    """A made decision never changes: a correction is a new draft that refers to it, for the
    same decision maker to make."""
    if decision.status != DecisionStatus.DECIDED:
        raise ValidationError(
            _("Only a decision that has been made can be corrected; this one is still a draft."),
            code=PlacementError.DECISION_NOT_MADE,
        )
    correction = decision_draft(
        actor=actor,
        relationship=decision.relationship,
        kind=decision.kind,
        period=decision.period,
        decision_maker=decision.decision_maker,
        grounds=grounds,
    )
    correction.corrects = decision
    correction.save(update_fields=["corrects"])
    audit.record_change(
        actor=actor,
        record=correction,
        client=decision.relationship.client,
        what=PlacementEvent.DECISION_DRAFTED,
        changes={"corrects": (None, decision)},
    )
    return correction
