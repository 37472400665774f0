"""The evaluation app's services, one module per entity; the public names are re-exported."""

from polku.evaluation.services.evaluations import (
    evaluation_finish,
    evaluation_start,
    goals_section_save,
    missing_sections,
    place_section_save,
    self_section_save,
)
from polku.evaluation.services.goals import (
    goal_create,
    goal_update,
    proposal_answer,
    proposal_create,
)

__all__ = [
    "evaluation_finish",
    "evaluation_start",
    "goal_create",
    "goal_update",
    "goals_section_save",
    "missing_sections",
    "place_section_save",
    "proposal_answer",
    "proposal_create",
    "self_section_save",
]
