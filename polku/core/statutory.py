"""Statutory values with effective dates (STYLE.md §8).

The law changes; an old period is judged by the values of its time. Values are rows in
:class:`StatutoryValue`, read as ``statutory.value("plan_review_max_months", on=day)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Q

from polku.core.models import StatutoryValue


class MissingStatutoryValue(LookupError):
    """No row covers the key on the date asked."""


def value(key: str, *, on: dt.date) -> Decimal:
    """The value of ``key`` in force on ``on``."""
    row = (
        StatutoryValue.objects.filter(key=key, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-valid_from")
        .first()
    )
    if row is None:
        raise MissingStatutoryValue(f"{key} on {on.isoformat()}")
    return row.value


def values_on(keys: tuple[str, ...], *, on: dt.date) -> dict[str, Decimal]:
    """The values of several keys in force on ``on``, in one query; a key without a row that
    day is left out."""
    rows = (
        StatutoryValue.objects.filter(key__in=keys, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("key", "-valid_from")
    )
    found: dict[str, Decimal] = {}
    for row in rows:
        found.setdefault(row.key, row.value)
    return found


def int_value(key: str, *, on: dt.date) -> int:
    return int(value(key, on=on))


def table(key: str) -> Callable[[dt.date], Decimal]:
    """All rows of ``key`` in one query, as a function of the date (for lists)."""
    rows = list(StatutoryValue.objects.filter(key=key).order_by("-valid_from"))

    def on(day: dt.date) -> Decimal:
        for row in rows:
            if row.valid_from <= day and (row.valid_until is None or row.valid_until >= day):
                return row.value
        raise MissingStatutoryValue(f"{key} on {day.isoformat()}")

    return on
