"""Reads of the placements app: the placement page's context, and the facts other pages need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.clients.models import ClientRelationship, Stage
from polku.core import clock
from polku.pathways.models import ActivationPlan, ClientPlan, OptionKind, PlanStatus
from polku.placements import geo
from polku.placements.deadlines import AppealDeadline
from polku.placements.matching import PlaceFacts
from polku.placements.models import (
    Decision,
    DecisionKind,
    DecisionStatus,
    Delivery,
    InfoPackage,
    IntroductoryVisit,
    Period,
    PeriodStatus,
    PlaceProfile,
    StewardNotice,
    VisitStatus,
)


def _second_plan_with_place(relationship: ClientRelationship) -> ActivationPlan | None:
    """The newest second plan when it is signed and chose a place; None while a newer second
    plan (after a return to mapping) is still a draft."""
    plan = (
        ActivationPlan.objects.filter(relationship=relationship, round__gte=2)
        .select_related("chosen_option__place")
        .order_by("-number")
        .first()
    )
    if plan is None or plan.status != PlanStatus.SIGNED:
        return None
    if plan.chosen_option is None or plan.chosen_option.kind != OptionKind.PLACE:
        return None
    return plan


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
    return Unit.objects.filter(kind=UnitKind.WORK_ACTIVITY_PLACE, active=True).by_name()


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
    decisions: list[Decision]
    notified_period_ids: set[int]
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
        decisions=list(
            relationship.decisions.select_related("decision_maker", "period").order_by("-pk")
        ),
        notified_period_ids=set(
            StewardNotice.objects.filter(period__relationship=relationship).values_list(
                "period_id", flat=True
            )
        ),
        can_record_visit=relationship.is_open and (at_s8 or at_s10),
    )


def _free_places_annotation() -> Any:
    """Capacity less the place's planned and active periods, counted per place in a correlated
    subquery (a join and GROUP BY over every period ever written took 180 ms at county size,
    docs/performance.md)."""
    active = (
        Period.objects.filter(
            place_id=OuterRef("place_id"),
            status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE],
        )
        .order_by()
        .values("place_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    taken = Coalesce(Subquery(active, output_field=IntegerField()), Value(0))
    return Greatest(F("capacity") - taken, Value(0), output_field=IntegerField())


def place_facts(*, producers_only: bool = False) -> list[PlaceFacts]:
    """Every active place with a profile, as matching sees it: one query, whatever the count.
    ``producers_only`` leaves out companies, which cannot produce kuty (189/2001 §13 2 mom):
    the suggestions for a client are places where a period can be planned."""
    rows = PlaceProfile.objects.filter(place__active=True, place__kind=UnitKind.WORK_ACTIVITY_PLACE)
    if producers_only:
        rows = rows.exclude(place__producer_type=ProducerType.COMPANY)
    rows = (
        rows.select_related("place__municipality")
        .annotate(free=_free_places_annotation())
        .order_by("place__name", "pk")
    )
    facts = []
    for profile in rows:
        place = profile.place
        point = None
        if profile.latitude is not None and profile.longitude is not None:
            point = (float(profile.latitude), float(profile.longitude))
        elif place.postal_code:
            point = geo.coordinates_for(place.postal_code)
        shown = place.display_name
        facts.append(
            PlaceFacts(
                id=place.pk,
                name=shown,
                other_name=place.name_sv if shown == place.name else place.name,
                field=profile.field,
                tasks=tuple(line.strip() for line in profile.tasks.splitlines() if line.strip()),
                weekdays=frozenset(int(day) - 1 for day in profile.weekdays),
                opens=profile.opens_at,
                closes=profile.closes_at,
                accessibility=frozenset(profile.accessibility or ()),
                free_places=int(getattr(profile, "free", 0)),
                lat=point[0] if point else None,
                lon=point[1] if point else None,
                municipality=place.municipality.display_name if place.municipality else place.city,
                other_municipality=place.municipality.other_name if place.municipality else "",
                description=profile.level,
            )
        )
    return facts


def home_of(relationship: ClientRelationship) -> tuple[float, float] | None:
    """The client's home as a point, from the postal code (decision 0009)."""
    code = relationship.client.postal_code
    return geo.coordinates_for(code) if code else None


def client_plan_goals(relationship: ClientRelationship) -> str:
    """The goals written in the latest client plan, to start the needs form with."""
    plan = ClientPlan.objects.filter(relationship=relationship).order_by("-number").first()
    return plan.goals if plan is not None else ""


