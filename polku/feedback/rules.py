"""Pure checks of the feedback app: when a period's survey is open, the survey's scale."""

from __future__ import annotations

import datetime as dt

from polku.placements.models import Period, PeriodKind, PeriodStatus

# How long after the period's end the survey is offered (then the memory fades and the
# answers would tell less about the period).
SURVEY_DAYS = 90
# Results of a group (a place, a producer type, a statement) are shown from this many answers
# on (SPEC §6).
MIN_ANSWERS = 7
SCORES = (1, 2, 3, 4)
MAX_COMMENT = 2000
MAX_MESSAGE = 4000  # a feedback-box message
MAX_COMPLAINT_TEXT = 8000  # what happened, and what the client wants now, each


UNDER_WAY = (PeriodStatus.PLANNED, PeriodStatus.ACTIVE)


def survey_open(period: Period, today: dt.date, *, decided: bool) -> bool:
    """A full period that has ended within the last ``SURVEY_DAYS`` days: recorded as ended,
    or ``decided`` (its kuty decision made) and its planned end passed while under way. An
    introductory or cancelled period has no survey."""
    if period.kind != PeriodKind.FULL:
        return False
    if period.status == PeriodStatus.ENDED:
        ended = period.ends_on <= today
    else:
        ended = decided and period.status in UNDER_WAY and period.ends_on < today
    return ended and (today - period.ends_on).days <= SURVEY_DAYS


def month_of(day: dt.date) -> dt.date:
    """The month a response is filed under: the first day of the period's last month."""
    return day.replace(day=1)


def shown(count: int, remainder: int | None = None) -> bool:
    """Whether a group's figures may be shown: at least ``MIN_ANSWERS`` answers, and when the
    group contains smaller groups shown on their own (a producer type and its places), what
    is left of it after those is none or again at least ``MIN_ANSWERS`` (else the difference
    would give a hidden place's figures)."""
    if count < MIN_ANSWERS:
        return False
    return remainder is None or remainder == 0 or remainder >= MIN_ANSWERS
