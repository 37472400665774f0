"""The accounts app's refusal codes (polku.core.errors): the staff second factor."""

from __future__ import annotations

from enum import StrEnum


class AccountError(StrEnum):
    THROTTLED = "throttled"  # codes tried too fast
    LOCKED = "locked"  # too many wrong codes in a row: the second factor is locked for a while
    WRONG_CODE = "wrong_code"  # the code (or recovery code) does not match
    ENROLLED = "enrolled"  # the second factor is already in use
    NOT_ENROLLED = "not_enrolled"  # the second factor is not in use yet
