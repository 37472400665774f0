"""The daily reminder before a group starts (polku/jobs/tasks.py group_reminders)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

HELSINKI = ZoneInfo("Europe/Helsinki")
NAME = "polku group reminders"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "polku.jobs.tasks.group_reminders",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": dt.datetime.combine(tomorrow, dt.time(7, 0), tzinfo=HELSINKI),
        },
    )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_retention_schedule")]

    operations = [migrations.RunPython(create, remove)]
