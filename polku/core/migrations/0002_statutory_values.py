"""The statutory values Polku needs now; later issues add theirs the same way."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

VALUES = [
    # key, value, valid from, valid until, legal basis, description
    ("plan_review_max_months", Decimal(3), dt.date(2001, 9, 1), None, "189/2001 §9 3 mom",
     "An activation plan is reviewed at least every 3 months."),
    ("mts_deadline_months", Decimal(3), dt.date(2023, 5, 1), None, "381/2023 §4 3 mom",
     "A multi-sectoral employment plan within 3 months of the start of the assessment."),
    ("min_plan_options", Decimal(2), dt.date(2001, 9, 1), None, "189/2001 §8",
     "At least two options are offered in the activation plan."),
    ("max_days_per_week", Decimal(5), dt.date(2001, 9, 1), dt.date(2015, 6, 30), "189/2001 §13 b",
     "Days of kuty per calendar week."),
    ("max_days_per_week", Decimal(4), dt.date(2015, 7, 1), None, "189/2001 §13 b 2 mom",
     "Days of kuty per calendar week."),
    ("toimintaraha_per_day", Decimal("9.00"), dt.date(2015, 1, 1), None, "189/2001 §17",
     "Activity allowance per participation day."),
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
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
