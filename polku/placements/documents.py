"""The placements app's documents. Each builds an allow-listed context (STYLE.md §9): a
restricted document gets only the keys it may print, never a record object."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from polku.accounts.models import Unit, UnitKind, User
from polku.core import clock
from polku.placements.models import Period

# What the notice to the chief shop steward may hold (189/2001 §16): the client's name and the
# plan's §9 1 mom items 1–3. A test renders the PDF and checks nothing else is in it.
STEWARD_NOTICE_KEYS = frozenset(
    {
        "document_name",
        "organiser_name",
        "producer_name",
        "client_name",
        "client_identity_code",
        "author_name",
        "author_title",
        "created_at",
        "steward_name",
        "goal",
        "description",
        "place_name",
        "hours_per_day",
        "days_per_week",
        "hours_per_week",
        "starts_on",
        "ends_on",
    }
)


def steward_notice_context(*, period: Period, author: User, steward_name: str) -> dict[str, Any]:
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    days = len(period.weekdays)
    context = {
        "document_name": _("Notice to the chief shop steward"),
        "organiser_name": organiser.name if organiser else period.relationship.unit.name,
        "producer_name": period.place.name,
        "client_name": period.relationship.client.full_name,
        "client_identity_code": "",  # the notice holds the name only (189/2001 §16)
        "author_name": author.get_full_name(),
        "author_title": author.title,
        "created_at": clock.now(),
        "steward_name": steward_name,
        "goal": period.goal,
        "description": period.description,
        "place_name": period.place.name,
        "hours_per_day": period.hours_per_day,
        "days_per_week": days,
        "hours_per_week": Decimal(period.hours_per_day) * days,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
    }
    assert set(context) == STEWARD_NOTICE_KEYS  # noqa: S101 (a programming error, not input)
    return context
