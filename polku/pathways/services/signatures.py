"""Signing the activation plan, and voiding signatures when a signed-upon draft changes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.core import clock, statutory
from polku.core.errors import refusal, refuse_null_characters
from polku.pathways import rules
from polku.pathways.errors import PathwayError
from polku.pathways.events import PathwayEvent
from polku.pathways.models import ActivationPlan, Party, PlanSignature, PlanStatus, SignatureMethod


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
