"""The evaluation app's refusal codes (polku.core.errors). Shared meanings (``required``,
``future``, ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class EvaluationError(StrEnum):
    LEVEL_OUT_OF_RANGE = "level_out_of_range"  # a GAS level outside −2…+2
    EXPECTED_LEVEL_MISSING = "expected_level_missing"  # a goal without the level 0 description
    WEIGHT = "weight"  # a weight that is not positive
    NO_PERIOD = "no_period"  # no started work-activity period to evaluate
    NO_GOALS = "no_goals"  # an evaluation without any goal to evaluate
    ALREADY_STARTED = "already_started"  # the period already has this evaluation
    NO_TEMPLATE = "no_template"  # no evaluation template is in use
    FINISHED = "finished"  # a finished evaluation is read-only
    SECTION_MISSING = "section_missing"  # finishing with a section not complete
    SECTION_INCOMPLETE = "section_incomplete"  # a section marked complete without its content
    BEFORE_PERIOD = "before_period"  # the joint meeting before the period started
    OUTSIDE_WINDOW = "outside_window"  # the place's section outside the period and 30 days
    NOT_AN_ITEM = "not_an_item"  # a rating of an item or a value the template does not have
    PROPOSAL_CLOSED = "proposal_closed"  # a proposal already accepted or answered
    TEMPLATE_IN_USE = "template_in_use"  # a template in use is never changed
    TEMPLATE_INVALID = "template_invalid"  # items or scales in the wrong shape
    TOO_LONG = "too_long"  # the client's words longer than the field takes
