"""Pinned query counts for the key pages (STYLE.md §10, beside the flat checks): a page that
starts to make one query more fails here, so the change is seen and the pin moved on purpose.

Each page is requested as its everyday viewer, after a warm-up request, with a client walked
through S1–S7 (so the client page, its timeline and the plans page have every kind of row). The
flat checks (``assert_flat_queries``) say the count does not grow with rows; these say what it
is. When a change adds a query for a reason, move the pin and say why in the commit.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.builders import pathway_through_s7
from tests.people import People
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

# The session is no longer saved on every request (SessionIdleMiddleware): three queries less
# (SAVEPOINT, UPDATE django_session, RELEASE) on every page.
PINS = {
    "caseload": 8,
    "client page": 27,
    # One query per provider: +4 with the placements app's; +1 with the attendance app's alerts
    # (one query here, where the worker has no period under way; four with periods, whatever
    # their number: polku/attendance/tests/test_alerts.py checks that it stays flat); +4 with
    # the evaluation app's; +3 with the closure app's.
    # +1: the log requests waiting (records.workitems). -7: the providers that ask about the
    # same rows read them once per page (workqueue.shared): the viewer's booked meetings (2 -> 1),
    # plan drafts (3 -> 1), periods for the placements items (3 -> 1), for the evaluation items
    # (2 -> 1) and for the closure items (2 -> 1).
    "work queue": 23,
    "plans": 16,
    "activation plan": 20,
}


def _urls(people: People) -> dict[str, str]:
    plan = pathway_through_s7(
        worker=people.worker, unit=people.unit, authority=people.employment_authority
    )
    relationship = plan.relationship
    return {
        "caseload": reverse("clients:caseload"),
        "client page": reverse("clients:detail", args=[relationship.client_id]),
        "work queue": reverse("pathways:today"),
        "plans": reverse("pathways:plans", args=[relationship.pk]),
        "activation plan": reverse("pathways:plan", args=[plan.pk]),
    }


@pytest.mark.parametrize("page", list(PINS))
def test_key_pages_make_their_pinned_number_of_queries(
    client: Any, people: People, page: str
) -> None:
    url = _urls(people)[page]
    client.force_login(people.worker)
    assert count_queries(client, url) == PINS[page]
