"""The end-of-period survey: the client answers once per period; the answers are stored apart
from the client (docs/decisions/0016-feedback-anonymity.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import pgettext

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients.models import Client
from polku.core.errors import field_error, refuse_null_characters
from polku.feedback import rules, selectors
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackEvent
from polku.feedback.models import (
    Statement,
    SurveyAnswer,
    SurveyReceipt,
    SurveyResponse,
)
from polku.placements.models import Period

Answers = Mapping[str, tuple[int | None, str]]


def _already() -> ValidationError:
    return ValidationError(
        pgettext(
            "client portal", "You have already answered this survey. Thank you for your answers!"
        ),
        code=FeedbackError.ALREADY_ANSWERED,
    )


def _checked(answers: Answers) -> list[SurveyAnswer]:
    """The answers as rows: each a known statement, a score 1–4 or none, words of at most
    ``rules.MAX_COMMENT`` characters. Refused in plain words on the statement's field."""
    rows = []
    for statement, (score, comment) in answers.items():
        if statement not in Statement.values:
            raise ValidationError(
                pgettext("client portal", "The survey has no such question."),
                code=FeedbackError.UNKNOWN_STATEMENT,
            )
        if score is not None and score not in rules.SCORES:
            raise field_error(
                f"score_{statement}",
                pgettext("client portal", "Choose one of the four answers, from 1 to 4."),
                FeedbackError.OUT_OF_SCALE,
            )
        comment = (comment or "").strip()
        refuse_null_characters(**{f"comment_{statement}": comment})
        if len(comment) > rules.MAX_COMMENT:
            raise field_error(
                f"comment_{statement}",
                pgettext("client portal", "Write at most %(count)s characters here.")
                % {"count": rules.MAX_COMMENT},
                FeedbackError.TOO_LONG,
            )
        if score is not None or comment:
            rows.append(SurveyAnswer(statement=statement, score=score, comment=comment))
    return rows


def _store(*, place: Unit, month: dt.date, rows: Sequence[SurveyAnswer]) -> SurveyResponse:
    """The anonymous half: the place, its producer type and the month; nothing else."""
    response = SurveyResponse(place=place, producer_type=place.producer_type, month=month)
    response.full_clean()
    response.save()
    for row in rows:
        row.response = response
        row.full_clean(exclude=["response"])
    SurveyAnswer.objects.bulk_create(rows)
    return response


@transaction.atomic
def survey_answer(
    *, actor: User, client: Client, period: Period, answers: Answers
) -> SurveyReceipt:
    """The client answers their period's survey: ``answers`` maps a statement to its score
    (1–4 or None) and words. Writes the receipt (the client's side, audited) and the response
    (the answers, with the place, the producer type and the month only; not audited, so the
    store keeps no link between the two). Once per period: a second send is refused and
    writes nothing."""
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
    if period.relationship.client_id != client.pk or not selectors.survey_open(period):
        raise ValidationError(
            pgettext("client portal", "This survey is not open to you."),
            code=FeedbackError.NOT_OFFERED,
        )
    if SurveyReceipt.objects.filter(period=period).exists():
        raise _already()
    rows = _checked(answers)
    if not rows:
        raise ValidationError(
            pgettext(
                "client portal",
                "Answer at least one question, or write something in your own words.",
            ),
            code=FeedbackError.NOTHING_ANSWERED,
        )
    receipt = SurveyReceipt(period=period)
    try:
        with transaction.atomic():
            receipt.save()
    except IntegrityError:
        raise _already() from None  # the parallel send of the same survey won
    _store(place=period.place, month=rules.month_of(period.ends_on), rows=rows)
    audit.record_change(
        actor=actor,
        record=receipt,
        client=client,
        what=FeedbackEvent.SURVEY_ANSWERED,
        changes={"period": (None, period.pk)},
    )
    return receipt


@transaction.atomic
def survey_answers_load(
    *, actor: User, place: Unit, month: dt.date, responses: Sequence[Answers]
) -> list[SurveyResponse]:
    """Add answers collected outside Polku (paper forms at the place) to the place's results:
    one response per item, filed under ``month``. No client is named anywhere; the load is
    audited on the place. The demo uses it for the months before Polku."""
    if not place.producer_type:
        raise field_error(
            "place",
            pgettext("survey", "Only a work-activity place has survey answers."),
            FeedbackError.NOT_OFFERED,
        )
    stored = []
    for answers in responses:
        rows = _checked(answers)
        if rows:
            stored.append(_store(place=place, month=rules.month_of(month), rows=rows))
    audit.record_change(
        actor=actor,
        record=place,
        what=FeedbackEvent.SURVEY_LOADED,
        changes={"survey responses": (None, len(stored)), "month": (None, rules.month_of(month))},
    )
    return stored
