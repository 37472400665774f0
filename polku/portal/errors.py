"""OmaPolku's refusal codes (polku.core.errors): the worker's own phone and phone hours."""

from __future__ import annotations

from enum import StrEnum


class PortalError(StrEnum):
    WEEKDAYS = "weekdays"  # a weekday that is not Monday 1 … Sunday 7, or one given twice
    HOURS_ORDER = "hours_order"  # the phone hours end at or before they start
    HOURS_INCOMPLETE = "hours_incomplete"  # days without hours, or hours without days
    PHONE = "phone"  # a direct phone that is not a phone number (polku.portal.phones)
