"""The pathways app's refusal codes (polku.core.errors): one member per meaning.

Meanings every app shares (a required field, a date in the future or the past, what a step still
needs, an incomplete document, an edit conflict) are :class:`polku.core.errors.CommonError`;
these are the pathway's own. Values are stable: views, tests and the stateful test read them.
"""

from __future__ import annotations

from enum import StrEnum


class PathwayError(StrEnum):
    """Refusals of the S4–S7 services."""

    # Dates bounded by the pathway events before them (polku.pathways.rules).
    # BEFORE_RELATIONSHIP is the clients app's meaning too (a meeting before the relationship).
    BEFORE_RELATIONSHIP = "before_relationship"
    BEFORE_NOTICE = "before_notice"  # before the information notice was given
    BEFORE_FIRST_PLAN = "before_first_plan"  # before the first plan was signed
    BEFORE_BOOKING = "before_booking"  # before the day the joint meeting was booked for
    REVIEW_TOO_LATE = "review_too_late"  # the review is later than the law allows

    # The record's state.
    NO_WORKER = "no_worker"  # the relationship has no responsible worker
    READ_ONLY = "read_only"  # a completed document or a signed plan is not edited
    DRAFT = "draft"  # still a draft: it is edited, not revised with a new version
    NOT_SIGNED = "not_signed"  # the step needs a signed plan
    NO_FIRST = "no_first"  # the step needs the signed first plan
    EXISTS = "exists"  # the plan (first or second) has already been started
    NOT_LATEST = "not_latest"  # only the newest version is corrected, with no draft open
    STAGE = "stage"  # the pathway is not at the stage the step follows
    CANNOT_SIGN = "cannot_sign"  # what must be in place before anyone signs
    SIGNED = "signed"  # this party has already signed

    # What was asked for.
    REASON = "reason"  # a new version needs its reason
    MTS = "mts"  # a multi-sectoral plan needs the date its assessment started
    COMPANY = "company"  # kuty is not procured from a company (189/2001 §13 2 mom)
    CONSEQUENCES = "consequences"  # a refusal needs the consequences explained
    NO_CHOICE = "no_choice"  # the second plan needs a chosen option or "mapping continues"
    CONTRADICTION = "contradiction"  # a chosen option and "mapping continues" together
    NOT_THIS_PLAN = "not_this_plan"  # an option of another plan
    NOT_FIRST_PLAN = "not_first_plan"  # the second plan chooses among the first plan's options

    # The joint meeting with the employment authority.
    NOT_A_JOINT_MEETING = "not_a_joint_meeting"  # another client's meeting, or not a joint one
    NO_AUTHORITY = "no_authority"  # booking needs the plan's employment authority
    BOOKED = "booked"  # a joint meeting is already booked for the plan
    NOT_BOOKED = "not_booked"  # no joint meeting is booked for the plan
    NOT_STARTED = "not_started"  # the meeting has not started yet
    JOINT_MEETING_NOT_HELD = "joint_meeting_not_held"  # signing there needs it held
    NOT_THE_MEETING_DAY = "not_the_meeting_day"  # signing there is dated the day it was held
    NOT_A_PLAN_RECIPIENT = "not_a_plan_recipient"  # the plan goes to its parties or the file only
