"""The evaluation app's audit event types (polku.audit.events). Keys are stored and never
renamed."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from polku.audit.events import EventType


class EvaluationEvent(EventType):
    """Writes of goals, proposals and evaluations."""

    GOAL = "goal", pgettext_lazy("audit event", "Goal saved")
    PROPOSAL = "goal proposal", pgettext_lazy("audit event", "Client proposed a goal change")
    PROPOSAL_ANSWERED = (
        "goal proposal answered",
        pgettext_lazy("audit event", "Goal proposal answered"),
    )
    EVALUATION_STARTED = "evaluation started", pgettext_lazy("audit event", "Evaluation started")
    SECTION = "evaluation section", pgettext_lazy("audit event", "Evaluation section saved")
    EVALUATION_FINISHED = (
        "evaluation finished",
        pgettext_lazy("audit event", "Evaluation finished at the joint meeting"),
    )


class EvaluationRead(EventType):
    """Reads: the goals and evaluation pages of the worker, the place and the client."""

    OVERVIEW = "goals and evaluations", pgettext_lazy("audit read", "Goals and evaluations")
    EVALUATION = "evaluation page", pgettext_lazy("audit read", "Evaluation")
    PLACE_EVALUATION = (
        "evaluation at the place",
        pgettext_lazy("audit read", "Evaluation at the place"),
    )
    OWN_GOALS = "own goals", pgettext_lazy("audit read", "OmaPolku goals")
    OWN_EVALUATION = "own evaluation", pgettext_lazy("audit read", "OmaPolku evaluation")
