"""The S1–S7 pathway checks (SPEC §2): what each step needs before the stage may move.

Registered with :func:`polku.pathways.machine.register_check` from ``PathwaysConfig.ready()``;
the apps that record S8–S15 register theirs the same way from their own ``ready()``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from polku.clients.models import ClientRelationship, MeetingStatus, Outcome, Stage
from polku.pathways.machine import Check, register_check
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    DocumentStatus,
    OptionKind,
    PlanStatus,
)


def _named(relationship: ClientRelationship) -> list[str]:
    if relationship.responsible_worker_id is None:
        return [_("No responsible worker has been named yet.")]
    return []


def _first_meeting(relationship: ClientRelationship) -> list[str]:
    if (
        not relationship.meetings.filter(is_first=True)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        return [_("The first meeting has not been booked yet.")]
    return []


def _first_meeting_held(outcomes: tuple[str, ...], *, mapping: bool = False) -> Check:
    def check(relationship: ClientRelationship) -> list[str]:
        meeting = relationship.meetings.filter(is_first=True, status=MeetingStatus.HELD).first()
        if meeting is None:
            return [
                _(
                    "The first meeting has not yet been held and recorded with the informing checklist."
                )
            ]
        missing = []
        if meeting.outcome not in outcomes:
            missing.append(
                _("The outcome recorded at the first meeting does not lead to this stage.")
            )
        if mapping and not meeting.overall_situation.strip():
            missing.append(_("The overall situation has not yet been mapped at the first meeting."))
        return missing

    return check


def _assessment_completed(relationship: ClientRelationship) -> list[str]:
    if not Assessment.objects.filter(
        relationship=relationship, status=DocumentStatus.COMPLETED
    ).exists():
        return [_("The service-need assessment is not completed yet.")]
    return []


def _plan_signed(round_: int) -> Check:
    def check(relationship: ClientRelationship) -> list[str]:
        if not ActivationPlan.objects.filter(
            relationship=relationship, round=round_, status=PlanStatus.SIGNED
        ).exists():
            return [
                _("Activation plan %(round)s is not yet signed by all parties.") % {"round": round_}
            ]
        return []

    return check


def _reflection_due_set(relationship: ClientRelationship) -> list[str]:
    if not ActivationPlan.objects.filter(
        relationship=relationship, round=1, status=PlanStatus.SIGNED, reflection_due__isnull=False
    ).exists():
        return [_("No due date for the decision has been agreed yet.")]
    return []


def _latest_second_plan(relationship: ClientRelationship) -> ActivationPlan | None:
    """The newest second plan: after a return to mapping (S7 or S10 → S5) an older signed
    second plan no longer speaks for the pathway."""
    return (
        ActivationPlan.objects.filter(relationship=relationship, round__gte=2)
        .select_related("chosen_option")
        .order_by("-number")
        .first()
    )


def _second_plan_started(relationship: ClientRelationship) -> list[str]:
    """A second plan under way: a draft, not one signed before a return to mapping."""
    plan = _latest_second_plan(relationship)
    if plan is None or plan.status != PlanStatus.DRAFT:
        return [_("The second activation plan has not been started yet.")]
    return []


def _place_chosen(relationship: ClientRelationship) -> list[str]:
    plan = _latest_second_plan(relationship)
    if plan is None or plan.status != PlanStatus.SIGNED:
        return [_("The second activation plan is not signed yet.")]
    return place_chosen_missing(plan)


def place_chosen_missing(plan: ActivationPlan) -> list[str]:
    """What the signed second plan lacks for S8: a chosen place, and no "mapping continues"."""
    if plan.back_to_mapping:
        return [_("The second plan records that the mapping continues, not a chosen place.")]
    if plan.chosen_option is None or plan.chosen_option.kind != OptionKind.PLACE:
        return [_("No work-activity place has been chosen in the second plan yet.")]
    return []


def _back_to_mapping(relationship: ClientRelationship) -> list[str]:
    plan = _latest_second_plan(relationship)
    if plan is None or not plan.back_to_mapping or plan.chosen_option_id is not None:
        return [_("The second plan does not record that the mapping continues.")]
    return []


def _nothing(relationship: ClientRelationship) -> list[str]:
    """A step back that needs nothing (the plan's work returns to the assessment)."""
    return []


def _first_plan_signed_with_due_date(relationship: ClientRelationship) -> list[str]:
    return _plan_signed(1)(relationship) or _reflection_due_set(relationship)


S = Stage


def register() -> None:
    """Register the checks of S1–S7 (called once from ``PathwaysConfig.ready()``)."""
    register_check(S.S1_STARTED, S.S2_RESPONSIBLE_WORKER, _named)
    register_check(S.S2_RESPONSIBLE_WORKER, S.S3_FIRST_MEETING, _first_meeting)
    register_check(
        S.S3_FIRST_MEETING,
        S.S4_ASSESSMENT,
        _first_meeting_held((Outcome.CLIENT_PLAN, Outcome.ACTIVATION_PLAN)),
    )
    register_check(
        S.S3_FIRST_MEETING,
        S.S5_ACTIVATION_PLAN,
        _first_meeting_held((Outcome.ACTIVATION_PLAN,), mapping=True),
    )
    register_check(S.S4_ASSESSMENT, S.S5_ACTIVATION_PLAN, _assessment_completed)
    register_check(S.S5_ACTIVATION_PLAN, S.S4_ASSESSMENT, _nothing)
    register_check(S.S5_ACTIVATION_PLAN, S.S6_REFLECTION, _first_plan_signed_with_due_date)
    register_check(S.S6_REFLECTION, S.S7_SECOND_PLAN, _second_plan_started)
    register_check(S.S7_SECOND_PLAN, S.S8_INTRODUCTORY_VISIT, _place_chosen)
    register_check(S.S7_SECOND_PLAN, S.S5_ACTIVATION_PLAN, _back_to_mapping)
    register_check(S.S7_SECOND_PLAN, S.S4_ASSESSMENT, _back_to_mapping)
