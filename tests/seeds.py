"""The rows that data migrations seed, put back after a transactional test has flushed them."""

from __future__ import annotations

import importlib

SEED_MIGRATIONS = (
    "polku.core.migrations.0002_statutory_values",
    "polku.placements.migrations.0002_statutory_values",
    "polku.attendance.migrations.0002_default_attendance_policy",
    "polku.evaluation.migrations.0002_first_template",
    "polku.eligibility.migrations.0002_seed_rules",
)


def restore_seeded_rows() -> None:
    """Transactional tests (the browser walks, a few audit and duplicate tests) flush the tables,
    data migrations' rows included: put the seeded rows (statutory values, the attendance policy,
    the first evaluation template, the eligibility rules) back. Each ``forward`` is idempotent."""
    from django.apps import apps

    for name in SEED_MIGRATIONS:
        importlib.import_module(name).forward(apps, None)
