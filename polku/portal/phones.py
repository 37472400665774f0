"""A phone number as people write it: digits, spaces, "+", "-" and parentheses, with at least
5 digits ("029 123 4511", "+358 (0)40 123 4567"). Anything else, "soita minulle" for one, is
not a number a client can call: the worker's own page and the configuration site refuse it
(``services.reachable_time_save``, ``admin.ReachableTimeForm``), and a row saved before the
rule is not shown as the worker's phone (``selectors.start.worker_contact`` falls back to the
unit's)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from polku.portal.errors import PortalError

MIN_DIGITS = 5
ALLOWED = re.compile(r"^[0-9 +()\-]*$")


def is_phone_number(text: str) -> bool:
    """Whether ``text`` is a phone number: only the allowed characters, at least 5 digits."""
    return bool(ALLOWED.match(text)) and sum(c.isdigit() for c in text) >= MIN_DIGITS


def phone_error(text: str) -> ValidationError | None:
    """The refusal of a direct phone that is not a number (empty is allowed: the unit's
    phone is given instead), in the user's language; None when it is one."""
    text = text.strip()
    if not text or is_phone_number(text):
        return None
    return ValidationError(
        pgettext(
            "phone hours",
            "Write the phone number with digits, for example 029 123 4511. "
            "Only digits, spaces, +, - and brackets.",
        ),
        code=PortalError.PHONE,
    )
