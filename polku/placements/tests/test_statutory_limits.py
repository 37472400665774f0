"""The period limits and the compensation amounts are statutory values with effective dates:
a period is judged by the values in force on its start."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from polku.core import statutory
from polku.core.models import StatutoryValue
from polku.placements.rules import limits_on

pytestmark = pytest.mark.django_db


def test_the_limits_come_from_their_rows() -> None:
    limits = limits_on(dt.date(2026, 12, 2))
    assert (limits.min_months, limits.max_months) == (3, 24)
    assert (limits.min_days_per_week, limits.max_days_per_week) == (1, 4)
    assert (limits.min_hours_per_day, limits.max_hours_per_day) == (Decimal(4), Decimal(8))
    assert limits.max_hours_per_week == Decimal(40)
    assert limits.max_participation_days == 178
    assert limits.max_distance_km == Decimal(80)
    assert limits_on(dt.date(2014, 1, 1)).max_days_per_week == 5  # before 1.7.2015


def test_a_changed_law_changes_the_limit_from_its_date_only() -> None:
    StatutoryValue.objects.filter(key="max_participation_days").update(
        valid_until=dt.date(2029, 12, 31)
    )
    StatutoryValue.objects.create(
        key="max_participation_days",
        value=Decimal(150),
        valid_from=dt.date(2030, 1, 1),
        legal_basis="(a future amendment)",
    )
    assert limits_on(dt.date(2029, 12, 31)).max_participation_days == 178
    assert limits_on(dt.date(2030, 1, 1)).max_participation_days == 150


def test_the_compensation_amounts_are_recorded() -> None:
    day = dt.date(2026, 12, 2)
    assert statutory.value("toimintaraha_per_day", on=day) == Decimal("9.00")
    assert statutory.value("kulukorvaus_per_day", on=day) == Decimal("9.00")
    assert statutory.value("state_compensation_per_day", on=day) == Decimal("10.09")
