"""The appeal deadline of a decision: the last day for a request for rectification
(*oikaisuvaatimus*), computed from how the decision was delivered (SPEC §3, "Appeal window").

1. The day of notification (*tiedoksisaantipäivä*) follows from the delivery that counts:
   handed over against receipt: that day (Administrative Procedure Act 434/2003 §60); an
   ordinary letter: the 7th day after sending (434/2003 §59); an electronic message: the 3rd day
   after sending (Act on Electronic Services 13/2003 §19); in the last two a receipt shown to be
   on another day counts instead ("unless shown otherwise"). The deemed day is not moved when
   it falls on a weekend or a holiday: the statutes move only the *last day of a time limit*,
   and the day of notification starts the limit (150/1930 §5 speaks of the last day only).
2. The request is made within 30 days of notification (434/2003 §49 c), the day of
   notification not counted (Act on the Calculation of Statutory Time Limits 150/1930 §2): the
   30th day after it is the last day.
3. A last day that is not a working day moves to the next working day (150/1930 §5): Saturdays,
   Sundays, the church holidays, Independence Day, May Day, Christmas Eve and Midsummer Eve.
   New Year's Eve is a working day. The holidays come from the ``holidays`` package
   (``holidays.Finland``, pinned), with the days 150/1930 §5 names added by Polku should the
   package ever lack one (docs/decisions/0008-appeal-deadline-holidays.md).

:func:`appeal_deadline` returns the days and the reason for each, so that the decision can print
why its deadline is what it is, in the client's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import holidays
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from polku.core.rules import day_label, not_before
from polku.placements.errors import PlacementError

APPEAL_DAYS = 30  # 434/2003 §49 c
LETTER_DAYS = 7  # 434/2003 §59
ELECTRONIC_DAYS = 3  # 13/2003 §19


class DeliveryMethod(StrEnum):
    """How the decision reached the client: the delivery that counts for the deadline."""

    HANDED_OVER = "handed_over"  # handed over against receipt (434/2003 §60)
    LETTER = "letter"  # sent as an ordinary letter (434/2003 §59)
    ELECTRONIC = "electronic"  # sent as an electronic message (13/2003 §19)


class Step(StrEnum):
    """One step of the computation, as a reason line."""

    HANDED_OVER = "handed_over"
    LETTER = "letter"
    LETTER_RECEIVED = "letter_received"
    ELECTRONIC = "electronic"
    ELECTRONIC_RECEIVED = "electronic_received"
    THIRTY_DAYS = "thirty_days"
    NOT_A_WORKING_DAY = "not_a_working_day"


@dataclass(frozen=True)
class DeadlineReason:
    """A step: the day it gives and the day it starts from (the sending day, the day of
    notification, or the last day that was not a working day). ``str()`` is the reason in the
    active language, so the PDF renders it in the client's."""

    step: Step
    day: dt.date
    since: dt.date

    def __str__(self) -> str:
        values = {"date": day_label(self.day), "sent": day_label(self.since)}
        match self.step:
            case Step.HANDED_OVER:
                text = _(
                    "Handed over against receipt on %(date)s: notified that day (434/2003 §60)."
                )
            case Step.LETTER:
                text = _(
                    "Sent as an ordinary letter on %(sent)s: notified on day %(days)s after "
                    "sending, %(date)s (434/2003 §59)."
                )
                values["days"] = str(LETTER_DAYS)
            case Step.LETTER_RECEIVED:
                text = _(
                    "Sent as an ordinary letter on %(sent)s and shown to have been received on "
                    "%(date)s: notified that day (434/2003 §59)."
                )
            case Step.ELECTRONIC:
                text = _(
                    "Sent as an electronic message on %(sent)s: notified on day %(days)s after "
                    "sending, %(date)s (13/2003 §19)."
                )
                values["days"] = str(ELECTRONIC_DAYS)
            case Step.ELECTRONIC_RECEIVED:
                text = _(
                    "Sent as an electronic message on %(sent)s and shown to have been received "
                    "on %(date)s: notified that day (13/2003 §19)."
                )
            case Step.THIRTY_DAYS:
                text = _(
                    "%(days)s days from notification, the day of notification not counted: the "
                    "last day is %(date)s (434/2003 §49 c; 150/1930 §2)."
                )
                values["days"] = str(APPEAL_DAYS)
            case Step.NOT_A_WORKING_DAY:
                text = _(
                    "%(last)s (%(what)s) is not a working day, so the time limit ends on the "
                    "next working day, %(date)s (150/1930 §5)."
                )
                values["last"] = day_label(self.since)
                values["what"] = non_working_reason(self.since) or ""
        return text % values


@dataclass(frozen=True)
class AppealDeadline:
    """The day of notification, the last day of the request for rectification, and why."""

    notified_on: dt.date
    deadline: dt.date
    reasons: tuple[DeadlineReason, ...]

    def lines(self) -> list[str]:
        """The reasons in the active language, in the order they apply."""
        return [str(reason) for reason in self.reasons]


