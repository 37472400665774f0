"""The accounts app's refusal codes (polku.core.errors): the staff second factor and logins."""

from __future__ import annotations

from enum import StrEnum


class AccountError(StrEnum):
    THROTTLED = "throttled"  # codes tried too fast
    LOCKED = "locked"  # too many wrong codes in a row: the second factor is locked for a while
    WRONG_CODE = "wrong_code"  # the code (or recovery code) does not match
    ENROLLED = "enrolled"  # the second factor is already in use
    NOT_ENROLLED = "not_enrolled"  # the second factor is not in use yet
    # Strong identification (OpenID Connect, polku/accounts/identification.py)
    IDENTIFICATION_FAILED = "identification_failed"  # no valid answer from the identification
    NOT_A_CLIENT = "not_a_client"  # the identity code finds no client record
    STAFF_IDENTIFIED = "staff_identified"  # staff log in with a password and the second factor
    STRONG_IDENTIFICATION_ONLY = (
        "strong_identification_only"  # clients log in through strong identification only
    )
