"""The placements app's refusal codes (polku.core.errors)."""

from __future__ import annotations

from enum import StrEnum


class PlacementError(StrEnum):
    NOT_A_PLACE = "not_a_place"  # the unit is not a work-activity place
    WRONG_STAGE = "wrong_stage"  # the step is not recorded at the relationship's stage
    VISIT_RECORDED = "visit_recorded"  # the introductory visit is already recorded or skipped
    BEFORE_CHOICE = "before_choice"  # dated before the place was chosen in the signed second plan