# --- Working days ------------------------------------------------------------------------------


@cache
def _library_holidays(year: int, language: str) -> dict[dt.date, str]:
    """``holidays.Finland``'s public holidays of the year, named in ``language``."""
    return dict(holidays.Finland(years=year, language=language))


def _statute_days(year: int) -> dict[dt.date, str]:
    """The days 150/1930 §5 names besides the church holidays (pyhäpäivät), each a
    non-working day: Independence Day, May Day, Christmas Eve and Midsummer Eve (the Friday
    between 19 and 25 June)."""
    midsummer_eve = dt.date(year, 6, 19)
    midsummer_eve += dt.timedelta(days=(4 - midsummer_eve.weekday()) % 7)
    return {
        dt.date(year, 5, 1): pgettext("holiday", "May Day"),
        midsummer_eve: pgettext("holiday", "Midsummer Eve"),
        dt.date(year, 12, 6): pgettext("holiday", "Independence Day"),
        dt.date(year, 12, 24): pgettext("holiday", "Christmas Eve"),
    }


def _library_language() -> str:
    language = (get_language() or "fi").split("-")[0]
    return {"fi": "fi", "sv": "sv_FI"}.get(language, "en_US")


def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The year's weekday-independent non-working days for time limits (150/1930 §5), named
    in the active language: ``holidays.Finland``'s public holidays and the days the statute
    names (already in the package; Polku adds any it lacks)."""
    language = _library_language()
    names = _statute_days(year) | _library_holidays(year, language)
    if language == "en_US":
        return names
    # Finnish and Swedish write holiday names in lower case in running text ("jouluaatto",
    # "första maj"); the package capitalises them as titles. Kristi himmelsfärdsdag keeps its
    # proper name.
    return {
        day: name if name.startswith("Kristi") else name[:1].lower() + name[1:]
        for day, name in names.items()
    }


def non_working_reason(day: dt.date) -> str | None:
    """Why ``day`` is not a working day (the holiday's name, or Saturday or Sunday), or None."""
    name = statutory_holidays(day.year).get(day)
    if name is not None:
        return name
    if day.weekday() >= 5:
        return str(WEEKDAYS[day.weekday()])
    return None


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, not a holiday and none of the days 150/1930 §5 names."""
    return (
        day.weekday() < 5
        and day not in _statute_days(day.year)
        and day not in _library_holidays(day.year, "fi")
    )


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


# --- The deadline ------------------------------------------------------------------------------


def notification(
    *, method: DeliveryMethod, sent_on: dt.date, received_on: dt.date | None = None
) -> DeadlineReason:
    """The day of notification and its reason. ``sent_on`` is the day of the delivery event
    (handed over, letter posted, message sent); ``received_on`` a receipt shown to be on
    another day (for a hand-over, the date on the receipt). A receipt before the sending is
    refused on ``received_on``."""
    if received_on is not None:
        not_before(
            "received_on",
            received_on,
            sent_on,
            _("The date of receipt cannot be before the date of sending, %(date)s."),
            PlacementError.RECEIPT_BEFORE_SENDING,
        )
    match method:
        case DeliveryMethod.HANDED_OVER:
            return DeadlineReason(Step.HANDED_OVER, received_on or sent_on, sent_on)
        case DeliveryMethod.LETTER:
            if received_on is not None:
                return DeadlineReason(Step.LETTER_RECEIVED, received_on, sent_on)
            return DeadlineReason(Step.LETTER, sent_on + dt.timedelta(days=LETTER_DAYS), sent_on)
        case DeliveryMethod.ELECTRONIC:
            if received_on is not None:
                return DeadlineReason(Step.ELECTRONIC_RECEIVED, received_on, sent_on)
            return DeadlineReason(
                Step.ELECTRONIC, sent_on + dt.timedelta(days=ELECTRONIC_DAYS), sent_on
            )
    raise ValueError(f"unknown delivery method {method!r}")


def appeal_deadline(
    *, method: DeliveryMethod, sent_on: dt.date, received_on: dt.date | None = None
) -> AppealDeadline:
    """The last day for a request for rectification of a decision delivered by ``method`` on
    ``sent_on`` (see :func:`notification`), with the reasons."""
    notified = notification(method=method, sent_on=sent_on, received_on=received_on)
    last_day = notified.day + dt.timedelta(days=APPEAL_DAYS)
    reasons = [notified, DeadlineReason(Step.THIRTY_DAYS, last_day, notified.day)]
    deadline = next_working_day(last_day)
    if deadline != last_day:
        reasons.append(DeadlineReason(Step.NOT_A_WORKING_DAY, deadline, last_day))
    return AppealDeadline(notified_on=notified.day, deadline=deadline, reasons=tuple(reasons))
