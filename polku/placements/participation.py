"""The client's participation days for the 178-day rule (189/2001 §14 1 mom), as a registry.

Until attendance exists a period's participation days are its planned days
(``rules.period_dates``). The attendance app registers a source that counts what was
recorded instead: the days attended, and the planned days not yet recorded (an absence, a day
moved away, a closure or an interruption is not a participation day). Registered from
``AttendanceConfig.ready()``; placements never imports attendance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal

from polku.placements import rules
from polku.placements.models import Period

DaySource = Callable[[Sequence[Period]], list[dt.date]]
ClientDaySource = Callable[[Collection[int]], list[dt.date]]
PlannedDaySource = Callable[[int, dt.date, dt.date], list[dt.date]]
HoursSource = Callable[[int, dt.date], Decimal]
_source: list[DaySource] = []
_others: list[ClientDaySource] = []
_planned_others: list[PlannedDaySource] = []
_other_hours: list[HoursSource] = []


def register_participation_days(source: DaySource) -> None:
    """Replace the planned days with ``source`` (one source; a later call replaces it)."""
    _source[:] = [source]


def register_other_days(source: ClientDaySource) -> None:
    """Add the clients' participation days outside places (group-form kuty, registered by
    the groups app): ``source`` gets client ids and answers their days."""
    if source not in _others:
        _others.append(source)


def register_other_planned_days(source: PlannedDaySource) -> None:
    """Add the days a client is to take part outside places (a kuty participant's group
    sessions, registered by the groups app) for the days-per-week rule of period planning:
    ``source`` gets a client id and a date range and answers the days in it."""
    if source not in _planned_others:
        _planned_others.append(source)


def register_other_hours(source: HoursSource) -> None:
    """Add the hours a client took part outside places on a day (a kuty participant's group
    sessions attended, registered by the groups app): the hours of a day at a place and
    elsewhere together keep within the day's maximum (189/2001 §14 1 mom)."""
    if source not in _other_hours:
        _other_hours.append(source)


def other_hours(client_id: int, day: dt.date) -> Decimal:
    """The client's hours of ``day`` outside places (one query a source)."""
    return sum((source(client_id, day) for source in _other_hours), Decimal(0))


def other_planned_days(client_id: int, starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    """The client's days outside places between the dates (both included)."""
    return [day for source in _planned_others for day in source(client_id, starts_on, ends_on)]


def planned_days(periods: Sequence[Period]) -> list[dt.date]:
    return [
        day
        for period in periods
        for day in rules.period_dates(
            period.starts_on, period.ends_on, [n - 1 for n in period.weekday_numbers]
        )
    ]


def participation_days(periods: Sequence[Period], *, client_id: int | None = None) -> list[dt.date]:
    """Every participation day of ``periods`` (a day may repeat across periods), and the
    days their clients (or ``client_id``, when the client may have no period) took part in
    group-form kuty (``register_other_days``)."""
    days = _source[0](periods) if _source else planned_days(periods)
    if _others:
        clients: set[int] = {client_id} if client_id is not None else set()
        relationship_ids = {p.relationship_id for p in periods}
        if relationship_ids:
            from polku.clients.models import ClientRelationship

            clients |= set(
                ClientRelationship.objects.filter(pk__in=relationship_ids).values_list(
                    "client_id", flat=True
                )
            )
        for source in _others:
            days += source(clients)
    return days
