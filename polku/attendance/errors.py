"""The attendance app's refusal codes (polku.core.errors). Shared meanings (``required``,
``future``, ``edit_conflict`` ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class AttendanceError(StrEnum):
    OUTSIDE_PERIOD = "outside_period"  # the day is not within the period
    NOT_ORGANISED = "not_organised"  # a holiday, a closure or a day the place is not open
    NOT_SCHEDULED = "not_scheduled"  # not one of the client's days (nor a day moved to)
    TOO_MANY_HOURS = "too_many_hours"  # over the daily maximum (§14 1 mom)
    NO_HOURS = "no_hours"  # present with no hours
    REASON_NOT_ALLOWED = "reason_not_allowed"  # not a reason this person may choose
    CHILD_ILLNESS_TOO_LONG = "child_illness_too_long"  # over 4 days in a row (Kela)
    FUTURE_DAY = "future_day"  # only an absence reported in advance is recorded for the future
    TOO_LATE_FOR_PLACE = "too_late_for_place"  # over 14 days back: the worker corrects
    CORRECTION_REASON = "correction_reason"  # a late correction needs a reason
    ALREADY_RECORDED = "already_recorded"  # someone recorded the day meanwhile
    NOT_THE_PLACE = "not_the_place"  # not a supervisor of this place
    PARTICIPATION_DAYS = "participation_days"  # a 179th participation day in 12 months
    MOVED_TO_INVALID = "moved_to_invalid"  # the day moved to is not a free organised day
    INTERRUPTED = "interrupted"  # the period is interrupted on that day
    INTERRUPTION_OPEN = "interruption_open"  # an open interruption exists already
    INTERRUPTION_CLOSED = "interruption_closed"  # the interruption was already resolved
    DAY_HAS_ATTENDANCE = "day_has_attendance"  # a closure over days with presence recorded
    DATE_ORDER = "date_order"  # a last day before the first, or a range too long
    CONTACT_BEFORE_ABSENCE = "contact_before_absence"  # a contact dated before the absence
    NOT_AN_ABSENCE = "not_an_absence"  # the day named is not an absence of this period
    PERIOD_NOT_UNDER_WAY = "period_not_under_way"  # the period has ended or was cancelled
