"""The schedules of Polku's jobs (polku/jobs/tasks.py). Names are stable: a later migration
changes a schedule by its name."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

HELSINKI = ZoneInfo("Europe/Helsinki")

SCHEDULES = (
    # name, function, type, first run at (local time)
    ("polku daily notices", "polku.jobs.tasks.daily_notices", "D", dt.time(6, 30)),
)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=1)
    for name, func, kind, at in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": kind,
                "repeats": -1,
                "next_run": dt.datetime.combine(tomorrow, at, tzinfo=HELSINKI),
            },
        )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, *_ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]

    operations = [migrations.RunPython(create, remove)]
