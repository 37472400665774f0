"""The rule versions Polku starts with (docs/subsystems/eligibility.md says where each value
comes from and which are uncertain). An organiser corrects or adds versions on the
configuration site; this migration only adds rows that are not there."""

import datetime as dt

from django.db import migrations

ELIGIBILITY = [
    {
        "valid_from": dt.date(2015, 1, 1),
        "valid_to": dt.date(2024, 12, 31),
        "section": "189/2001 3 §",
        "mts_section": "1369/2014",
        "age_limit": 25,
        "days_12m_under_limit": 180,
        "days_total_at_limit": 500,
        "assistance_months_under_limit": 4,
        "assistance_months_at_limit": 12,
        "assistance_routes_to_activation_plan": True,
        "benefit_routes_to_mts": False,
        "employment_plan_required": True,
        "note": (
            "189/2001 3 § (314/2010). Under 25: an employment plan and labour-market subsidy "
            "on at least 180 days in the last 12 calendar months, or social assistance as "
            "main income for the last 4 months. 25 and over: an earlier employment plan and "
            "labour-market subsidy on at least 500 days, or social assistance as main income "
            "for the last 12 months. Not modelled: the full 500-day daily-allowance period "
            "(under 25) and 180 subsidy days after it (25 and over). MTS: 1369/2014."
        ),
    },
    {
        "valid_from": dt.date(2025, 1, 1),
        "valid_to": dt.date(2025, 12, 31),
        "section": "189/2001 3 §",
        "mts_section": "381/2023",
        "age_limit": 25,
        "days_12m_under_limit": 180,
        "days_total_at_limit": 500,
        "assistance_months_under_limit": 4,
        "assistance_months_at_limit": 12,
        "assistance_routes_to_activation_plan": True,
        "benefit_routes_to_mts": False,
        "employment_plan_required": True,
        "note": (
            "As before; the multi-sectoral employment plan under 381/2023 (in force "
            "1.1.2025) and the employment authority under 380/2023."
        ),
    },
    {
        "valid_from": dt.date(2026, 1, 1),
        "valid_to": None,
        "section": "189/2001 3 § (HE 109/2025)",
        "mts_section": "381/2023",
        "age_limit": 25,
        "days_12m_under_limit": None,
        "days_total_at_limit": None,
        "assistance_months_under_limit": None,
        "assistance_months_at_limit": None,
        "assistance_routes_to_activation_plan": True,
        "benefit_routes_to_mts": True,
        "employment_plan_required": False,
        "note": (
            "HE 109/2025 (StVM 27/2025): the activation plan only for the unemployed whose "
            "main income is social assistance; for an unemployment-benefit recipient the "
            "multi-sectoral employment plan (381/2023) when limits of work and functional "
            "capacity or of managing life need it. The long-unemployment criterion is removed. "
            "Check the enacted text and its date in Finlex and correct this row if needed."
        ),
    },
]

SANCTIONS = [
    {
        "valid_from": dt.date(2022, 5, 2),
        "valid_to": None,
        "section": "1290/2002 2 a luku (2 a kap.)",
        "window_months": 12,
        "first_is_reminder": True,
        "second_days": 7,
        "third_days": 14,
        "fourth_until_work_requirement": True,
        "note": (
            "The Nordic labour-market service model (2.5.2022): in 12 months the first "
            "failure a reminder, the second 7 days without benefit, the third 14 days, the "
            "fourth until the work requirement is met. Changes in force 2026 are not yet "
            "entered: check Finlex."
        ),
    },
]


def forward(apps, schema_editor):
    EligibilityRule = apps.get_model("eligibility", "EligibilityRule")
    SanctionRule = apps.get_model("eligibility", "SanctionRule")
    for row in ELIGIBILITY:
        EligibilityRule.objects.get_or_create(valid_from=row["valid_from"], defaults=row)
    for row in SANCTIONS:
        SanctionRule.objects.get_or_create(valid_from=row["valid_from"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
