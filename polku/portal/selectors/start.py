"""The client's start page (SPEC §6): their worker and how to reach them, who does what, the
next meetings, the plan and goals in short with the dates that matter, and the days left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F

from polku.accounts import selectors as account_selectors
from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Role
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.core.rules import weekday_words
from polku.evaluation.models import Evaluation, EvaluationStatus, Goal
from polku.feedback.selectors import offered_periods
from polku.pathways.models import ActivationPlan
from polku.placements.models import Decision, Period, PeriodKind, PlaceProfile
from polku.portal.models import ReachableTime
from polku.portal.phones import is_phone_number
from polku.portal.selectors.days import (
    COMING_GROUP_DAYS,
    coming_absences,
    coming_group_sessions,
    current_periods,
    decided_periods,
    group_schedules,
    participation,
    schedules,
)

# The start page lists at most this many coming absences and group days; "my days" has all.
START_LIST = 5


def own_relationship(client: Client) -> ClientRelationship | None:
    """The relationship the client's pages show: the open one, else the latest ended one (an
    ended client relationship stays readable to the client)."""
    rows = client.relationships.select_related(
        "unit", "responsible_worker__reachable_time"
    ).order_by(F("ended_on").desc(nulls_first=True), "-started_on", "-pk")
    return rows.first()


class Duty:
    """Who does what, as the template words it (SPEC §6 "who does what")."""

    WORKER = "worker"
    DECISION_MAKER = "decision_maker"
    PLACE_SUPERVISOR = "place_supervisor"


@dataclass(frozen=True)
class Contact:
    """A person the client deals with: their duty, name and title, how to reach them (a
    phone, an e-mail) and when (``days`` in words and the hours; empty when not known)."""

    duty: str
    name: str
    title: str
    where: str
    phone: str = ""
    email: str = ""
    days: str = ""
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    office_phone: bool = False  # the phone is the office's, not the person's own


def worker_contact(relationship: ClientRelationship) -> Contact | None:
    """The responsible worker: their direct phone and phone hours when they have given them
    (``ReachableTime``), else the unit's phone."""
    worker = relationship.responsible_worker
    if worker is None:
        return None
    reach: ReachableTime | None = getattr(worker, "reachable_time", None)
    has_hours = reach is not None and reach.has_hours
    # A direct phone saved before it had to be a number ("soita minulle") is not shown as one.
    own_phone = reach.phone if reach and is_phone_number(reach.phone) else ""
    return Contact(
        duty=Duty.WORKER,
        name=worker.get_full_name(),
        title=worker.title_in(),
        where=relationship.unit.display_name,
        phone=own_phone or relationship.unit.phone,
        office_phone=not own_phone,
        email=worker.email,
        days=weekday_words(reach.weekday_numbers) if reach and has_hours else "",
        starts_at=reach.starts_at if reach and has_hours else None,
        ends_at=reach.ends_at if reach and has_hours else None,
    )


def decision_maker_contact(relationship: ClientRelationship) -> Contact | None:
    """Who decides on the client's work activity: the maker of the latest decision (made or
    being prepared) of the relationship."""
    decision = (
        Decision.objects.filter(relationship=relationship)
        .select_related("decision_maker")
        .order_by(F("decided_on").desc(nulls_last=True), "-pk")
        .first()
    )
    if decision is None:
        return None
    maker = decision.decision_maker
    return Contact(
        duty=Duty.DECISION_MAKER,
        name=maker.get_full_name(),
        title=maker.title_in(),
        where=relationship.unit.display_name,
    )


