"""The network app's refusal codes (polku.core.errors). Shared meanings (``required``,
``duplicate``, ``edit_conflict`` ...) stay in :class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class NetworkError(StrEnum):
    BUSINESS_ID_INVALID = "business_id_invalid"  # not a valid Finnish Y-tunnus
    ENDS_BEFORE_START = "ends_before_start"  # an opportunity that ends before it starts
    PARTNER_INACTIVE = "partner_inactive"  # a new opportunity at a partner no longer active
    HELP_KIND_UNKNOWN = "help_kind_unknown"  # a kind of help outside HelpKind
