"""The metrics app's refusal codes (polku.core.errors). Shared meanings stay in
:class:`polku.core.errors.CommonError`."""

from __future__ import annotations

from enum import StrEnum


class MetricsError(StrEnum):
    PERIOD_ORDER = "period_order"  # the period ends before it starts
    PERIOD_TOO_LONG = "period_too_long"  # over ten years
