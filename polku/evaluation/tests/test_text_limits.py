"""The client's own words have a limit: a goal proposal (2,000 characters) and each life
area of the self-evaluation (2,000), refused on the field in plain words, every too long area
at once, and the text areas tell the browser (the user test of OmaPolku: 6,000 and 20,000
characters were taken without a limit)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from polku.evaluation import rules, services
from polku.evaluation.errors import EvaluationError
from polku.evaluation.models import GoalProposal
from polku.evaluation.tests.builders import client_user_for, period_with_goals

pytestmark = pytest.mark.django_db


def test_a_too_long_proposal_is_refused_on_its_field(client, people) -> None:
    period, goals = period_with_goals(people, goals=1)
    me = client_user_for(period)
    with pytest.raises(ValidationError) as refused:
        services.proposal_create(
            actor=me, relationship=period.relationship, goal=None, text="x" * 6_000
        )
    assert refused.value.error_dict["text"][0].code == EvaluationError.TOO_LONG
    client.force_login(me)
    page = client.get(reverse("evaluation:my_goals")).text
    assert f'maxlength="{rules.MAX_PROPOSAL}"' in page
    client.cookies["polku_language"] = "sv"
    response = client.post(
        reverse("evaluation:my_goals"), {"goal": str(goals[0].pk), "text": "x" * 6_000}
    )
    assert response.status_code == 200
    assert "Skriv högst 2000 tecken." in response.text
    assert not GoalProposal.objects.exists()


def test_each_too_long_area_of_the_self_evaluation_is_refused_at_once(client, people) -> None:
    period, _goals = period_with_goals(people, goals=1)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    me = client_user_for(period)
    with pytest.raises(ValidationError) as refused:
        services.self_section_save(
            actor=me,
            evaluation=evaluation,
            version=1,
            answers={"health": "x" * 20_000, "housing": "y" * 3_000, "finances": "Hyvin."},
            complete=False,
        )
    assert set(refused.value.error_dict) == {"health", "housing"}
    client.force_login(me)
    url = reverse("evaluation:my_evaluation", args=[evaluation.pk])
    assert f'maxlength="{rules.MAX_SELF_ANSWER}"' in client.get(url).text
    response = client.post(url, {"version": "1", "health": "x" * 20_000})
    assert response.status_code == 200
    assert "Kirjoita enintään 2000 merkkiä." in response.text
    assert not evaluation.sections.get(part="self").data


def test_the_swedish_self_evaluation_asks_about_the_use_of_intoxicants(client, people) -> None:
    period, _goals = period_with_goals(people, goals=1)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    client.force_login(client_user_for(period))
    client.cookies["polku_language"] = "sv"
    page = client.get(reverse("evaluation:my_evaluation", args=[evaluation.pk])).text
    assert "Användning av rusmedel" in page
    assert "Missbruk" not in page
