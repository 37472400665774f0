"""The monthly retention dry run (polku/jobs/tasks.py retention_dry_run)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

HELSINKI = ZoneInfo("Europe/Helsinki")
NAME = "polku retention dry run"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    Schedule = apps.get_model("django_q", "Schedule")
    today = dt.datetime.now(HELSINKI).date()
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "polku.jobs.tasks.retention_dry_run",
            "schedule_type": "M",
            "repeats": -1,
            "next_run": dt.datetime.combine(first, dt.time(3, 0), tzinfo=HELSINKI),
        },
    )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_schedules")]

    operations = [migrations.RunPython(create, remove)]
