"""Refusals that carry a code (docs/subsystems/pathway.md, "Refusals and their codes").

Codes are members of an enum (Helsinki Varaamo's ``error_codes``): :class:`CommonError` for the
meanings every app shares, and one ``<App>Error`` enum in each app's ``errors.py`` for its own.
A meaning has one code everywhere; tests assert codes, and a test refuses a code written as a
string literal.

Django keeps a ValidationError's ``code`` only when each message is built as its own
ValidationError: ``ValidationError({"field": "text"}, code=...)`` and
``ValidationError(["a", "b"], code=...)`` both drop it. Services build every refusal through
these helpers, so that every message a view or a test sees has its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator


class CommonError(StrEnum):
    """Codes whose meaning is the same in every app."""

    REQUIRED = "required"  # a field the step needs is empty
    FUTURE = "future"  # a date of something that has happened lies in the future
    PAST = "past"  # a date of something still to come lies in the past
    EDIT_CONFLICT = "edit_conflict"  # someone saved the record first (save_versioned)
    NULL_CHARACTERS = "null_characters"  # text with a NUL character (Django's own code)
    RESUBMITTED = "resubmitted"  # the same form was sent twice
    MISSING = "missing"  # what a step still needs (the state machine's list)
    ENDED = "ended"  # the client relationship has ended
    INCOMPLETE = "incomplete"  # a document cannot be completed without its content
    DUPLICATE = "duplicate"  # another record already holds this unique value


def field_error(field: str, message: Any, code: str) -> ValidationError:
    """A refusal of one field's value, with its code."""
    return ValidationError({field: ValidationError(message, code=code)})


def fields_error(fields: Iterable[str], message: Any, code: str) -> ValidationError:
    """The same refusal on each of several fields (for example each one still empty)."""
    return ValidationError({field: ValidationError(message, code=code) for field in fields})


def refusal(messages: Iterable[Any], code: str) -> ValidationError:
    """A refusal made of several messages that share a code (for example what is still missing)."""
    return ValidationError(
        [m if isinstance(m, ValidationError) else ValidationError(m, code=code) for m in messages]
    )


def refuse_null_characters(**texts: Any) -> None:
    """PostgreSQL cannot store a NUL character in text: refuse it on its field, as a form does
    (Django's own message and code ``null_characters``)."""
    for field, value in texts.items():
        if isinstance(value, str) and "\x00" in value:
            raise field_error(
                field, ProhibitNullCharactersValidator.message, CommonError.NULL_CHARACTERS
            )
