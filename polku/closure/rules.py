"""The rules of S13–S15 as pure functions the services call (STYLE.md §8). Each raises a
coded refusal and names its bound in d.m.yyyy."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from polku.closure.errors import ClosureError
from polku.closure.models import (
    DETAIL_NEEDED,
    OPPORTUNITY_DESTINATIONS,
    TRACEABLE,
    CallNeed,
    CallOutcome,
    Destination,
)
from polku.core.errors import CommonError, field_error
from polku.core.rules import add_months, day_label, not_before, not_in_future
from polku.network.models import Opportunity
from polku.placements.deadlines import is_working_day

# The place supervisor drafts and edits the certificate during the period and this many days
# after its end (the "shortly after"); then the responsible worker finishes it.
SUPERVISOR_DAYS_AFTER = 30
# The follow-up contact is due this many months after the end (SPEC §2 S15).
CALL_AFTER_MONTHS = 1
# A client not reached is called again this many working days after the attempt.
CALL_AGAIN_WORKING_DAYS = 3

# Words that say the period was rehabilitative work activity or a social service, in Finnish
# and Swedish (SPEC §5: the certificate does not label the person unless they wish). A
# certificate without the client's choice may hold none of them; the PDF tests read them back.
SERVICE_TERMS: tuple[str, ...] = (
    "kuntouttav",
    "sosiaalipalvelu",
    "sosiaalitoimi",
    "sosiaalityö",
    "sosiaaliohjaaja",
    "aikuissosiaali",
    "työikäisten palvelu",
    "rehabiliteringssyfte",
    "socialvård",
    "socialtjänst",
    "socialservice",
    "socialarbet",
    "socialhandledare",
    "socialbyrå",
    "tjänster för personer i arbetsför ålder",
)
_KUTY_WORD = re.compile(r"\bkuty\b", re.IGNORECASE)


def service_term_in(text: str) -> str | None:
    """The first word of :data:`SERVICE_TERMS` (or the abbreviation "kuty") in ``text``."""
    lowered = text.lower()
    for term in SERVICE_TERMS:
        if term in lowered:
            return term
    if _KUTY_WORD.search(text):
        return "kuty"
    return None


def _word_with(text: str, term: str) -> str:
    """The whole word(s) of ``text`` holding ``term``, as written ("Kuntouttavaa", not the stem
    "kuntouttav"), so the refusal names what to remove."""
    lowered = text.lower()
    start = lowered.find(term)
    if start < 0 or len(lowered) != len(text):
        return term
    end = start + len(term)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def service_not_named(texts: Mapping[str, str], *, chosen: bool, by_place: bool = False) -> None:
    """Without the client's choice no text of the certificate names the service. The place
    supervisor (``by_place``) cannot record the choice, so their refusal does not offer it."""
    if chosen:
        return
    for field, text in texts.items():
        term = service_term_in(text)
        if term is not None:
            message = (
                _(
                    "The certificate does not say that the period was rehabilitative work "
                    "activity or a social service unless the client chooses so: remove "
                    "“%(term)s”. The responsible worker records the client's choice."
                )
                if by_place
                else _(
                    "The certificate does not say that the period was rehabilitative work "
                    "activity or a social service unless the client chooses so: remove "
                    "“%(term)s”, or record the client's choice."
                )
            )
            raise field_error(
                field,
                message % {"term": _word_with(text, term)},
                ClosureError.SERVICE_NAMED,
            )


def has_participation_days(days: int) -> None:
    """A certificate needs at least one day the client took part (present days)."""
    if days < 1:
        raise ValidationError(
            _(
                "The client has no participation days in this period: there is nothing to "
                "certify. Record the attendance first."
            ),
            code=ClosureError.NO_PARTICIPATION_DAYS,
        )


def supervisor_window(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> None:
    """The place supervisor edits the certificate during the period and up to
    :data:`SUPERVISOR_DAYS_AFTER` days after its end."""
    last = ends_on + dt.timedelta(days=SUPERVISOR_DAYS_AFTER)
    if not starts_on <= today <= last:
        raise ValidationError(
            _(
                "The place can edit the certificate during the period and until %(date)s; "
                "ask the responsible worker."
            )
            % {"date": day_label(last)},
            code=ClosureError.SUPERVISOR_TOO_LATE,
        )


def destination_detail(destination: str, detail: str, *, field: str = "destination_detail") -> None:
    """ "No suitable plan" needs its reason and "other" its description (SPEC §2 S14)."""
    if destination in DETAIL_NEEDED and not detail.strip():
        message = (
            _("Write why no suitable plan was found.")
            if destination == Destination.NO_SUITABLE_PLAN
            else _("Describe the other destination.")
        )
        raise field_error(field, message, ClosureError.DETAIL_NEEDED)


def traced_to(destination: str, *, opportunity: Opportunity | None, partner: object) -> None:
    """The destination's source in the service network: an opportunity or a partner, not both,
    and only for work, a work trial, pay-subsidised work or studies (``TRACEABLE``); through
    an opportunity, the destination its kind leads to (``OPPORTUNITY_DESTINATIONS``: a work
    trial is never counted as open-market work)."""
    if opportunity is None and partner is None:
        return
    if destination not in TRACEABLE:
        raise field_error(
            "opportunity" if opportunity is not None else "partner",
            _(
                "Only work, a work trial, pay-subsidised work or studies can be linked to an "
                "opportunity or a partner. Remove the link or change the destination."
            ),
            ClosureError.NOT_TRACEABLE,
        )
    if opportunity is not None and partner is not None:
        raise field_error(
            "partner",
            _(
                "Choose the opportunity or the partner, not both: the opportunity names its partner."
            ),
            ClosureError.TRACED_TWICE,
        )
    if opportunity is not None:
        expected = OPPORTUNITY_DESTINATIONS.get(opportunity.kind)
        if expected is not None and destination != expected:
            raise field_error(
                "destination",
                _(
                    "The opportunity “%(opportunity)s” is of the kind “%(kind)s”, so the "
                    "destination is “%(destination)s”. Change the destination, or remove the "
                    "link to the opportunity."
                )
                % {
                    "opportunity": opportunity.title_in(),
                    "kind": opportunity.get_kind_display(),
                    "destination": expected.label,
                },
                ClosureError.DESTINATION_NOT_KIND,
            )


def period_end_date(
    ended_on: dt.date, *, starts_on: dt.date, ends_on: dt.date, last_recorded: dt.date | None
) -> None:
    """A period ends on a day within it, not in the future, not before a recorded day."""
    not_in_future("ended_on", ended_on)
    not_before(
        "ended_on",
        ended_on,
        starts_on,
        _("The date cannot be before %(date)s, when the period started."),
        CommonError.PAST,
    )
    if ended_on > ends_on:
        raise field_error(
            "ended_on",
            _("The period ends on %(date)s at the latest; a longer period needs a new plan.")
            % {"date": day_label(ends_on)},
            CommonError.FUTURE,
        )
    not_before(
        "ended_on",
        ended_on,
        last_recorded,
        _("Attendance is recorded until %(date)s: the period cannot end before it."),
        ClosureError.DAYS_AFTER_END,
    )


def end_date(ended_on: dt.date, bounds: Mapping[str, dt.date | None]) -> None:
    """The end of the relationship is not in the future and not before the pathway's earlier
    events (``bounds``: what → date, e.g. the last period's end, the last recorded day)."""
    not_in_future("ended_on", ended_on)
    for message, bound in bounds.items():
        not_before("ended_on", ended_on, bound, message, ClosureError.BEFORE_PATHWAY_EVENT)


def call_due_on(ended_on: dt.date) -> dt.date:
    """When the follow-up contact is due: one month after the end."""
    return add_months(ended_on, CALL_AFTER_MONTHS)


def call_again_on(called_on: dt.date) -> dt.date:
    """When a client not reached on ``called_on`` is called again: the
    :data:`CALL_AGAIN_WORKING_DAYS`-th working day after the attempt."""
    day, counted = called_on, 0
    while counted < CALL_AGAIN_WORKING_DAYS:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def call_date(
    called_on: dt.date, *, ended_on: dt.date, last_attempt: dt.date | None = None
) -> None:
    """The follow-up contact is made one month after the end at the earliest, not before the
    last attempt recorded, and is not dated in the future."""
    not_in_future("called_on", called_on)
    due = call_due_on(ended_on)
    if called_on < due:
        raise field_error(
            "called_on",
            _("The follow-up contact is due one month after the end, on %(date)s.")
            % {"date": day_label(due)},
            ClosureError.CALL_NOT_DUE,
        )
    not_before(
        "called_on",
        called_on,
        last_attempt,
        _("The date cannot be before %(date)s, the last attempt recorded."),
        CommonError.PAST,
    )


def call_outcome(outcome: str, *, need: str, stop_reason: str) -> None:
    """A client reached says what they need; no more attempts are made only for a reason."""
    if outcome == CallOutcome.REACHED and need not in CallNeed.values:
        raise field_error(
            "need", _("Record whether the client needs more support."), ClosureError.NEED_REQUIRED
        )
    if outcome == CallOutcome.NO_MORE_ATTEMPTS and not stop_reason.strip():
        raise field_error(
            "stop_reason",
            _("Write why no more attempts will be made to reach the client."),
            CommonError.REQUIRED,
        )
