"""Refusals that carry a code (docs/subsystems/pathway.md, "Refusals and their codes").

Django keeps a ValidationError's ``code`` only when each message is built as its own
ValidationError: ``ValidationError({"field": "text"}, code=...)`` and
``ValidationError(["a", "b"], code=...)`` both drop it. Services build every refusal through
these helpers, so that every message a view or a test sees has its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator


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
            raise field_error(field, ProhibitNullCharactersValidator.message, "null_characters")
