"""The pathway checks of S13 → S14 and S14 → S15 (polku.pathways.machine) and the stepper's
"done" of S13 and S14, registered from ``ClosureConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from polku.clients.models import ClientRelationship, Stage
from polku.closure import facts, rules
from polku.closure.models import CONCLUDING_OUTCOMES
from polku.core import clock
from polku.pathways.machine import register_check


def certificates_given(relationship: ClientRelationship) -> list[str]:
    """Every period the client took part in has its certificate given (SPEC §5: every client
    who completes a period gets one)."""
    if facts.periods_without_given_certificate(relationship):
        return [_("The certificate has not been given yet.")]
    return []


def follow_up_plan_made(relationship: ClientRelationship) -> list[str]:
    """The latest period has its follow-up plan (SPEC §2 S13)."""
    periods = facts.full_periods(relationship)
    if not periods or facts.follow_up_plan_of(periods[0]) is None:
        return [_("The follow-up plan has not been made yet.")]
    return []


def end_recorded(relationship: ClientRelationship) -> list[str]:
    """The end is recorded with its destination on the closure page (not by the bare stage
    button, which would leave the relationship open)."""
    if facts.current_end(relationship) is None:
        return [_("The end of the relationship has not been recorded with its destination yet.")]
    return []


def month_passed(relationship: ClientRelationship) -> list[str]:
    end = facts.current_end(relationship)
    if relationship.ended_on is None or end is None:
        return [_("The client relationship has not ended yet.")]
    if rules.call_due_on(end.ended_on) > clock.today():
        return [_("One month has not yet passed since the end.")]
    return []


def call_recorded(relationship: ClientRelationship) -> list[str]:
    """The follow-up contact is concluded: the client reached, or no more attempts made (a
    client not reached is called again)."""
    end = facts.current_end(relationship)
    if end is None or not end.calls.exists():
        return [_("The follow-up contact has not been recorded yet.")]
    if not end.calls.filter(outcome__in=CONCLUDING_OUTCOMES).exists():
        return [
            _(
                "The client has not been reached: call again, or record that no more attempts "
                "will be made."
            )
        ]
    return []


def s13_done(relationship: ClientRelationship) -> bool:
    return not certificates_given(relationship) and not follow_up_plan_made(relationship)


def s14_done(relationship: ClientRelationship) -> bool:
    return relationship.ends.exists()


def register() -> None:
    from polku.clients.selectors import register_stage_done

    register_check(Stage.S13_CERTIFICATE, Stage.S14_CLOSED, certificates_given)
    register_check(Stage.S13_CERTIFICATE, Stage.S14_CLOSED, follow_up_plan_made)
    register_check(Stage.S13_CERTIFICATE, Stage.S14_CLOSED, end_recorded)
    register_check(Stage.S14_CLOSED, Stage.S15_FOLLOW_UP_CALL, month_passed)
    register_check(Stage.S14_CLOSED, Stage.S15_FOLLOW_UP_CALL, call_recorded)
    register_stage_done(Stage.S13_CERTIFICATE, s13_done)
    register_stage_done(Stage.S14_CLOSED, s14_done)
