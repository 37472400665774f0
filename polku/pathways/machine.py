"""The pathway state machine (SPEC §2): stages S1–S15, the allowed transitions, and a registry
of the checks that say what each transition needs. One function says what is missing; the
service raises it and the stepper shows it.

The graph is fixed here; the checks are not. The app that records a step registers the check
that needs it from its ``AppConfig.ready()`` (``pathways`` for S1–S7, from ``pathways.checks``):

```python
class PlacementsConfig(AppConfig):
    def ready(self) -> None:
        machine.register_check(Stage.S8_INTRODUCTORY_VISIT, Stage.S9_KUTY_STARTS, decided)
```

so ``pathways`` never imports a later app. A transition no app has registered a check for yet
waits with its ``pending`` list (what it will need, in words), or is free when it needs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from polku.clients.models import ClientRelationship, Stage

Check = Callable[[ClientRelationship], list[str]]


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    # What the step needs while no app records it (shown until a check is registered).
    pending: tuple[Promise, ...] = ()
    # A step taken after the relationship has ended (S14 → S15); every other step needs it open.
    after_end: bool = False


S = Stage

GRAPH: tuple[Transition, ...] = (
    Transition(S.S1_STARTED, S.S2_RESPONSIBLE_WORKER),
    Transition(S.S2_RESPONSIBLE_WORKER, S.S3_FIRST_MEETING),
    Transition(S.S3_FIRST_MEETING, S.S4_ASSESSMENT),
    Transition(S.S3_FIRST_MEETING, S.S5_ACTIVATION_PLAN),
    Transition(S.S4_ASSESSMENT, S.S5_ACTIVATION_PLAN),
    Transition(S.S5_ACTIVATION_PLAN, S.S4_ASSESSMENT),
    Transition(S.S5_ACTIVATION_PLAN, S.S6_REFLECTION),
    Transition(S.S6_REFLECTION, S.S7_SECOND_PLAN),
    Transition(S.S7_SECOND_PLAN, S.S8_INTRODUCTORY_VISIT),
    Transition(S.S7_SECOND_PLAN, S.S5_ACTIVATION_PLAN),
    Transition(S.S7_SECOND_PLAN, S.S4_ASSESSMENT),
    Transition(
        S.S8_INTRODUCTORY_VISIT,
        S.S9_KUTY_STARTS,
        (
            gettext_lazy("The introductory visit has not been recorded yet."),
            gettext_lazy("No decision on rehabilitative work activity has been made yet."),
            gettext_lazy("The chief shop steward has not been notified yet."),
        ),
    ),
    Transition(
        S.S9_KUTY_STARTS,
        S.S10_INTRODUCTORY_PERIOD,
        (gettext_lazy("No decision on an introductory period has been made yet."),),
    ),
    Transition(
        S.S9_KUTY_STARTS,
        S.S11_PERIOD,
        (gettext_lazy("The period has not started at the place yet."),),
    ),
    Transition(
        S.S10_INTRODUCTORY_PERIOD,
        S.S11_PERIOD,
        (gettext_lazy("The introductory period has not been evaluated yet."),),
    ),
    Transition(S.S10_INTRODUCTORY_PERIOD, S.S5_ACTIVATION_PLAN),
    # The evaluation app registers both checks (polku/evaluation/checks.py).
    Transition(S.S11_PERIOD, S.S12_EVALUATION),
    Transition(S.S12_EVALUATION, S.S13_CERTIFICATE),
    # Its checks are the closure app's (polku/closure/checks.py); ending the relationship
    # (closure.services.relationship_end) takes this step.
    Transition(S.S13_CERTIFICATE, S.S14_CLOSED),
    # The one step of an ended relationship: the follow-up contact one month after the end.
    Transition(S.S14_CLOSED, S.S15_FOLLOW_UP_CALL, after_end=True),
)

_CHECKS: dict[tuple[Stage, Stage], list[Check]] = {}


def register_check(source: Stage, target: Stage, check: Check) -> None:
    """Add a check to a transition of the graph; several checks on one transition all apply."""
    if (source, target) not in transitions():
        raise ValueError(f"The pathway has no transition {source} → {target}.")
    checks = _CHECKS.setdefault((source, target), [])
    if check not in checks:
        checks.append(check)


def registered_checks(source: Stage, target: Stage) -> Sequence[Check]:
    return tuple(_CHECKS.get((source, target), ()))


def transitions() -> dict[tuple[Stage, Stage], Transition]:
    return {(t.source, t.target): t for t in GRAPH}


def allowed_targets(stage: str) -> list[Stage]:
    return [t.target for t in GRAPH if t.source == stage]


def missing_for(relationship: ClientRelationship, target: Stage) -> list[str]:
    """What is missing before ``relationship`` may move to ``target``; [] when it may.

    A target that is not reachable from the current stage is explained as such.
    """
    transition = transitions().get((Stage(relationship.stage), target))
    if transition is None:
        return [
            _("The pathway does not move from “%(source)s” to “%(target)s”.")
            % {"source": Stage(relationship.stage).label, "target": target.label}
        ]
    if not relationship.is_open and not transition.after_end:
        return [_("The client relationship has ended.")]
    checks = _CHECKS.get((transition.source, transition.target))
    if not checks:
        return [str(need) for need in transition.pending]
    missing: list[str] = []
    for check in checks:
        missing.extend(check(relationship))
    return missing
