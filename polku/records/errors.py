"""The records app's refusal codes (polku.core.errors). Shared meanings (``required``,
``future`` ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class RecordsError(StrEnum):
    BEFORE_CLIENT = "before_client"  # a request dated before the client's record existed
    OLDER_WITHOUT_REASON = "older_without_reason"  # events over 2 years old need a reason
    ALREADY_PRODUCED = "already_produced"  # the report of a request is produced once
    CHANNEL = "channel"  # how the request came is not on the list
