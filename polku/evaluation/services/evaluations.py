"""The mid-period and final evaluation (SPEC §5, S12): started by the worker, each section
filled in by its own party, finished at a joint meeting once every section is complete."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from polku.accounts.models import User
from polku.attendance.access import is_place_supervisor
from polku.audit import services as audit
from polku.clients.access import is_caseworker, require_caseworker
from polku.clients.models import ClientRelationship, Stage
from polku.core import clock
from polku.core.errors import CommonError, field_error, refusal, refuse_null_characters
from polku.core.versioning import EditConflict
from polku.evaluation import rules
from polku.evaluation.errors import EvaluationError
from polku.evaluation.events import EvaluationEvent
from polku.evaluation.models import (
    SELF_EVALUATION_AREAS,
    Evaluation,
    EvaluationKind,
    EvaluationSection,
    EvaluationStatus,
    EvaluationTemplate,
    SectionPart,
    SelfSource,
)
from polku.evaluation.rules import check_place_window, gas_level, meeting_date
from polku.evaluation.selectors import current_period, goals_of, section_of

EVALUATION_STAGES = (Stage.S11_PERIOD, Stage.S12_EVALUATION)

SECTION_MISSING_TEXT = {
    SectionPart.GOALS: gettext_lazy(
        "The goals section is not complete yet (the worker, with the client)."
    ),
    SectionPart.PLACE: gettext_lazy(
        "The work ability and working-life readiness section is not complete yet (the place)."
    ),
    SectionPart.SELF: gettext_lazy("The client's self-evaluation is not complete yet."),
}


def _writable(evaluation: Evaluation) -> None:
    if evaluation.is_finished:
        raise ValidationError(
            _("The evaluation has been finished and is read-only."), code=EvaluationError.FINISHED
        )
    if not evaluation.relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)


def _move(actor: User, relationship: ClientRelationship, source: Stage, target: Stage) -> None:
    from polku.pathways.services import transition

    relationship.refresh_from_db()
    if relationship.stage == source:
        transition(actor=actor, relationship=relationship, target=target)


@transaction.atomic
def evaluation_start(*, actor: User, relationship: ClientRelationship, kind: str) -> Evaluation:
    """Start the mid-period or final evaluation of the current period with the newest active
    template. Starting one at S11 moves the pathway to S12."""
    require_caseworker(actor, relationship)
    if not relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)
    if kind not in EvaluationKind.values:
        raise field_error("kind", _("Choose the evaluation."), CommonError.REQUIRED)
    period = current_period(relationship)
    if (
        period is None
        or period.starts_on > clock.today()
        or relationship.stage not in EVALUATION_STAGES
    ):
        raise ValidationError(
            _("An evaluation is made during a work-activity period that has started."),
            code=EvaluationError.NO_PERIOD,
        )
    if not goals_of(relationship):
        raise ValidationError(
            _("Write at least one goal with the client before the evaluation."),
            code=EvaluationError.NO_GOALS,
        )
    if Evaluation.objects.filter(period=period, kind=kind).exists():
        raise field_error(
            "kind",
            _("This evaluation of the period has already been started."),
            EvaluationError.ALREADY_STARTED,
        )
    template = EvaluationTemplate.objects.filter(active=True).order_by("-number", "-pk").first()
    if template is None:
        raise ValidationError(
            _("No evaluation template is in use; ask the administrator."),
            code=EvaluationError.NO_TEMPLATE,
        )
    evaluation = Evaluation.objects.create(
        relationship=relationship, period=period, kind=kind, template=template, started_by=actor
    )
    EvaluationSection.objects.bulk_create(
        EvaluationSection(evaluation=evaluation, part=part) for part in SectionPart.values
    )
    audit.record_change(
        actor=actor,
        record=evaluation,
        client=relationship.client,
        what=EvaluationEvent.EVALUATION_STARTED,
        changes={"kind": (None, kind), "period": (None, period), "template": (None, template)},
    )
    _move(actor, relationship, Stage.S11_PERIOD, Stage.S12_EVALUATION)
    return evaluation


def _save_section(
    *,
    actor: User,
    section: EvaluationSection,
    version: int,
    data: dict[str, Any],
    complete: bool,
    source: str = "",
    submission: uuid.UUID | None = None,
) -> EvaluationSection:
    """Save a section if its version is still ``version``. ``submission`` is the form's
    one-time token: the same form sent again (a double click) finds the section saved by
    its first send and is neither saved twice nor refused as someone else's edit."""
    if submission is not None and section.submission == submission:
        return section
    evaluation = section.evaluation
    try:
        audit.model_update(
            actor=actor,
            obj=section,
            version=version,
            data={
                "data": data,
                "complete": complete,
                "completed_by": actor if complete else None,
                "source": source,
            },
            what=EvaluationEvent.SECTION,
            client=evaluation.relationship.client,
            clean=False,
        )
    except EditConflict:
        # Sent twice at once: the first send saved it (the second waited for its row).
        stored = EvaluationSection.objects.get(pk=section.pk)
        if submission is not None and stored.submission == submission:
            return stored
        raise
    if submission is not None:
        EvaluationSection.objects.filter(pk=section.pk).update(submission=submission)
        section.submission = submission
    return section


