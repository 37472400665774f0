"""The plan's options and the familiarisation visits to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import ClientRelationship
from polku.core.errors import refuse_null_characters
from polku.core.rules import not_in_future
from polku.pathways import rules
from polku.pathways.errors import PathwayError
from polku.pathways.events import PathwayEvent
from polku.pathways.models import ActivationPlan, FamiliarisationVisit, OptionKind, PlanOption
from polku.pathways.services.signatures import _clear_signatures


def _first_plan_signed_on(relationship: ClientRelationship) -> dt.date | None:
    first = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship, round=1)
        .order_by("number")
        .values_list("signed_on", flat=True)
        .first()
    )
    return first


@transaction.atomic
def option_add(
    *,
    actor: User,
    plan: ActivationPlan,
    kind: str,
    place: Unit | None = None,
    note: str = "",
    proposed_by_client: bool = False,
) -> PlanOption:
    """Add an option. A work-activity place must be a place that may produce kuty."""
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    rules.option_valid(kind=kind, place=place, note=note)
    refuse_null_characters(note=note)
    _clear_signatures(actor=actor, plan=plan)
    option = PlanOption.objects.create(
        plan=plan,
        kind=kind,
        place=place if kind == OptionKind.PLACE else None,
        note=note.strip(),
        proposed_by_client=proposed_by_client or kind == OptionKind.OWN,
    )
    audit.record_change(
        actor=actor,
        record=option,
        client=plan.relationship.client,
        what=PathwayEvent.OPTION_ADDED,
        changes=_option_changes(option, added=True),
    )
    return option


def _option_changes(option: PlanOption, *, added: bool) -> dict[str, tuple[Any, Any]]:
    """An option as stable values (kind key, place id, the worker's note): the timeline
    composes them in the viewer's language when shown."""
    values = {"kind": option.kind, "place": option.place_id, "note": option.note}
    return {
        name: ((None, value) if added else (value, None))
        for name, value in values.items()
        if value not in (None, "")
    }


@transaction.atomic
def option_remove(*, actor: User, option: PlanOption) -> None:
    plan = option.plan
    require_caseworker(actor, plan.relationship)
    rules.plan_draft(plan)
    _clear_signatures(actor=actor, plan=plan)
    audit.record_change(
        actor=actor,
        record=option,
        client=plan.relationship.client,
        what=PathwayEvent.OPTION_REMOVED,
        changes=_option_changes(option, added=False),
    )
    option.delete()


@transaction.atomic
def visit_add(
    *,
    actor: User,
    plan: ActivationPlan,
    option: PlanOption,
    visited_on: dt.date,
    with_worker: bool,
    impression: str,
) -> FamiliarisationVisit:
    require_caseworker(actor, plan.relationship)
    rules.option_of_the_plan(option, plan)
    not_in_future("visited_on", visited_on)
    refuse_null_characters(impression=impression)
    first_plan_signed_on = _first_plan_signed_on(plan.relationship)
    if first_plan_signed_on is None:
        raise ValidationError(_("The first plan must be signed first."), code=PathwayError.NO_FIRST)
    rules.pathway_bounds(
        "visited_on",
        visited_on,
        started_on=plan.relationship.started_on,
        first_plan_signed_on=first_plan_signed_on,
    )
    visit = FamiliarisationVisit.objects.create(
        plan=plan,
        option=option,
        visited_on=visited_on,
        with_worker=with_worker,
        impression=impression.strip(),
        recorded_by=actor,
    )
    audit.record_change(
        actor=actor,
        record=visit,
        client=plan.relationship.client,
        what=PathwayEvent.VISIT,
        changes={
            "option": (None, option.pk),
            "visited_on": (None, visited_on),
            "with_worker": (None, with_worker),
        },
    )
    return visit
