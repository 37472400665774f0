"""The first version of the evaluation form (Espoo 2014 form, SPEC §5): the work-ability and
working-life readiness items the place rates, each on a four-step scale, in fi, sv and en."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SCALE = [
    {
        "value": 1,
        "text": {
            "fi": "Tarvitsee paljon tukea",
            "sv": "Behöver mycket stöd",
            "en": "Needs a lot of support",
        },
    },
    {
        "value": 2,
        "text": {
            "fi": "Tarvitsee jonkin verran tukea",
            "sv": "Behöver en del stöd",
            "en": "Needs some support",
        },
    },
    {
        "value": 3,
        "text": {
            "fi": "Sujuu pääosin itsenäisesti",
            "sv": "Går i huvudsak självständigt",
            "en": "Mostly manages independently",
        },
    },
    {
        "value": 4,
        "text": {
            "fi": "Sujuu hyvin itsenäisesti",
            "sv": "Går bra självständigt",
            "en": "Manages well independently",
        },
    },
]

ITEMS = [
    ("punctuality", "Täsmällisyys ja ajoissa saapuminen", "Punktlighet och att komma i tid",
     "Punctuality and arriving on time"),
    ("instructions", "Ohjeiden noudattaminen", "Att följa instruktioner", "Following instructions"),
    ("cooperation", "Yhteistyö muiden kanssa", "Samarbete med andra", "Working with others"),
    ("independence", "Itsenäinen työskentely", "Självständigt arbete", "Working independently"),
    ("quality", "Työn laatu", "Arbetets kvalitet", "Quality of work"),
    ("pace", "Työn tahti", "Arbetstakt", "Pace of work"),
    ("safety", "Työturvallisuus", "Arbetssäkerhet", "Working safely"),
    ("learning", "Uusien tehtävien oppiminen", "Att lära sig nya uppgifter", "Learning new tasks"),
    ("stamina", "Jaksaminen työpäivän aikana", "Ork under arbetsdagen",
     "Coping through the working day"),
]


def forward(apps: Any, schema_editor: Any) -> None:
    template = apps.get_model("evaluation", "EvaluationTemplate")
    template.objects.get_or_create(
        key="kuty",
        number=1,
        defaults={
            "title_fi": "Kuntouttavan työtoiminnan arviointi",
            "title_sv": "Utvärdering av arbetsverksamhet i rehabiliteringssyfte",
            "title_en": "Evaluation of rehabilitative work activity",
            "items": [
                {"key": key, "text": {"fi": fi, "sv": sv, "en": en}, "scale": "support"}
                for key, fi, sv, en in ITEMS
            ],
            "scales": {"support": SCALE},
            "active": True,
        },
    )


def reverse(apps: Any, schema_editor: Any) -> None:
    template = apps.get_model("evaluation", "EvaluationTemplate")
    template.objects.filter(key="kuty", number=1, evaluations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]
