"""The evaluation app's list pages make as many queries with 3N rows as with N (STYLE.md §10,
``tests/queries.py``): the place supervisor's evaluations and the worker's goals and
evaluations overview."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.clients.models import ClientRelationship
from polku.evaluation import services
from polku.evaluation.tests.builders import (
    client_user_for,
    complete_sections,
    period_with_goals,
)
from tests.people import People
from tests.queries import assert_flat_queries, count_queries

pytestmark = pytest.mark.django_db


def test_the_place_list_is_flat(client: HttpClient, people: People) -> None:
    def evaluation_at_the_place(*, rated: bool) -> None:
        period, goals = period_with_goals(people, goals=1)
        evaluation = services.evaluation_start(
            actor=people.worker, relationship=period.relationship, kind="mid"
        )
        if rated:
            complete_sections(people, evaluation, goals, [0])

    evaluation_at_the_place(rated=True)
    client.force_login(people.place_supervisor)

    def grow() -> None:
        evaluation_at_the_place(rated=True)
        evaluation_at_the_place(rated=False)

    url = reverse("evaluation:place_list")
    assert_flat_queries(client, url, grow=grow)
    assert len(set(re.findall(r"/paikka/(\d+)/", client.get(url).text))) == 3


def _evaluated(people: People, goals: int, proposals: int, kinds: tuple[str, ...]) -> int:
    """A relationship with ``goals`` goals, ``proposals`` proposals of the client (one
    answered) and an evaluation of each kind in ``kinds``, all sections complete."""
    period, made = period_with_goals(people, goals=goals)
    relationship: ClientRelationship = period.relationship
    user = client_user_for(period)
    for n in range(proposals):
        proposal = services.proposal_create(
            actor=user, relationship=relationship, goal=made[n % goals], text=f"Ehdotus {n}"
        )
        if n == 0:
            services.proposal_answer(actor=people.worker, proposal=proposal, answer="Sovitaan.")
    for kind in kinds:
        evaluation = services.evaluation_start(
            actor=people.worker, relationship=relationship, kind=kind
        )
        complete_sections(people, evaluation, made, [1] * goals)
    return relationship.pk


def test_the_overview_is_flat_in_goals_proposals_and_evaluations(
    client: HttpClient, people: People
) -> None:
    few = _evaluated(people, goals=1, proposals=1, kinds=("mid",))
    many = _evaluated(people, goals=3, proposals=3, kinds=("mid", "final"))
    client.force_login(people.worker)
    url_many = reverse("evaluation:overview", args=[many])
    page = client.get(url_many).text
    assert "Ehdotus 1" in page
    assert "Ehdotus 2" in page
    assert 'role="img"' in page
    assert count_queries(client, url_many) == count_queries(
        client, reverse("evaluation:overview", args=[few])
    )
