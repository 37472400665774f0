"""The feedback app's refusal codes (polku.core.errors). Shared meanings (``required``,
``resubmitted`` ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class FeedbackError(StrEnum):
    OUT_OF_SCALE = "out_of_scale"  # a survey answer outside 1–4
    TOO_LONG = "too_long"  # words longer than a field takes
    UNKNOWN_STATEMENT = "unknown_statement"  # an answer to a statement the survey does not have
    NOTHING_ANSWERED = "nothing_answered"  # a survey sent with no answer and no words
    NOT_OFFERED = "not_offered"  # the survey of a period that is not the client's ended period
    ALREADY_ANSWERED = "already_answered"  # the client has answered this period's survey
    NO_UNIT = "no_unit"  # the client has no relationship whose unit could receive the message
    NOT_YOUR_PLACE = "not_your_place"  # a feedback message about a place that is not the client's
    WRONG_STATE = "wrong_state"  # a state change the message or complaint cannot make
    ANSWER_NEEDED = "answer_needed"  # a complaint marked answered without the answer
