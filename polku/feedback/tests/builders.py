"""Feedback test state, through the real services (STYLE.md §10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from polku.accounts.models import Unit
from polku.accounts.system import system_actor
from polku.core import clock
from polku.feedback import services
from polku.feedback.models import Statement, SurveyResponse
from polku.placements.models import Period
from tests.people import People
from tests.url_matrix import survey_period_of


def ended_for_client(people: People) -> Period:
    """A full period at ``people.place`` that ended five days ago; its client logs in as
    ``people.client`` (``people.client_record`` is refreshed to that client)."""
    period = survey_period_of(people)
    people.client_record = period.relationship.client
    people.client_record.refresh_from_db()
    return period


def all_answers(score: int | None = 3, comment: str = "") -> dict[str, tuple[int | None, str]]:
    return {s.value: (score, comment) for s in Statement}


def load(
    place: Unit, count: int, *, score: int = 3, comment: str = "", **more: Any
) -> list[SurveyResponse]:
    """``count`` responses at ``place`` this month, as if from paper forms."""
    month = more.get("month", clock.today())
    return services.survey_answers_load(
        actor=system_actor(),
        place=place,
        month=month,
        responses=[all_answers(score, comment) for _ in range(count)],
    )


def last_year() -> dt.date:
    today = clock.today()
    return today.replace(year=today.year - 1, day=1)
