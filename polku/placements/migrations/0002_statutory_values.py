"""The statutory values of a kuty period and its compensation (SPEC §3), as rows with their
dates and legal basis, so an old period is judged by the values of its time."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

SINCE = dt.date(2001, 9, 1)  # 189/2001 in force
VALUES = [
    # key, value, valid from, valid until, legal basis, description
    ("min_period_months", Decimal(3), SINCE, None, "189/2001 §13 b 2 mom",
     "A kuty period lasts at least 3 months."),
    ("max_period_months", Decimal(24), SINCE, None, "189/2001 §13 b 2 mom",
     "A kuty period lasts at most 24 months."),
    ("min_days_per_week", Decimal(1), SINCE, None, "189/2001 §13 b 2 mom",
     "Days of kuty per calendar week, at least."),
    ("min_hours_per_day", Decimal(4), SINCE, None, "189/2001 §13 b 2 mom",
     "Hours of kuty a day, at least."),
    ("max_hours_per_day", Decimal(8), SINCE, None, "189/2001 §14 1 mom; 872/2019 §5",
     "Hours of kuty a day, at most."),
    ("max_hours_per_week", Decimal(40), SINCE, None, "189/2001 §14 1 mom; 872/2019 §5",
     "Hours of kuty a week, at most."),
    ("max_participation_days", Decimal(178), SINCE, None, "189/2001 §14 1 mom",
     "Participation days in any 12 months, at most."),
    ("max_commuting_distance_km", Decimal(80), dt.date(2023, 5, 1), None,
     "189/2001 §14 3 mom; 380/2023 §10", "A place within the commuting area unless the client consents."),
    ("kulukorvaus_per_day", Decimal("9.00"), dt.date(2015, 1, 1), None, "189/2001 §17; Kela",
     "Expense allowance from Kela per participation day."),
    ("state_compensation_per_day", Decimal("10.09"), dt.date(2015, 1, 1), None, "189/2001 §23",
     "State compensation to the organiser per participation day."),
]


def forward(apps, schema_editor):
    StatutoryValue = apps.get_model("core", "StatutoryValue")
    for key, value, start, end, basis, description in VALUES:
        StatutoryValue.objects.update_or_create(
            key=key, valid_from=start,
            defaults={"value": value, "valid_until": end, "legal_basis": basis, "description": description},
        )


def backward(apps, schema_editor):
    StatutoryValue = apps.get_model("core", "StatutoryValue")
    for key, _value, start, *_rest in VALUES:
        StatutoryValue.objects.filter(key=key, valid_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial"), ("core", "0002_statutory_values")]
    operations = [migrations.RunPython(forward, backward)]
