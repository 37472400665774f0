"""The placements app's refusal codes (polku.core.errors): one per rule of SPEC §3 that a kuty
period, its place or its decision can break. Shared meanings (``required``, ``future``, ...) stay
in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class PlacementError(StrEnum):
    PERIOD_TOO_SHORT = "period_too_short"  # under 3 months, or ending before it starts (§13 b)
    PERIOD_TOO_LONG = "period_too_long"  # over 24 months (§13 b)
    TOO_FEW_DAYS_A_WEEK = "too_few_days_a_week"  # no weekday chosen (§13 b: at least 1)
    TOO_MANY_DAYS_A_WEEK = "too_many_days_a_week"  # over 4 days in a calendar week (§13 b)
    TOO_FEW_HOURS_A_DAY = "too_few_hours_a_day"  # under 4 hours a day (§13 b)
    TOO_MANY_HOURS_A_DAY = "too_many_hours_a_day"  # over 8 hours a day (§14 1 mom)
    TOO_MANY_HOURS_A_WEEK = "too_many_hours_a_week"  # over 40 hours a week (§14 1 mom)
    PARTICIPATION_DAYS_EXCEEDED = "participation_days_exceeded"  # a 179th day in 12 months
    TOO_FAR_WITHOUT_CONSENT = "too_far_without_consent"  # over 80 km from home (§14 3 mom)
    COMPANY_PRODUCER = "company_producer"  # a company as the kuty producer (§13 2 mom)
    START_BEFORE_DECISION = "start_before_decision"  # no decision yet, or a start before it
    START_BEFORE_NOTICE = "start_before_notice"  # no steward notice yet, or a start before it
    RECEIPT_BEFORE_SENDING = "receipt_before_sending"  # a proven receipt before the sending
    NOT_A_PLACE = "not_a_place"  # the unit is not a work-activity place
    WRONG_STAGE = "wrong_stage"  # the step is not recorded at the relationship's stage
    VISIT_RECORDED = "visit_recorded"  # the introductory visit is already recorded or skipped
    BEFORE_CHOICE = "before_choice"  # dated before the place was chosen in the signed second plan
    NOT_A_DECISION_MAKER = "not_a_decision_maker"  # the named person cannot decide in the unit
    DECISION_MADE = "decision_made"  # a made decision never changes
    # delivered or dated before the decision was made; or a step that needs a made decision
    # (an introductory period ended without its decision)
    DECISION_NOT_MADE = "decision_not_made"
    OWN_UNIT = "own_unit"  # the organiser's own unit needs no info package
