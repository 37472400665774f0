"""The client's participation days for the 178-day rule (189/2001 §14 1 mom), as a registry.

Until attendance exists a period's participation days are its planned days
(``rules.period_dates``). The attendance app registers a source that counts what was
recorded instead: the days attended, and the planned days not yet recorded (an absence, a day
moved away, a closure or an interruption is not a participation day). Registered from
``AttendanceConfig.ready()``; placements never imports attendance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from polku.placements import rules
from polku.placements.models import Period

DaySource = Callable[[Sequence[Period]], list[dt.date]]
_source: list[DaySource] = []


def register_participation_days(source: DaySource) -> None:
    """Replace the planned days with ``source`` (one source; a later call replaces it)."""
    _source[:] = [source]


def planned_days(periods: Sequence[Period]) -> list[dt.date]:
    return [
        day
        for period in periods
        for day in rules.period_dates(
            period.starts_on, period.ends_on, [n - 1 for n in period.weekday_numbers]
        )
    ]


def participation_days(periods: Sequence[Period]) -> list[dt.date]:
    """Every participation day of ``periods`` (a day may repeat across periods)."""
    if _source:
        return _source[0](periods)
    return planned_days(periods)
