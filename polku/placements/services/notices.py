"""The notice to the chief shop steward (189/2001 §16), made before the period starts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import Recipient
from polku.clients.rules import not_before_relationship
from polku.core.errors import CommonError, field_error, fields_error
from polku.core.rules import not_in_future
from polku.placements.errors import PlacementError
from polku.placements.events import PlacementEvent
from polku.placements.models import (
    DeliveryMethod,
    Period,
    PeriodStatus,
    PlaceProfile,
    StewardNotice,
)

NOTICE_ITEMS = ("goal", "description", "hours_per_day", "weekdays", "starts_on", "ends_on")


def steward_of(period: Period) -> str:
    profile = PlaceProfile.objects.filter(place=period.place).first()
    return profile.steward_name if profile is not None else ""


def notice_missing(period: Period) -> list[str]:
    """What the period still lacks for its notice: §9 items 1–3 and the steward's name."""
    missing = [name for name in NOTICE_ITEMS if not str(getattr(period, name) or "").strip()]
    messages = []
    if missing:
        messages.append(
            _("The period needs its goal, description, daily hours, weekdays and dates first.")
        )
    if not steward_of(period):
        messages.append(
            _("The place has no chief shop steward recorded: add one in the place register.")
        )
    return messages


@transaction.atomic
def steward_notice_send(
    *, actor: User, period: Period, sent_on: dt.date | None, method: str
) -> StewardNotice:
    """Record that the notice was sent before the start; a disclosure event names the steward,
    the purpose and the legal basis."""
    relationship = period.relationship
    require_caseworker(actor, relationship)
    if period.status != PeriodStatus.PLANNED:
        raise ValidationError(
            _("The notice is sent before the period starts."),
            code=PlacementError.START_BEFORE_NOTICE,
        )
    missing = notice_missing(period)
    if missing:
        raise ValidationError(
            [ValidationError(message, code=CommonError.MISSING) for message in missing]
        )
    empty = [name for name, value in (("sent_on", sent_on), ("method", method)) if not value]
    if empty or sent_on is None:
        raise fields_error(empty, _("Fill this in to record the notice."), CommonError.REQUIRED)
    if method not in DeliveryMethod.values or method == DeliveryMethod.RETURNED:
        raise field_error("method", _("Choose how the notice was sent."), CommonError.REQUIRED)
    not_in_future("sent_on", sent_on)
    not_before_relationship("sent_on", sent_on, relationship=relationship)
    if sent_on >= period.starts_on:
        raise field_error(
            "sent_on",
            _("The notice is sent before the period starts on %(date)s (189/2001 §16).")
            % {"date": f"{period.starts_on.day}.{period.starts_on.month}.{period.starts_on.year}"},
            PlacementError.START_BEFORE_NOTICE,
        )
    steward = steward_of(period)
    notice = StewardNotice.objects.create(
        period=period, steward_name=steward, sent_on=sent_on, method=method, recorded_by=actor
    )
    audit.record_disclosure(
        actor=actor,
        client=relationship.client,
        what=PlacementEvent.STEWARD_NOTICE,
        recipient=Recipient.CHIEF_SHOP_STEWARD.value,
        purpose="notice before the start of rehabilitative work activity",
        legal_basis="189/2001 §16",
        record=notice,
        changes={
            "steward_name": (None, steward),
            "sent_on": (None, sent_on),
            "method": (None, method),
        },
    )
    return notice
