"""The rows that data migrations seed, put back after a transactional test has flushed them."""

from __future__ import annotations

import importlib

SEED_MIGRATIONS = (
    ("polku.core.migrations.0002_statutory_values", "forward"),
    ("polku.placements.migrations.0002_statutory_values", "forward"),
    ("polku.attendance.migrations.0002_default_attendance_policy", "forward"),
    ("polku.evaluation.migrations.0002_first_template", "forward"),
    ("polku.eligibility.migrations.0002_seed_rules", "forward"),
    ("polku.eligibility.migrations.0003_citations_by_language", "forward"),
    ("polku.jobs.migrations.0001_schedules", "create"),
    ("polku.jobs.migrations.0002_retention_schedule", "create"),
    ("polku.jobs.migrations.0003_group_reminder_schedule", "create"),
)


def restore_seeded_rows() -> None:
    """Transactional tests (the browser walks, a few audit and duplicate tests) flush the tables,
    data migrations' rows included: put the seeded rows (statutory values, the attendance policy,
    the first evaluation template, the eligibility rules, the job runner's schedules) back. Each ``forward`` is idempotent."""
    from django.apps import apps

    for name, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(name), function)(apps, None)
