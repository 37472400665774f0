"""Date rules every app shares, as pure functions the services call (STYLE.md §8).

Each raises a refusal on the field, with a code from :class:`polku.core.errors.CommonError` or
the caller's, and names the bounding date in ``d.m.yyyy``. An entity's own rules (the pathway's
bounds, a period's limits) are in its app's ``rules.py`` and call these.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from polku.core import clock
from polku.core.errors import CommonError, field_error


def day_label(day: dt.date) -> str:
    """A date as Polku shows it in every language (5.1.2025)."""
    return f"{day.day}.{day.month}.{day.year}"


# ISO weekday numbers (Monday 1) in words, with Polku's own message context: Django's
# ``WEEKDAYS`` carry none, so the catalogue could not word them for a sentence. In the
# "weekday" context Finnish and Swedish write them in lower case (maanantai, måndag) and
# English with a capital (Monday), as each language writes a weekday inside a sentence.
WEEKDAY_WORDS = {
    1: pgettext_lazy("weekday", "Monday"),
    2: pgettext_lazy("weekday", "Tuesday"),
    3: pgettext_lazy("weekday", "Wednesday"),
    4: pgettext_lazy("weekday", "Thursday"),
    5: pgettext_lazy("weekday", "Friday"),
    6: pgettext_lazy("weekday", "Saturday"),
    7: pgettext_lazy("weekday", "Sunday"),
}


def weekday_words(numbers: Sequence[int]) -> str:
    """ISO weekday numbers (Monday 1) in words, in the active language, as a sentence writes
    them: "maanantai, tiistai", "måndag, tisdag", "Monday, Tuesday" (``WEEKDAY_WORDS``; no
    case is changed in code)."""
    return ", ".join(str(WEEKDAY_WORDS[number]) for number in numbers)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same date ``months`` later (or earlier, when negative); the month's last day when
    the later month is shorter (31.1 + 1 month = 28.2 or 29.2)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def not_in_future(field: str, day: dt.date, *, today: dt.date | None = None) -> None:
    """Something that has happened is not dated in the future."""
    if day > (today or clock.today()):
        raise field_error(field, _("The date cannot be in the future."), CommonError.FUTURE)


def not_in_past(field: str, day: dt.date, *, today: dt.date | None = None) -> None:
    """Something still to come is not dated in the past."""
    if day < (today or clock.today()):
        raise field_error(field, _("The date cannot be in the past."), CommonError.PAST)


def not_before(
    field: str, day: dt.date, bound: dt.date | None, message: Any, code: StrEnum
) -> None:
    """``day`` is not before ``bound`` (when there is one); ``message`` names the bound with
    ``%(date)s``, e.g. "The date cannot be before %(date)s, when the client relationship
    began.\""""
    if bound is not None and day < bound:
        raise field_error(field, message % {"date": day_label(bound)}, code)
