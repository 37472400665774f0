"""Groups test state, built through the real services (STYLE.md §10)."""

from __future__ import annotations

import datetime as dt

from polku.accounts.models import User
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.groups import services
from polku.groups.models import Enrolment, Group, GroupKind, LegalStatus, Session
from tests.people import People, build_relationship


def a_group(
    people: People,
    *,
    kind: str = GroupKind.KUTY,
    capacity: int = 10,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    instructors: list[User] | None = None,
    weekdays: str = "4",
) -> Group:
    start = starts_on or clock.today() - dt.timedelta(days=60)
    return services.group_create(
        actor=people.worker,
        name=f"ATK-kurssi {Group.objects.count() + 1}",
        kind=kind,
        organiser=people.unit,
        partner_name="Vantaan aikuisopisto",
        weekdays=weekdays,
        starts_at=dt.time(9),
        ends_at=dt.time(13),
        capacity=capacity,
        starts_on=start,
        ends_on=ends_on or start + dt.timedelta(days=150),
        instructors=[people.place_supervisor] if instructors is None else instructors,
        place=people.place,
    )


def first_meeting(group: Group, on_or_after: dt.date | None = None) -> dt.date:
    """The group's first weekday on or after the date (its start by default)."""
    day = on_or_after or group.starts_on
    while day.isoweekday() not in group.weekday_numbers:
        day += dt.timedelta(days=1)
    return day


def last_meeting_before(group: Group, day: dt.date) -> dt.date:
    """The group's last weekday before ``day``."""
    day -= dt.timedelta(days=1)
    while day.isoweekday() not in group.weekday_numbers:
        day -= dt.timedelta(days=1)
    return day


def a_session(
    people: People, group: Group, day: dt.date, *, theme: str = "Tekstinkäsittely"
) -> Session:
    return services.session_add(
        actor=people.worker,
        group=group,
        day=day,
        starts_at=dt.time(9),
        ends_at=dt.time(13),
        theme=theme,
    )


def enrol(
    people: People,
    group: Group,
    relationship: ClientRelationship | None = None,
    *,
    status: str = LegalStatus.OTHER_SERVICE,
    actor: User | None = None,
) -> Enrolment:
    relationship = relationship or build_relationship(
        worker=people.worker, unit=people.unit, days_ago=90
    )
    return services.enrolment_add(
        actor=actor or people.worker,
        group=group,
        relationship=relationship,
        status=status,
        other_service="Sosiaalinen kuntoutus" if status == LegalStatus.OTHER_SERVICE else "",
        agreed_on=relationship.started_on,
        agreement="Osallistuu ryhmään kerran viikossa.",
        starts_on=max(group.starts_on, relationship.started_on),
        compensation="toimintaraha" if status == LegalStatus.KUTY else "",
    )
