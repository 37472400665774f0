"""The evaluation app's views, one module per user: the worker (``worker``), the place
supervisor (``place``) and the client in OmaPolku (``client``)."""

from polku.evaluation.views.client import my_evaluation, my_goals
from polku.evaluation.views.place import place_evaluation, place_list
from polku.evaluation.views.worker import (
    evaluation,
    evaluation_start,
    goal_edit,
    goal_new,
    overview,
    proposal_answer,
)

__all__ = [
    "evaluation",
    "evaluation_start",
    "goal_edit",
    "goal_new",
    "my_evaluation",
    "my_goals",
    "overview",
    "place_evaluation",
    "place_list",
    "proposal_answer",
]