def _incomplete(message: str) -> ValidationError:
    return ValidationError(message, code=EvaluationError.SECTION_INCOMPLETE)


def _text(value: Any) -> str:
    return str(value or "").strip()


@transaction.atomic
def goals_section_save(
    *,
    actor: User,
    evaluation: Evaluation,
    version: int,
    ratings: dict[int, dict[str, Any]],
    complete: bool,
    submission: uuid.UUID | None = None,
) -> EvaluationSection:
    """Section 2, the goals (the worker with the client): per goal the level reached (−2…+2),
    the actions taken, what helped and the next steps. Complete means every goal rated."""
    relationship = evaluation.relationship
    require_caseworker(actor, relationship)
    _writable(evaluation)
    goals = {goal.pk: goal for goal in goals_of(relationship)}
    data: dict[str, Any] = {}
    for goal_id, rating in ratings.items():
        if goal_id not in goals:
            raise PermissionDenied
        refuse_null_characters(
            **{f"{k}_{goal_id}": rating.get(k, "") for k in ("actions", "helped", "next")}
        )
        level = rating.get("level")
        row: dict[str, Any] = {k: _text(rating.get(k)) for k in ("actions", "helped", "next")}
        if level not in (None, ""):
            row["level"] = gas_level(f"level_{goal_id}", level)
        if "level" in row or any(row.values()):
            data[str(goal_id)] = row
    if complete:
        unrated = [goals[g] for g in goals if "level" not in data.get(str(g), {})]
        if unrated:
            raise refusal(
                [
                    _("The level reached is missing for the goal “%(goal)s”.") % {"goal": g.wording}
                    for g in unrated
                ],
                EvaluationError.SECTION_INCOMPLETE,
            )
    return _save_section(
        actor=actor,
        section=section_of(evaluation, SectionPart.GOALS),
        version=version,
        data=data,
        complete=complete,
        submission=submission,
    )


