"""Evaluation templates on the configuration site: a template in use is never changed. Saving
one that an evaluation uses saves the edit as the next version; the old evaluations stay on
their version and new ones take the newest (SPEC §5, docs/subsystems/evaluation.md)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.evaluation import services
from polku.evaluation.models import EvaluationTemplate
from polku.evaluation.tests.builders import period_with_goals
from tests.people import People

pytestmark = pytest.mark.django_db

CHANGE = "admin:evaluation_evaluationtemplate_change"
NEW_TEXT = "Saapuu ajoissa ja ilmoittaa poissaoloista etukäteen"


def _form(template: EvaluationTemplate, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title_fi": template.title_fi,
        "title_sv": template.title_sv,
        "title_en": template.title_en,
        "items": json.dumps(template.items),
        "scales": json.dumps(template.scales),
        "active": "on" if template.active else "",
        # The page's hidden initial values (the JSON fields have a callable default), as a
        # browser posts them back.
        "initial-items": json.dumps(template.items),
        "initial-scales": json.dumps(template.scales),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _edited_items(template: EvaluationTemplate) -> list[dict[str, Any]]:
    items = copy.deepcopy(template.items)
    items[0]["text"]["fi"] = NEW_TEXT
    return items


@pytest.fixture
def admin_client(people: People) -> HttpClient:
    client = HttpClient()
    client.force_login(people.administrator)
    return client


def test_saving_a_template_in_use_makes_a_new_version_and_old_evaluations_keep_theirs(
    admin_client: HttpClient, client: HttpClient, people: People
) -> None:
    first = EvaluationTemplate.objects.get(key="kuty", number=1)
    stored_items = copy.deepcopy(first.items)
    period, _goals = period_with_goals(people)
    old = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    assert old.template_id == first.pk

    response = admin_client.post(
        reverse(CHANGE, args=[first.pk]),
        _form(first, items=json.dumps(_edited_items(first)), title_fi="Arviointi 2027"),
    )
    assert response.status_code == 302

    versions = list(EvaluationTemplate.objects.filter(key="kuty").order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    first.refresh_from_db()
    assert first.items == stored_items  # the version in use is unchanged
    assert first.title_fi == "Kuntouttavan työtoiminnan arviointi"
    second = versions[1]
    assert second.items[0]["text"]["fi"] == NEW_TEXT
    assert second.title_fi == "Arviointi 2027"
    old.refresh_from_db()
    assert old.template_id == first.pk
    event = AuditEvent.objects.filter(what="configuration", record_id=str(second.pk)).get()
    assert "items" in event.changes

    # The old evaluation's page shows the old wording; the place sees its own version too.
    client.force_login(people.worker)
    page = client.get(reverse("evaluation:evaluation", args=[old.pk])).text
    assert stored_items[0]["text"]["fi"] in page
    assert NEW_TEXT not in page

    # A new evaluation takes the newest active version.
    period_2, _goals_2 = period_with_goals(people)
    new = services.evaluation_start(
        actor=people.worker, relationship=period_2.relationship, kind="mid"
    )
    assert new.template_id == second.pk
    page = client.get(reverse("evaluation:evaluation", args=[new.pk])).text
    assert NEW_TEXT in page


def test_a_template_not_in_use_is_edited_in_place(admin_client: HttpClient) -> None:
    first = EvaluationTemplate.objects.get(key="kuty", number=1)
    admin_client.post(
        reverse(CHANGE, args=[first.pk]), _form(first, items=json.dumps(_edited_items(first)))
    )
    assert list(EvaluationTemplate.objects.values_list("number", flat=True)) == [1]
    first.refresh_from_db()
    assert first.items[0]["text"]["fi"] == NEW_TEXT


def test_retiring_or_resaving_a_template_in_use_makes_no_new_version(
    admin_client: HttpClient, people: People
) -> None:
    first = EvaluationTemplate.objects.get(key="kuty", number=1)
    period, _goals = period_with_goals(people)
    services.evaluation_start(actor=people.worker, relationship=period.relationship, kind="mid")
    admin_client.post(reverse(CHANGE, args=[first.pk]), _form(first))  # nothing changed
    assert EvaluationTemplate.objects.count() == 1
    admin_client.post(reverse(CHANGE, args=[first.pk]), _form(first, active=""))
    assert EvaluationTemplate.objects.count() == 1
    first.refresh_from_db()
    assert not first.active  # retired for new evaluations; the evaluation keeps it
    assert period.relationship.evaluations.get().template_id == first.pk