def place_contacts(period: Period | None) -> list[Contact]:
    """Who guides the client at the period's place, with the place's contact phone: the
    supervisors (their ``PLACE_SUPERVISOR`` assignments) and the place profile's contact
    person (the instructor the info package names) when not one of them. The start page's
    "who does what" and the info package list the same people."""
    if period is None:
        return []
    profile = PlaceProfile.objects.filter(place_id=period.place_id).first()
    phone = (profile.contact_phone if profile else "") or period.place.phone
    supervisors = (
        RoleAssignment.objects.filter(unit_id=period.place_id, role=Role.PLACE_SUPERVISOR)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    people = [
        Contact(
            duty=Duty.PLACE_SUPERVISOR,
            name=row.user.get_full_name(),
            title=row.user.title_in(),
            where=period.place.display_name,
            phone=phone,
            email=row.user.email,
        )
        for row in supervisors
    ]
    named = profile.contact_name.strip() if profile else ""
    if named and all(named.casefold() != person.name.casefold() for person in people):
        people.append(
            Contact(
                duty=Duty.PLACE_SUPERVISOR,
                name=named,
                title="",
                where=period.place.display_name,
                phone=phone,
                email=profile.contact_email if profile else "",
            )
        )
    return people


@dataclass(frozen=True)
class KeyDate:
    """A date that matters to the client, with what happens then (the template words it)."""

    day: dt.date
    what: str  # "review" | "evaluation" | "period_end"


def key_dates(plan: ActivationPlan | None, period: Period | None) -> list[KeyDate]:
    """The plan's next review, the period's evaluation date and its end, from today on,
    earliest first."""
    dates = []
    if plan is not None and plan.review_due:
        dates.append(KeyDate(plan.review_due, "review"))
    if period is not None:
        if period.evaluate_by:
            dates.append(KeyDate(period.evaluate_by, "evaluation"))
        dates.append(KeyDate(period.ends_on, "period_end"))
    today = clock.today()
    return sorted((d for d in dates if d.day >= today), key=lambda d: d.day)


def main_period(relationship: ClientRelationship, current: Sequence[Period]) -> Period | None:
    """The period the start page's dates and place belong to: the current full period (the
    first under way or coming), else any current one, else the relationship's latest decided
    period (an ended relationship keeps showing where the client was)."""
    if current:
        return next((p for p in current if p.kind == PeriodKind.FULL), current[0])
    return decided_periods().filter(relationship=relationship).order_by("-starts_on", "-pk").first()


def start_page(*, viewer: User, client: Client) -> dict[str, Any]:
    """The client's start page (SPEC §6): their worker and how to reach them, who does what,
    the next meetings with place or channel, the plan and goals in short with the dates that
    matter, the work activity (the periods and the groups, with the coming absences and group
    sessions, at most ``START_LIST`` of each with a link to "my days" for the rest) with the
    participation days left, and the links to the other pages. A constant number of queries
    whatever the number of meetings, goals and periods."""
    relationship = own_relationship(client)
    if relationship is None:
        units = [
            a.unit for a in account_selectors.my_assignments(user=viewer) if a.role == Role.CLIENT
        ]
        return {"person": client, "relationship": None, "units": units}
    periods = current_periods(client)
    period = main_period(relationship, periods)
    groups = group_schedules(client)
    plan = (
        ActivationPlan.objects.signed()
        .filter(relationship=relationship)
        .select_related("chosen_option__place")
        .order_by("-number")
        .first()
    )
    meetings = (
        list(relationship.meetings.upcoming().select_related("worker").order_by("starts_at")[:3])
        if relationship.is_open
        else []
    )
    goals = list(Goal.objects.filter(relationship=relationship).order_by("created_at", "pk"))
    open_evaluation = (
        Evaluation.objects.filter(relationship=relationship, status=EvaluationStatus.OPEN)
        .order_by("pk")
        .first()
    )
    absences = coming_absences(periods)
    group_days = coming_group_sessions(client, groups, within=COMING_GROUP_DAYS)
    worker = worker_contact(relationship)
    people = [
        contact for contact in (worker, decision_maker_contact(relationship)) if contact is not None
    ] + place_contacts(period)
    return {
        "person": client,
        "relationship": relationship,
        "worker": worker,
        "people": people,
        "meetings": meetings,
        "plan": plan,
        "plan_options": (
            list(plan.options.select_related("place")) if plan and not plan.chosen_option else []
        ),
        "goals": goals,
        "period": period,
        "dates": key_dates(plan, period),
        "open_evaluation": open_evaluation,
        # The end-of-period surveys open to the client (feedback: computed on each visit).
        "surveys": offered_periods(client),
        "periods": schedules(periods),
        "absences": absences[:START_LIST],
        "groups": groups,
        "group_days": group_days[:START_LIST],
        # The lists are kept short so the card stays small; "my days" has them all.
        "more_days": len(absences) > START_LIST or len(group_days) > START_LIST,
        "today": clock.today(),
        "participation": participation(client),
    }


def own_reachable_time(user: User) -> ReachableTime | None:
    """The worker's own phone and phone hours, for their own settings page."""
    return ReachableTime.objects.filter(user=user).first()
