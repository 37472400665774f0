"""The eligibility app's refusal codes (polku.core.errors)."""

from __future__ import annotations

from enum import StrEnum


class EligibilityError(StrEnum):
    NEGATIVE_DAYS = "negative_days"  # a count of days below zero
    YEAR_OVER_366 = "year_over_366"  # more days in 12 months than a year holds
    YEAR_OVER_TOTAL = "year_over_total"  # more days in the last 12 months than in total
    BEFORE_BIRTH = "before_birth"  # a date before the client was born
    NEGATIVE_FAILURES = "negative_failures"  # a count of failures below zero
    DATES = "dates"  # a rule version ending before it starts
