"""The activation plan (S5–S7): start, contents, refusal, reflection, second plan, correction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship, Stage
from polku.core.errors import CommonError, refusal, refuse_null_characters
from polku.core.versioning import save_versioned
from polku.pathways import machine, rules
from polku.pathways.errors import PathwayError
from polku.pathways.events import PathwayEvent
from polku.pathways.models import ActivationPlan, PlanOption, PlanStatus
from polku.pathways.services.signatures import _clear_signatures
from polku.pathways.services.transitions import transition

PLAN_FIELDS = (
    "plan_type",
    "assessment_started_on",
    "notice_given_on",
    "notice_method",
    "official_name",
    "employment_authority",
    "support_person",
    "joint_meeting",
    "education",
    "work_history",
    "earlier_services",
    "agreed_measures",
    "job_search_obligation",
    "last_resort_informed",
    "benefits_informed",
    "review_due",
)


@transaction.atomic
def plan_start(
    *,
    actor: User,
    relationship: ClientRelationship,
    plan_type: str,
    assessment_started_on: dt.date | None = None,
) -> ActivationPlan:
    """S5: start the first activation plan (or MTS). Moves the pathway to S5."""
    require_caseworker(actor, relationship)
    rules.worker_named(relationship)
    if ActivationPlan.objects.filter(relationship=relationship).exists():
        raise ValidationError(
            _("The first plan has already been started."), code=PathwayError.EXISTS
        )
    if relationship.stage != Stage.S5_ACTIVATION_PLAN:
        missing = machine.missing_for(relationship, Stage.S5_ACTIVATION_PLAN)
        if missing:
            raise refusal(missing, CommonError.MISSING)
    rules.mts_start(plan_type, assessment_started_on)
    plan = ActivationPlan(
        relationship=relationship,
        number=1,
        round=1,
        plan_type=plan_type,
        author=actor,
        assessment_started_on=assessment_started_on,
    )
    plan.full_clean()
    plan.save()
    audit.record_change(
        actor=actor,
        record=plan,
        client=relationship.client,
        what=PathwayEvent.PLAN_STARTED,
        changes={"plan_type": (None, plan_type), "round": (None, 1)},
    )
    if relationship.stage != Stage.S5_ACTIVATION_PLAN:
        transition(actor=actor, relationship=relationship, target=Stage.S5_ACTIVATION_PLAN)
    return plan


@transaction.atomic
def plan_update(
    *, actor: User, plan: ActivationPlan, version: int, **fields: Any
) -> ActivationPlan:
    """Save the plan's contents (a draft only); a concurrent save is refused."""
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    refuse_null_characters(**fields)
    data = {name: fields[name] for name in PLAN_FIELDS if name in fields}

    def saved(name: str) -> Any:
        return data[name] if name in data else getattr(plan, name)

    rules.plan_contents(
        plan,
        joint_meeting=saved("joint_meeting"),
        notice_given_on=saved("notice_given_on"),
        notice_method=saved("notice_method"),
        review_due=saved("review_due"),
    )
    if any(getattr(plan, name) != value for name, value in data.items()):
        # The voided signatures are logged before the change that voids them.
        _clear_signatures(actor=actor, plan=plan)
    audit.model_update(
        actor=actor,
        obj=plan,
        version=version,
        data=data,
        what=PathwayEvent.PLAN,
        client=plan.relationship.client,
    )
    return plan


@transaction.atomic
def plan_refuse(
    *, actor: User, plan: ActivationPlan, consequences_explained: bool
) -> ActivationPlan:
    """The client refuses all measures; that the consequences were explained is recorded."""
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    rules.consequences_explained(consequences_explained)
    plan.refused, plan.consequences_explained, plan.status = True, True, PlanStatus.REFUSED
    save_versioned(
        plan, expected=plan.version, fields=["refused", "consequences_explained", "status"]
    )
    audit.record_change(
        actor=actor,
        record=plan,
        client=plan.relationship.client,
        what=PathwayEvent.MEASURES_REFUSED,
        changes={
            "status": (PlanStatus.DRAFT, PlanStatus.REFUSED),
            "consequences_explained": (False, True),
        },
    )
    return plan


