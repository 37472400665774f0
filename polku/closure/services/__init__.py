"""The closure app's services: the only place S13–S15 are written (keyword-only, ``actor=``,
atomic, audited in the same transaction)."""

from __future__ import annotations

from polku.closure.services.certificates import (
    certificate_give,
    certificate_save,
    default_language,
)
from polku.closure.services.ending import (
    end_bounds,
    follow_up_call_record,
    relationship_end,
    relationship_new,
    relationship_reopen,
)
from polku.closure.services.plans import follow_up_plan_save, period_end

__all__ = [
    "certificate_give",
    "certificate_save",
    "default_language",
    "end_bounds",
    "follow_up_call_record",
    "follow_up_plan_save",
    "period_end",
    "relationship_end",
    "relationship_new",
    "relationship_reopen",
]
