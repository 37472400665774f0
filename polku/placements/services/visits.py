"""S8, the introductory visit: recorded with the hand-over summary, or skipped with a reason."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind, User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship, Stage
from polku.clients.rules import not_before_relationship
from polku.core.errors import CommonError, field_error, fields_error, refuse_null_characters
from polku.core.rules import not_before, not_in_future
from polku.placements.errors import PlacementError
from polku.placements.events import PlacementEvent
from polku.placements.models import IntroductoryVisit, VisitStatus
from polku.placements.selectors import place_chosen_on

VISIT_STAGES = (Stage.S8_INTRODUCTORY_VISIT, Stage.S10_INTRODUCTORY_PERIOD)


def _open_for_a_visit(relationship: ClientRelationship) -> None:
    if not relationship.is_open:
        raise ValidationError(_("The client relationship has ended."), code=CommonError.ENDED)
    if relationship.stage not in VISIT_STAGES:
        raise ValidationError(
            _(
                "The introductory visit is recorded at the introductory visit (S8) or during "
                "an introductory period (S10)."
            ),
            code=PlacementError.WRONG_STAGE,
        )
    if relationship.introductory_visits.exclude(status=VisitStatus.DRAFT).exists() and (
        relationship.stage == Stage.S8_INTRODUCTORY_VISIT
    ):
        raise ValidationError(
            _("The introductory visit has already been recorded."),
            code=PlacementError.VISIT_RECORDED,
        )


@transaction.atomic
def visit_record(
    *,
    actor: User,
    relationship: ClientRelationship,
    place: Unit,
    visited_on: dt.date | None,
    participants: str,
    worker_present: bool,
    place_contact: str,
    agreed_hours: str,
    agreed_tasks: str,
    handover_summary: str,
    reviewed_with_client: bool,
) -> IntroductoryVisit:
    """Record the visit. It needs its date, the worker present, the agreed tasks and the
    hand-over summary reviewed with the client present: the place sees that summary and nothing
    else of the social-work record."""
    require_caseworker(actor, relationship)
    _open_for_a_visit(relationship)
    refuse_null_characters(
        participants=participants,
        place_contact=place_contact,
        agreed_hours=agreed_hours,
        agreed_tasks=agreed_tasks,
        handover_summary=handover_summary,
    )
    if place.kind != UnitKind.WORK_ACTIVITY_PLACE:
        raise field_error("place", _("Choose a work-activity place."), PlacementError.NOT_A_PLACE)
    empty = [
        name
        for name, value in (
            ("visited_on", visited_on),
            ("agreed_tasks", agreed_tasks.strip()),
            ("handover_summary", handover_summary.strip()),
        )
        if not value
    ]
    if empty or visited_on is None:
        raise fields_error(empty, _("Fill this in to record the visit."), CommonError.REQUIRED)
    unchecked = [
        name
        for name, value in (
            ("worker_present", worker_present),
            ("reviewed_with_client", reviewed_with_client),
        )
        if not value
    ]
    if unchecked:
        raise fields_error(
            unchecked,
            _(
                "The responsible worker takes part in the visit and reviews the hand-over "
                "summary with the client present."
            ),
            CommonError.REQUIRED,
        )
    not_in_future("visited_on", visited_on)
    not_before_relationship("visited_on", visited_on, relationship=relationship)
    not_before(
        "visited_on",
        visited_on,
        place_chosen_on(relationship),
        _("The date cannot be before %(date)s, when the place was chosen in the second plan."),
        PlacementError.BEFORE_CHOICE,
    )
    visit = IntroductoryVisit(
        relationship=relationship,
        place=place,
        status=VisitStatus.RECORDED,
        visited_on=visited_on,
        participants=participants.strip(),
        worker_present=worker_present,
        place_contact=place_contact.strip(),
        agreed_hours=agreed_hours.strip(),
        agreed_tasks=agreed_tasks.strip(),
        handover_summary=handover_summary.strip(),
        reviewed_with_client=reviewed_with_client,
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    fields = ["place", "visited_on", "participants", "worker_present", "place_contact"]
    fields += ["agreed_hours", "agreed_tasks", "handover_summary", "reviewed_with_client"]
    audit.record_change(
        actor=actor,
        record=visit,
        client=relationship.client,
        what=PlacementEvent.VISIT,
        changes={name: (None, getattr(visit, name)) for name in fields},
    )
    return visit


@transaction.atomic
def visit_skip(
    *, actor: User, relationship: ClientRelationship, place: Unit, reason: str
) -> IntroductoryVisit:
    """Skip the visit when it is already done (the client knows the place); the stepper shows
    the step as skipped, with the reason."""
    require_caseworker(actor, relationship)
    _open_for_a_visit(relationship)
    refuse_null_characters(reason=reason)
    if not reason.strip():
        raise field_error("skip_reason", _("Say why the visit is skipped."), CommonError.REQUIRED)
    if place.kind != UnitKind.WORK_ACTIVITY_PLACE:
        raise field_error("place", _("Choose a work-activity place."), PlacementError.NOT_A_PLACE)
    visit = IntroductoryVisit(
        relationship=relationship,
        place=place,
        status=VisitStatus.SKIPPED,
        skip_reason=reason.strip(),
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    audit.record_change(
        actor=actor,
        record=visit,
        client=relationship.client,
        what=PlacementEvent.VISIT_SKIPPED,
        changes={"place": (None, place), "skip_reason": (None, visit.skip_reason)},
    )
    return visit