@transaction.atomic
def place_section_save(
    *,
    actor: User,
    evaluation: Evaluation,
    version: int,
    ratings: dict[str, dict[str, Any]],
    complete: bool,
    submission: uuid.UUID | None = None,
) -> EvaluationSection:
    """Section 3, work ability and working-life readiness, rated by the supervisor of the
    period's place on the template's items and scales, during the period and up to 30 days
    after it. Complete means every item rated."""
    period = evaluation.period
    if not is_place_supervisor(actor, period.place_id):
        raise PermissionDenied
    _writable(evaluation)
    check_place_window(period.starts_on, period.ends_on)
    items = {row["key"]: row for row in evaluation.template.item_rows()}
    data: dict[str, Any] = {}
    for key, rating in ratings.items():
        if key not in items:
            raise ValidationError(_("The form has no such item."), code=EvaluationError.NOT_AN_ITEM)
        refuse_null_characters(**{f"comment_{key}": rating.get("comment", "")})
        row: dict[str, Any] = {"comment": _text(rating.get("comment"))}
        value = rating.get("value")
        if value not in (None, ""):
            allowed = {v for v, _label in items[key]["levels"]}
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = None
            if number not in allowed:
                raise field_error(
                    f"value_{key}",
                    _("Choose a value of the item's scale."),
                    EvaluationError.NOT_AN_ITEM,
                )
            row["value"] = number
        if "value" in row or row["comment"]:
            data[key] = row
    if complete:
        unrated = [items[k]["text"] for k in items if "value" not in data.get(k, {})]
        if unrated:
            raise refusal(
                [_("The rating is missing for “%(item)s”.") % {"item": t} for t in unrated],
                EvaluationError.SECTION_INCOMPLETE,
            )
    return _save_section(
        actor=actor,
        section=section_of(evaluation, SectionPart.PLACE),
        version=version,
        data=data,
        complete=complete,
        submission=submission,
    )


@transaction.atomic
def self_section_save(
    *,
    actor: User,
    evaluation: Evaluation,
    version: int,
    answers: dict[str, str],
    complete: bool,
    submission: uuid.UUID | None = None,
) -> EvaluationSection:
    """Section 4, the client's self-evaluation across life areas in their own words: the
    client in OmaPolku, or the worker entering it from the client's paper form (marked so)."""
    relationship = evaluation.relationship
    if relationship.client.user_id is not None and relationship.client.user_id == actor.pk:
        source = SelfSource.CLIENT
    elif is_caseworker(actor, relationship):
        source = SelfSource.PAPER
    else:
        raise PermissionDenied
    _writable(evaluation)
    refuse_null_characters(**answers)
    refused = rules.too_long(
        {str(area): _text(answers.get(area)) for area in SELF_EVALUATION_AREAS},
        rules.MAX_SELF_ANSWER,
    )
    if refused is not None:
        raise refused
    data: dict[str, Any] = {
        str(area): _text(answers.get(area))
        for area in SELF_EVALUATION_AREAS
        if _text(answers.get(area))
    }
    if complete and not data:
        raise _incomplete(_("Write about at least one area of life."))
    return _save_section(
        actor=actor,
        section=section_of(evaluation, SectionPart.SELF),
        version=version,
        data=data,
        complete=complete,
        source=source,
        submission=submission,
    )


def missing_sections(evaluation: Evaluation) -> list[str]:
    """What keeps the evaluation from being finished, one sentence per section."""
    done = {s.part for s in evaluation.sections.all() if s.complete}
    return [str(SECTION_MISSING_TEXT[part]) for part in SectionPart if part not in done]


@transaction.atomic
def evaluation_finish(
    *,
    actor: User,
    evaluation: Evaluation,
    version: int,
    met_on: dt.date | None,
    participants: str,
) -> Evaluation:
    """Finish the evaluation at the joint meeting: only when every section is complete (each
    missing one is named), then read-only. Finishing the final evaluation completes S12."""
    relationship = evaluation.relationship
    require_caseworker(actor, relationship)
    _writable(evaluation)
    missing = missing_sections(evaluation)
    if missing:
        raise refusal(missing, EvaluationError.SECTION_MISSING)
    refuse_null_characters(participants=participants)
    meeting_date(met_on, period_starts_on=evaluation.period.starts_on)
    audit.model_update(
        actor=actor,
        obj=evaluation,
        version=version,
        data={
            "status": EvaluationStatus.FINISHED,
            "met_on": met_on,
            "participants": participants.strip(),
            "finished_by": actor,
        },
        what=EvaluationEvent.EVALUATION_FINISHED,
        client=relationship.client,
    )
    if evaluation.kind == EvaluationKind.FINAL:
        _move(actor, relationship, Stage.S12_EVALUATION, Stage.S13_CERTIFICATE)
    return evaluation
