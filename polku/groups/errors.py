"""The groups app's refusal codes (polku.core.errors). Shared meanings stay in
:class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class GroupError(StrEnum):
    ENDS_BEFORE_START = "ends_before_start"  # a group, session or enrolment ends before it starts
    SESSION_OUTSIDE_GROUP = "session_outside_group"  # a session outside the group's dates
    ENROLMENT_OUTSIDE_GROUP = "enrolment_outside_group"  # an enrolment outside the group's dates
    CAPACITY_FULL = "capacity_full"  # an enrolment beyond the group's capacity
    ALREADY_ENROLLED = "already_enrolled"  # the client is already in the group
    KUTY_NOT_IN_GROUP = "kuty_not_in_group"  # a kuty participant in a group that is not kuty
    PLAN_NEEDED = "plan_needed"  # a kuty participant needs the signed activation plan
    RELATIONSHIP_ENDED = "relationship_ended"  # the client relationship has ended
    NOT_INSTRUCTOR = "not_instructor"  # an instructor must be a staff user
    NOT_ENROLLED_ON_DAY = "not_enrolled_on_day"  # the person is not in the group that day
    FUTURE_SESSION = "future_session"  # present recorded for a session still to come
    TOO_MANY_HOURS = "too_many_hours"  # over the hours of a day (with the place's hours)
    TOO_MANY_DAYS_A_WEEK = "too_many_days_a_week"  # kuty days of the week, place and group
    PARTICIPATION_DAYS = "participation_days"  # a 179th participation day in 12 months
    NOT_ORGANISER_WORKER = "not_organiser_worker"  # the organiser unit is not the worker's
    FEEDBACK_TOO_EARLY = "feedback_too_early"  # a feedback round before its sessions took place
    PARTNER_TWICE = "partner_twice"  # a registered partner and a written-in one together
    PARTNER_INACTIVE = "partner_inactive"  # a partner no longer active chosen anew
    ENDS_ALREADY = "ends_already"  # an early end on or after the participation's end
    MARKS_AFTER_END = "marks_after_end"  # attendance marked after the chosen end date
    NOT_A_GROUP_WEEKDAY = "not_a_group_weekday"  # a session on a weekday the group does not meet
    SESSIONS_WOULD_MOVE = "sessions_would_move"  # a new time moves sessions: confirm how many
    FIXED_BY_SESSIONS = "fixed_by_sessions"  # weekdays or start date changed once sessions exist
    SESSION_TIME_TAKEN = "session_time_taken"  # a moved session onto another's time that day
