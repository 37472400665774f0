"""The organiser's default attendance policy: three absences in 30 days raise an alert."""

import datetime as dt

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    policy = apps.get_model("attendance", "AttendancePolicy")
    policy.objects.get_or_create(valid_from=dt.date(2000, 1, 1), defaults={"absences_in_30_days": 3})


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    policy = apps.get_model("attendance", "AttendancePolicy")
    policy.objects.filter(valid_from=dt.date(2000, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
