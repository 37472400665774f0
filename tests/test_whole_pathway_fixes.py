"""What the browser walk of the whole pathway (tests/browser/test_whole_pathway.py) found on
the client page once a client had gone through it: the timeline of a saved evaluation section
and the stepper at the end."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.clients.models import Stage
from polku.clients.selectors import stepper
from polku.closure import services as closure_services
from polku.closure.tests.builders import ended
from polku.core import clock
from polku.evaluation import services
from polku.evaluation.tests.builders import complete_sections, period_with_goals
from tests.people import People, build_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> People:
    return build_people()


def test_the_client_page_shows_a_saved_evaluation_section(
    client: HttpClient, people: People
) -> None:
    period, goals = period_with_goals(people, goals=2)
    evaluation = services.evaluation_start(
        actor=people.worker, relationship=period.relationship, kind="mid"
    )
    complete_sections(people, evaluation, goals, [1, 0])
    client.force_login(people.worker)
    response = client.get(reverse("clients:detail", args=[period.relationship.client_id]))
    assert response.status_code == 200  # was a TypeError: a dict is not a choice key
    page = response.text
    # The goals section: two goals rated; the place: nine items; the self-evaluation: one.
    for count in ("2 kohtaa", "9 kohtaa", "1 kohta"):
        assert f"sisältö: <ins>{count}</ins>" in page
    assert "{" not in page.split('class="timeline"', 1)[1].split("</ol>", 1)[0]


def test_the_stepper_shows_the_whole_pathway_done_after_the_follow_up_contact(
    people: People,
) -> None:
    relationship = ended(people, days_ago=40)
    states = {s.stage: s.state for s in stepper(relationship)}
    assert states[Stage.S14_CLOSED] == "current"  # the call is still to be made
    closure_services.follow_up_call_record(
        actor=people.worker,
        relationship=relationship,
        called_on=clock.today(),
        outcome="reached",
        need="no_need",
    )
    relationship.refresh_from_db()
    states = {s.stage: s.state for s in stepper(relationship)}
    assert states[Stage.S15_FOLLOW_UP_CALL] == "done"
    assert "current" not in states.values()
    assert "upcoming" not in states.values()
