"""The demo's clients at S12 and S13 with goals and evaluations (polku/demo/evaluation.py)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from polku.accounts.models import User
from polku.clients.models import ClientRelationship, Stage
from polku.evaluation.models import EvaluationStatus

pytestmark = pytest.mark.django_db


def test_demo_has_clients_at_s12_and_s13_with_goals_and_evaluations(client) -> None:
    call_command("demo_data", stdout=io.StringIO())
    at_s12 = ClientRelationship.objects.get(client__last_name="Heikkilä")
    at_s13 = ClientRelationship.objects.get(client__last_name="Lahtinen")
    assert at_s12.stage == Stage.S12_EVALUATION
    assert at_s13.stage == Stage.S13_CERTIFICATE
    for relationship, final_status in (
        (at_s12, EvaluationStatus.OPEN),
        (at_s13, EvaluationStatus.FINISHED),
    ):
        assert relationship.goals.count() == 3
        statuses = dict(relationship.evaluations.values_list("kind", "status"))
        assert statuses == {"mid": EvaluationStatus.FINISHED, "final": final_status}
        mid = relationship.evaluations.get(kind="mid")
        assert mid.met_on is not None
        assert mid.period.starts_on <= mid.met_on <= mid.period.ends_on
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("evaluation:overview", args=[at_s13.pk])).text
    assert 'role="img"' in page
    final = at_s12.evaluations.get(kind="final")
    page = client.get(reverse("evaluation:evaluation", args=[final.pk])).text
    assert "Asiakkaan itsearviointi ei ole vielä valmis." in page
    client.force_login(User.objects.get(username="marko.heikkinen"))
    assert "Heikkilä" in client.get(reverse("evaluation:place_list")).text