def place_point(place: Unit) -> tuple[float, float] | None:
    """A place's point: its profile's coordinates, else its postal code's (decision 0009)."""
    profile = PlaceProfile.objects.filter(place=place).first()
    if profile is not None and profile.latitude is not None and profile.longitude is not None:
        return (float(profile.latitude), float(profile.longitude))
    return geo.coordinates_for(place.postal_code) if place.postal_code else None


@dataclass
class DecisionPage:
    decision: Decision
    deliveries: list[Delivery]
    deadline: AppealDeadline | None
    can_make: bool
    can_deliver: bool


def decision_page(*, decision: Decision, viewer: User) -> DecisionPage:
    from polku.placements.services.decisions import decision_deadline

    decided = decision.status == DecisionStatus.DECIDED
    return DecisionPage(
        decision=decision,
        deliveries=list(decision.deliveries.select_related("recorded_by")),
        deadline=decision_deadline(decision) if decided else None,
        can_make=not decided and decision.decision_maker_id == viewer.pk,
        can_deliver=decided,
    )


def decision_document_context(*, decision: Decision, language: str) -> dict[str, Any]:
    """The decision PDF's context: the basic data of SPEC §8, the decision, its period and the
    appeal instructions of the version the decision was made with, in the client's language."""
    from polku.placements.services.decisions import decision_deadline

    relationship = decision.relationship
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    maker = decision.decision_maker
    version = decision.appeal_text_version or "2026-1"
    lang = language if language in ("fi", "sv") else "en"
    return {
        "document_name": DecisionKind(decision.kind).label,
        "organiser_name": (organiser or relationship.unit).name_in(language),
        # The unit that made the decision (the client's unit, whose decision makers decide),
        # not the work-activity place the period is at.
        "producer_name": relationship.unit.name_in(language),
        "client_name": relationship.client.full_name,
        "client_identity_code": relationship.client.masked_identity_code,
        "author_name": decision.drafted_by.get_full_name(),  # the preparer (valmistelija)
        "author_title": decision.drafted_by.title_in(language),
        "maker_name": maker.get_full_name(),
        "maker_title": maker.title_in(language),
        "created_at": clock.now(),
        "decision": decision,
        "period": decision.period,
        "deadline": decision_deadline(decision) if decision.decided_on else None,
        "appeal_template": f"placements/legal/appeal_{version}_{lang}.html",
        "unit": relationship.unit,
    }


@dataclass
class PlaceClient:
    """What the place supervisor may see of a client during the period (SPEC §1): the name,
    the goal, the agreed tasks and hours, and the hand-over summary; nothing else."""

    name: str
    place: str
    goal: str
    tasks: str
    weekdays: str
    hours_per_day: Any
    starts_on: dt.date
    ends_on: dt.date
    handover_summary: str


def place_clients(*, viewer: User) -> list[PlaceClient]:
    """The clients whose period is under way at the viewer's places; each read is logged."""
    from polku.audit import services as audit
    from polku.placements.bases import PLACE_SUPERVISOR, active_periods_at_places_of
    from polku.placements.events import PlacementRead

    periods = list(
        active_periods_at_places_of(viewer)
        .select_related("relationship__client", "place")
        .order_by("place__name", "relationship__client__last_name", "pk")
    )
    visits = {
        (v.relationship_id, v.place_id): v.handover_summary
        for v in IntroductoryVisit.objects.filter(
            relationship_id__in=[p.relationship_id for p in periods], status=VisitStatus.RECORDED
        ).order_by("pk")
    }
    rows = [
        PlaceClient(
            name=p.relationship.client.full_name,
            place=p.place.display_name,
            goal=p.goal,
            tasks=p.tasks,
            weekdays=p.weekdays,
            hours_per_day=p.hours_per_day,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            handover_summary=visits.get((p.relationship_id, p.place_id), ""),
        )
        for p in periods
    ]
    audit.record_access_many(
        actor=viewer,
        client_ids=[p.relationship.client_id for p in periods],
        what=PlacementRead.PLACE_CLIENT,
        basis=PLACE_SUPERVISOR,
    )
    return rows


def info_packages(*, period: Period) -> list[InfoPackage]:
    return list(period.info_packages.select_related("recorded_by"))


def periods_of(*, relationship: ClientRelationship) -> QuerySet[Period]:
    return relationship.periods.select_related("place").order_by("-starts_on", "-pk")
