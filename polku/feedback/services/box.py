"""The feedback box (palautelaatikko): the client writes any time; the managers of the unit read
and handle the message. The client's own worker is not among the readers."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from polku.accounts.models import Unit, User
from polku.audit import services as audit
from polku.clients.models import Client
from polku.core import clock
from polku.core.errors import CommonError, field_error, refuse_null_characters
from polku.feedback import access, rules, selectors
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackEvent
from polku.feedback.models import FeedbackMessage, MessageState

MAX_TEXT = rules.MAX_MESSAGE


@transaction.atomic
def message_send(
    *,
    actor: User,
    client: Client,
    text: str,
    place: Unit | None = None,
    show_name: bool = False,
    submission: uuid.UUID | None = None,
) -> FeedbackMessage:
    """The client sends a message to the feedback box of their unit (the open relationship's,
    else the latest). ``submission`` is the form's one-time token: the same form sent twice
    stores one message."""
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
    if submission is not None:
        done = FeedbackMessage.objects.filter(submission=submission, client=client).first()
        if done is not None:
            return done
    text = (text or "").strip()
    if not text:
        raise field_error(
            "text", pgettext("client portal", "Write your message."), CommonError.REQUIRED
        )
    refuse_null_characters(text=text)
    if len(text) > MAX_TEXT:
        raise field_error(
            "text",
            pgettext("client portal", "Write at most %(count)s characters.") % {"count": MAX_TEXT},
            FeedbackError.TOO_LONG,
        )
    if place is not None and place.pk not in {p.pk for p in selectors.client_places(client)}:
        raise field_error(
            "place",
            pgettext("client portal", "Choose one of your own places."),
            FeedbackError.NOT_YOUR_PLACE,
        )
    relationship = selectors.routing_relationship(client)
    if relationship is None:
        raise ValidationError(
            pgettext(
                "client portal",
                "Your message cannot be sent here yet. Call the social services office.",
            ),
            code=FeedbackError.NO_UNIT,
        )
    message = FeedbackMessage(
        client=client,
        unit=relationship.unit,
        place=place,
        text=text,
        show_name=show_name,
        submission=submission,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    message.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        done = FeedbackMessage.objects.filter(submission=submission).first() if submission else None
        if done is None or done.client_id != client.pk:
            raise
        return done
    audit.record_change(
        actor=actor,
        record=message,
        client=client,
        what=FeedbackEvent.MESSAGE_SENT,
        changes={
            "unit": (None, relationship.unit_id),
            "place": (None, place.pk if place else None),
            "show_name": (None, show_name),
        },
    )
    return message


@transaction.atomic
def message_mark(
    *, actor: User, message: FeedbackMessage, version: int, state: str, note: str = ""
) -> FeedbackMessage:
    """A handler marks a message read, or handled with what was done. A handled message stays
    handled."""
    if message.unit_id not in access.handler_unit_ids(actor):
        raise PermissionDenied
    allowed = {
        MessageState.NEW: {MessageState.READ, MessageState.HANDLED},
        MessageState.READ: {MessageState.HANDLED},
    }.get(MessageState(message.state), set())
    if state not in allowed:
        raise ValidationError(
            _("The message cannot be marked so in its present state."),
            code=FeedbackError.WRONG_STATE,
        )
    note = (note or "").strip()
    refuse_null_characters(note=note)
    data: dict[str, object] = {"state": state}
    if state == MessageState.HANDLED:
        if not note:
            raise field_error("note", _("Write what was done."), CommonError.REQUIRED)
        data |= {"handled_note": note, "handled_by": actor, "handled_on": clock.today()}
    audit.model_update(
        actor=actor,
        obj=message,
        version=version,
        data=data,
        what=FeedbackEvent.MESSAGE_STATE,
        client=message.client,
    )
    return message
