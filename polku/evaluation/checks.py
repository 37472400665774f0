"""The pathway checks of S11 → S12 and S12 → S13 (polku.pathways.machine) and the stepper's
"done" of S12, registered from ``EvaluationConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from polku.clients.models import ClientRelationship, Stage
from polku.evaluation.models import Evaluation, EvaluationKind, EvaluationStatus
from polku.pathways.machine import register_check


def evaluation_started(relationship: ClientRelationship) -> list[str]:
    """S11 → S12: the mid-period evaluation (or the final one) of the period has started."""
    if not Evaluation.objects.filter(relationship=relationship).exists():
        return [_("The mid-period evaluation has not been started yet.")]
    return []


def final_evaluation_finished(relationship: ClientRelationship) -> list[str]:
    """S12 → S13: the final evaluation is finished at the joint meeting."""
    if not Evaluation.objects.filter(
        relationship=relationship, kind=EvaluationKind.FINAL, status=EvaluationStatus.FINISHED
    ).exists():
        return [_("The final evaluation is not finished yet.")]
    return []


def evaluation_done(relationship: ClientRelationship) -> bool:
    """S12 passed with the final evaluation finished."""
    return not final_evaluation_finished(relationship)


def register() -> None:
    from polku.clients.selectors import register_stage_done

    register_check(Stage.S11_PERIOD, Stage.S12_EVALUATION, evaluation_started)
    register_check(Stage.S12_EVALUATION, Stage.S13_CERTIFICATE, final_evaluation_finished)
    register_stage_done(Stage.S12_EVALUATION, evaluation_done)
