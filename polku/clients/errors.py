"""The clients app's refusal codes (polku.core.errors): what only S1–S3 can refuse.

Meanings every app shares (a required field, a future date, a duplicate, an ended relationship)
are :class:`polku.core.errors.CommonError`. The values are stable: tests and later apps
(pathways reuses ``BEFORE_RELATIONSHIP`` and ``NO_WORKER``) compare them.
"""

from __future__ import annotations

from enum import StrEnum


class ClientError(StrEnum):
    """Codes of the clients app's refusals."""

    # The relationship and its dates
    ALREADY_OPEN = "already_open"  # the client already has an open relationship
    BEFORE_PREVIOUS_END = "before_previous_end"  # a new relationship predates the last one's end
    BEFORE_RELATIONSHIP = "before_relationship"  # an event predates the relationship's start
    # The responsible worker, hand-overs and cover
    NO_WORKER = "no_worker"  # the step needs a responsible worker and none is named
    NOT_IN_UNIT = "not_in_unit"  # the worker or colleague is not a worker of the unit
    ASSIGNED = "assigned"  # a responsible worker is already named (a hand-over is needed)
    HANDOVER_PENDING = "pending"  # a hand-over already waits for acceptance
    HANDOVER_HANDLED = "handled"  # the hand-over was already accepted or declined
    # Meetings
    OVERLAP = "overlap"  # the time overlaps another booked meeting of the worker
    MEETING_CANCELLED = "cancelled"  # the meeting was cancelled
    MEETING_NOT_BOOKED = "status"  # only a booked meeting can be cancelled
    NOT_HELD = "not_held"  # what the meeting still needs before it can be marked held
    # Intake: the duplicate check
    POSSIBLE_DUPLICATE = "possible_duplicate"  # a client with the same name and birth date
    NOT_IDENTIFIED = "not_identified"  # neither an identity code nor a name and birth date
    # Identity codes (identity.py) and dates typed on a form
    IDENTITY_LENGTH = "length"  # an identity code is not 11 characters long
    IDENTITY_CENTURY = "century"  # the 7th character is not a century sign
    IDENTITY_CHECKSUM = "checksum"  # the check character does not match
    IDENTITY_TEMPORARY = "temporary"  # a temporary or test code (900–999) where none is allowed
    IDENTITY_DATE = "date"  # the date of birth in the code does not exist
    IDENTITY_FORMAT = "format"  # characters in the wrong places
    YEAR = "year"  # a typed date outside 1900–2100
    POSTAL_CODE = "postal_code"  # a Finnish postal code is five digits
