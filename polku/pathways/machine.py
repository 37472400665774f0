"""The pathway state machine (SPEC §2): stages S1–S15, the allowed transitions and what each
needs. One function says what is missing; the service raises it and the stepper shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from polku.clients.models import ClientRelationship, MeetingStatus, Outcome, Stage
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    DocumentStatus,
    OptionKind,
    PlanStatus,
)

Check = Callable[[ClientRelationship], list[str]]


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


def _second_plan_started(relationship: ClientRelationship) -> list[str]:
    if not ActivationPlan.objects.filter(relationship=relationship, round__gte=2).exists():
        return [_("The second activation plan has not been started yet.")]
    return []


def _place_chosen(relationship: ClientRelationship) -> list[str]:
    plan = (
        ActivationPlan.objects.filter(
            relationship=relationship, round__gte=2, status=PlanStatus.SIGNED
        )
        .select_related("chosen_option")
        .order_by("-number")
        .first()
    )
    if plan is None:
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
    if not ActivationPlan.objects.filter(
        relationship=relationship, round__gte=2, back_to_mapping=True, chosen_option__isnull=True
    ).exists():
        return [_("The second plan does not record that the mapping continues.")]
    return []


def _later(*needs: str) -> Check:
    """Steps recorded in parts of Polku that are not in use yet: the transition waits for them."""

    def check(relationship: ClientRelationship) -> list[str]:
        return list(needs)

    return check


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    check: Check


S = Stage


def _transitions() -> list[Transition]:
    return [
        Transition(S.S1_STARTED, S.S2_RESPONSIBLE_WORKER, _named),
        Transition(S.S2_RESPONSIBLE_WORKER, S.S3_FIRST_MEETING, _first_meeting),
        Transition(
            S.S3_FIRST_MEETING,
            S.S4_ASSESSMENT,
            _first_meeting_held((Outcome.CLIENT_PLAN, Outcome.ACTIVATION_PLAN)),
        ),
        Transition(
            S.S3_FIRST_MEETING,
            S.S5_ACTIVATION_PLAN,
            _first_meeting_held((Outcome.ACTIVATION_PLAN,), mapping=True),
        ),
        Transition(S.S4_ASSESSMENT, S.S5_ACTIVATION_PLAN, _assessment_completed),
        Transition(S.S5_ACTIVATION_PLAN, S.S4_ASSESSMENT, lambda r: []),
        Transition(
            S.S5_ACTIVATION_PLAN,
            S.S6_REFLECTION,
            lambda r: _plan_signed(1)(r) or _reflection_due_set(r),
        ),
        Transition(S.S6_REFLECTION, S.S7_SECOND_PLAN, _second_plan_started),
        Transition(S.S7_SECOND_PLAN, S.S8_INTRODUCTORY_VISIT, _place_chosen),
        Transition(S.S7_SECOND_PLAN, S.S5_ACTIVATION_PLAN, _back_to_mapping),
        Transition(S.S7_SECOND_PLAN, S.S4_ASSESSMENT, _back_to_mapping),
        Transition(
            S.S8_INTRODUCTORY_VISIT,
            S.S9_KUTY_STARTS,
            _later(
                _("The introductory visit has not been recorded yet."),
                _("No decision on rehabilitative work activity has been made yet."),
                _("The chief shop steward has not been notified yet."),
            ),
        ),
        Transition(
            S.S9_KUTY_STARTS,
            S.S10_INTRODUCTORY_PERIOD,
            _later(_("No decision on an introductory period has been made yet.")),
        ),
        Transition(
            S.S9_KUTY_STARTS,
            S.S11_PERIOD,
            _later(_("The period has not started at the place yet.")),
        ),
        Transition(
            S.S10_INTRODUCTORY_PERIOD,
            S.S11_PERIOD,
            _later(_("The introductory period has not been evaluated yet.")),
        ),
        Transition(S.S10_INTRODUCTORY_PERIOD, S.S5_ACTIVATION_PLAN, lambda r: []),
        Transition(
            S.S11_PERIOD, S.S12_EVALUATION, _later(_("The mid-period evaluation is not due yet."))
        ),
        Transition(
            S.S12_EVALUATION,
            S.S13_CERTIFICATE,
            _later(_("The final evaluation is not finished yet.")),
        ),
        Transition(
            S.S13_CERTIFICATE,
            S.S14_CLOSED,
            _later(_("The certificate and the follow-up plan have not been given yet.")),
        ),
        Transition(
            S.S14_CLOSED,
            S.S15_FOLLOW_UP_CALL,
            _later(_("One month has not yet passed since the end.")),
        ),
    ]


def transitions() -> dict[tuple[Stage, Stage], Transition]:
    return {(t.source, t.target): t for t in _transitions()}


def allowed_targets(stage: str) -> list[Stage]:
    return [t.target for t in _transitions() if t.source == stage]


def missing_for(relationship: ClientRelationship, target: Stage) -> list[str]:
    """What is missing before ``relationship`` may move to ``target``; [] when it may.

    A target that is not reachable from the current stage is explained as such.
    """
    transition = transitions().get((Stage(relationship.stage), target))
    if transition is None:
        return [
            _("The pathway does not move from “%(source)s” to “%(target)s”.")
            % {"source": Stage(relationship.stage).label, "target": target.label}
        ]
    if not relationship.is_open:
        return [_("The client relationship has ended.")]
    return transition.check(relationship)
