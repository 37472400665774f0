"""The closure app's refusal codes (polku.core.errors). Shared meanings (``required``,
``future``, ``missing``, ``ended`` ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class ClosureError(StrEnum):
    NO_PARTICIPATION_DAYS = "no_participation_days"  # a certificate without a participation day
    NOT_A_FULL_PERIOD = "not_a_full_period"  # a certificate or plan for an introductory period
    PERIOD_CANCELLED = "period_cancelled"  # the period was cancelled
    CERTIFICATE_GIVEN = "certificate_given"  # a given certificate never changes
    SERVICE_NAMED = "service_named"  # the text names the service though the client did not choose
    SUPERVISOR_TOO_LATE = "supervisor_too_late"  # the place edits during and 30 days after
    FOLLOW_UP_PLAN_MISSING = "follow_up_plan_missing"  # a period ends without a follow-up plan
    PERIOD_ENDED = "period_ended"  # the period has already ended
    DAYS_AFTER_END = "days_after_end"  # attendance is recorded after the chosen end date
    DETAIL_NEEDED = "detail_needed"  # "no suitable plan" needs a reason, "other" a description
    NOT_CONFIRMED = "not_confirmed"  # the worker did not confirm no further need
    BEFORE_PATHWAY_EVENT = "before_pathway_event"  # an end before the pathway's earlier events
    NOT_ENDED = "not_ended"  # a follow-up contact or reopening of an open relationship
    CALL_NOT_DUE = "call_not_due"  # the follow-up contact before one month has passed
    NEED_REQUIRED = "need_required"  # a reached client's need is not recorded
    NOT_LATEST = "not_latest"  # only the client's latest relationship is reopened
    CALL_CONCLUDED = "call_concluded"  # the follow-up contact was already reached or given up
    CERTIFICATE_TOO_EARLY = "certificate_too_early"  # before the final evaluation or period end
    NOT_TRACEABLE = "not_traceable"  # an opportunity or partner for a destination none leads to
    TRACED_TWICE = "traced_twice"  # both an opportunity and a partner: the opportunity names one
    DESTINATION_NOT_KIND = "destination_not_kind"  # the destination contradicts the opportunity
