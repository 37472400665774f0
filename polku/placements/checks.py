"""The pathway checks of S8–S11 that this app records (polku.pathways.machine), and the
stepper's "done or skipped" of S8, registered from ``PlacementsConfig.ready()``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from polku.clients.models import ClientRelationship, Stage
from polku.core import clock
from polku.pathways.machine import register_check
from polku.placements.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    IntroductoryOutcome,
    PeriodKind,
    PeriodStatus,
    StewardNotice,
    VisitStatus,
)
from polku.placements.rules import check_start_order


def visit_recorded(relationship: ClientRelationship) -> list[str]:
    if not relationship.introductory_visits.exclude(status=VisitStatus.DRAFT).exists():
        return [_("The introductory visit has not been recorded yet.")]
    return []


def _decided(relationship: ClientRelationship, kind: DecisionKind) -> bool:
    return Decision.objects.filter(
        relationship=relationship, kind=kind, status=DecisionStatus.DECIDED
    ).exists()


def kuty_decided(relationship: ClientRelationship) -> list[str]:
    if not _decided(relationship, DecisionKind.KUTY):
        return [_("No decision on rehabilitative work activity has been made yet.")]
    return []


def steward_notified(relationship: ClientRelationship) -> list[str]:
    if not StewardNotice.objects.filter(period__relationship=relationship).exists():
        return [_("The chief shop steward has not been notified yet.")]
    return []


def introductory_period_decided(relationship: ClientRelationship) -> list[str]:
    if not _decided(relationship, DecisionKind.INTRODUCTORY_PERIOD):
        return [_("No decision on an introductory period has been made yet.")]
    return []


def period_started(relationship: ClientRelationship) -> list[str]:
    """A full period has started, after its kuty decision was made and its steward notice sent
    (189/2001 §16: the notice before the start)."""
    period = (
        relationship.periods.filter(
            kind=PeriodKind.FULL,
            status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE],
            starts_on__lte=clock.today(),
        )
        .order_by("-starts_on")
        .first()
    )
    if period is None:
        return [_("The period has not started at the place yet.")]
    decision = (
        Decision.objects.filter(
            period=period, kind=DecisionKind.KUTY, status=DecisionStatus.DECIDED
        )
        .order_by("decided_on")
        .first()
    )
    notice = StewardNotice.objects.filter(period=period).order_by("sent_on").first()
    try:
        check_start_order(
            period.starts_on,
            decided_on=decision.decided_on if decision else None,
            notice_on=notice.sent_on if notice else None,
        )
    except ValidationError as error:
        return [message for messages in error.message_dict.values() for message in messages]
    return []


def _introductory_outcome(relationship: ClientRelationship) -> str | None:
    period = (
        relationship.periods.filter(kind=PeriodKind.INTRODUCTORY)
        .order_by("-starts_on", "-pk")
        .first()
    )
    return period.outcome if period is not None else None


def introductory_continues(relationship: ClientRelationship) -> list[str]:
    """S10 → S11: the introductory period ended with "continue", and the full period started
    after its decision and notice."""
    if _introductory_outcome(relationship) != IntroductoryOutcome.CONTINUE:
        return [_("The introductory period has not been evaluated yet.")]
    return period_started(relationship)


def introductory_back_to_mapping(relationship: ClientRelationship) -> list[str]:
    if _introductory_outcome(relationship) != IntroductoryOutcome.BACK_TO_MAPPING:
        return [_("The introductory period did not end with a return to mapping.")]
    return []


def visit_done(relationship: ClientRelationship) -> bool:
    """S8 passed with the visit recorded (done) or skipped (the stepper says skipped)."""
    return relationship.introductory_visits.filter(status=VisitStatus.RECORDED).exists()


def introductory_period_done(relationship: ClientRelationship) -> bool:
    """S10 passed with an introductory period that ended with its outcome; passed by S9 → S11
    without one, the stepper says skipped."""
    return relationship.periods.filter(kind=PeriodKind.INTRODUCTORY).exclude(outcome="").exists()


def register() -> None:
    from polku.clients.selectors import register_stage_done

    register_check(Stage.S8_INTRODUCTORY_VISIT, Stage.S9_KUTY_STARTS, visit_recorded)
    register_check(Stage.S8_INTRODUCTORY_VISIT, Stage.S9_KUTY_STARTS, kuty_decided)
    register_check(Stage.S8_INTRODUCTORY_VISIT, Stage.S9_KUTY_STARTS, steward_notified)
    register_check(Stage.S9_KUTY_STARTS, Stage.S10_INTRODUCTORY_PERIOD, introductory_period_decided)
    register_check(Stage.S9_KUTY_STARTS, Stage.S11_PERIOD, period_started)
    register_check(Stage.S10_INTRODUCTORY_PERIOD, Stage.S11_PERIOD, introductory_continues)
    register_check(
        Stage.S10_INTRODUCTORY_PERIOD, Stage.S5_ACTIVATION_PLAN, introductory_back_to_mapping
    )
    register_stage_done(Stage.S8_INTRODUCTORY_VISIT, visit_done)
    register_stage_done(Stage.S10_INTRODUCTORY_PERIOD, introductory_period_done)
