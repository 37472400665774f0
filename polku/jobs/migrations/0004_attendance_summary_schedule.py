"""The nightly count of the attendance summary (polku/jobs/tasks.py attendance_summary)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

HELSINKI = ZoneInfo("Europe/Helsinki")
NAME = "polku attendance summary"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    Schedule = apps.get_model("django_q", "Schedule")
    tomorrow = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "polku.jobs.tasks.attendance_summary",
            "schedule_type": "D",
            "repeats": -1,
            "next_run": dt.datetime.combine(tomorrow, dt.time(2, 30), tzinfo=HELSINKI),
        },
    )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_group_reminder_schedule"), ("metrics", "0001_attendance_summary")]

    operations = [migrations.RunPython(create, remove)]
