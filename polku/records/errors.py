"""The records app's refusal codes (polku.core.errors). Shared meanings (``required``,
``future`` ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class RecordsError(StrEnum):
    BEFORE_CLIENT = "before_client"  # a request dated before the client's record existed
    OLDER_WITHOUT_REASON = "older_without_reason"  # events over 2 years old need a reason
    ALREADY_PRODUCED = "already_produced"  # the report of a request is produced once
    CHANNEL = "channel"  # how the request came is not on the list
    RETENTION_STALE = "retention_stale"  # the data changed since the dry run
    RETENTION_DONE = "retention_done"  # the run was already destroyed or replaced
    NOT_CONFIRMED = "not_confirmed"  # the approver did not confirm the destruction
    RETENTION_EMPTY = "retention_empty"  # a dry run that found nothing has nothing to approve
    NO_RELATIONSHIP = "no_relationship"  # a client with no relationship asks in OmaPolku
