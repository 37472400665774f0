"""Group days in the 178-day rule (189/2001 §14 1 mom): a kuty participant's sessions
attended are participation days, counted together with the days at places. Registered with
``placements.participation.register_other_days`` from ``GroupsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from polku.groups.models import LegalStatus, SessionAttendance, SessionStatus


def group_participation_days(client_ids: Collection[int]) -> list[dt.date]:
    """The days the clients attended a session as kuty participants, in one query."""
    if not client_ids:
        return []
    return list(
        SessionAttendance.objects.filter(
            enrolment__client_id__in=list(client_ids),
            enrolment__status=LegalStatus.KUTY,
            status=SessionStatus.PRESENT,
        ).values_list("session__day", flat=True)
    )
