"""Reads of the placements app: the placement page's context, and the facts other pages need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from polku.accounts.models import Unit, UnitKind
from polku.clients.models import ClientRelationship, Stage
from polku.pathways.models import ActivationPlan, OptionKind, PlanStatus
from polku.placements.models import IntroductoryVisit, Period, VisitStatus


def _second_plan_with_place(relationship: ClientRelationship) -> ActivationPlan | None:
    return (
        ActivationPlan.objects.filter(
            relationship=relationship,
            round__gte=2,
            status=PlanStatus.SIGNED,
            chosen_option__kind=OptionKind.PLACE,
        )
        .select_related("chosen_option__place")
        .order_by("-number")
        .first()
    )


def place_chosen_on(relationship: ClientRelationship) -> dt.date | None:
    """When the place was chosen: the signing of the second plan that chose it."""
    plan = _second_plan_with_place(relationship)
    return plan.signed_on if plan is not None else None


def chosen_place(relationship: ClientRelationship) -> Unit | None:
    plan = _second_plan_with_place(relationship)
    if plan is None or plan.chosen_option is None:
        return None
    return plan.chosen_option.place


def work_activity_places() -> QuerySet[Unit]:
    return Unit.objects.filter(kind=UnitKind.WORK_ACTIVITY_PLACE, active=True).order_by("name")


def visit_done(relationship: ClientRelationship) -> IntroductoryVisit | None:
    """The recorded or skipped introductory visit, if any (the latest)."""
    return (
        relationship.introductory_visits.exclude(status=VisitStatus.DRAFT)
        .select_related("place", "recorded_by")
        .first()
    )


@dataclass
class PlacementPage:
    """Everything the placement page of one relationship shows (S8–S10)."""

    relationship: ClientRelationship
    chosen_place: Unit | None
    visits: list[IntroductoryVisit]
    periods: list[Period]
    can_record_visit: bool
    actions: list[str] = field(default_factory=list)


def placement_page(*, relationship: ClientRelationship) -> PlacementPage:
    visits = list(
        relationship.introductory_visits.exclude(status=VisitStatus.DRAFT).select_related(
            "place", "recorded_by"
        )
    )
    periods = list(relationship.periods.select_related("place"))
    at_s8 = relationship.stage == Stage.S8_INTRODUCTORY_VISIT and not visits
    at_s10 = relationship.stage == Stage.S10_INTRODUCTORY_PERIOD
    return PlacementPage(
        relationship=relationship,
        chosen_place=chosen_place(relationship),
        visits=visits,
        periods=periods,
        can_record_visit=relationship.is_open and (at_s8 or at_s10),
    )