@transaction.atomic
def plan_reflection(
    *, actor: User, plan: ActivationPlan, reflection_due: dt.date
) -> ActivationPlan:
    """S6: the date by which the client decides; moves the pathway to reflection."""
    relationship = plan.relationship
    require_caseworker(actor, relationship)
    rules.reflection_follows(plan)
    rules.reflection_due_date(reflection_due)
    audit.model_update(
        actor=actor,
        obj=plan,
        version=plan.version,
        data={"reflection_due": reflection_due},
        what=PathwayEvent.REFLECTION,
        client=relationship.client,
        clean=False,
    )
    if relationship.stage == Stage.S5_ACTIVATION_PLAN:
        transition(actor=actor, relationship=relationship, target=Stage.S6_REFLECTION)
    return plan


def _copy_plan(
    plan: ActivationPlan, *, actor: User, round_: int, reason: str = ""
) -> ActivationPlan:
    latest = (
        ActivationPlan.objects.filter(relationship=plan.relationship).order_by("-number").first()
    )
    new = ActivationPlan(
        relationship=plan.relationship,
        number=(latest.number if latest else 0) + 1,
        round=round_,
        author=actor,
        previous=plan,
        correction_reason=reason,
        **{name: getattr(plan, name) for name in PLAN_FIELDS if name != "review_due"},
    )
    new.save()
    mapping = {}
    for option in plan.options.all():
        mapping[option.pk] = PlanOption.objects.create(
            plan=new,
            kind=option.kind,
            place=option.place,
            note=option.note,
            proposed_by_client=option.proposed_by_client,
        )
    new._option_copies = mapping  # type: ignore[attr-defined]
    return new


@transaction.atomic
def plan_second(
    *,
    actor: User,
    relationship: ClientRelationship,
    chosen_option: PlanOption | None,
    how: str,
    back_to_mapping: bool = False,
) -> ActivationPlan:
    """S7: the second plan records the chosen option, or that the mapping continues."""
    require_caseworker(actor, relationship)
    rules.second_plan_follows_reflection(relationship)
    first = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship, round=1)
        .order_by("-number")
        .first()
    )
    if first is None:
        raise ValidationError(_("The first plan must be signed first."), code=PathwayError.NO_FIRST)
    rules.one_second_plan_at_a_time(
        ActivationPlan.objects.filter(relationship=relationship, round__gte=2)
        .order_by("-number")
        .first()
    )
    rules.second_plan_choice(
        first=first,
        chosen_option_plan_id=chosen_option.plan_id if chosen_option else None,
        back_to_mapping=back_to_mapping,
    )
    second = _copy_plan(first, actor=actor, round_=2)
    second.chosen_how = how
    second.back_to_mapping = back_to_mapping
    second.chosen_option = second._option_copies[chosen_option.pk] if chosen_option else None  # type: ignore[attr-defined]
    second.save(update_fields=["chosen_how", "back_to_mapping", "chosen_option"])
    audit.record_change(
        actor=actor,
        record=second,
        client=relationship.client,
        what=PathwayEvent.SECOND_PLAN,
        changes={
            "chosen_option": (None, second.chosen_option_id),
            "back_to_mapping": (None, back_to_mapping),
            "chosen_how": (None, how),
        },
    )
    if relationship.stage == Stage.S6_REFLECTION:
        transition(actor=actor, relationship=relationship, target=Stage.S7_SECOND_PLAN)
    return second


@transaction.atomic
def plan_correct(*, actor: User, plan: ActivationPlan, reason: str) -> ActivationPlan:
    """A correction of a signed plan is a new version with a reason; the signed one stays."""
    require_caseworker(actor, plan.relationship)
    rules.plan_correctable(plan)
    rules.reason_given(reason)
    refuse_null_characters(reason=reason)
    versions = ActivationPlan.objects.filter(relationship=plan.relationship)
    if versions.filter(number__gt=plan.number).exists() or versions.drafts().exists():
        raise ValidationError(
            _("Only the newest version is corrected, and only when no draft is open."),
            code=PathwayError.NOT_LATEST,
        )
    new = _copy_plan(plan, actor=actor, round_=plan.round, reason=reason.strip())
    if plan.chosen_option_id:
        new.chosen_option = new._option_copies.get(plan.chosen_option_id)  # type: ignore[attr-defined]
        new.chosen_how, new.back_to_mapping = plan.chosen_how, plan.back_to_mapping
        new.save(update_fields=["chosen_option", "chosen_how", "back_to_mapping"])
    audit.record_change(
        actor=actor,
        record=new,
        client=plan.relationship.client,
        what=PathwayEvent.PLAN_CORRECTED,
        changes={
            "number": (plan.number, new.number),
            "correction_reason": (None, new.correction_reason),
        },
    )
    return new
