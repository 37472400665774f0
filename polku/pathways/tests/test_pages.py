"""Each plan page has one context builder (polku/pathways/selectors.py), so a page and its
re-render after a refused POST show the same (views hold no queries: tests/test_thin_views.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from polku.core import clock
from polku.pathways.models import ActivationPlan
from tests.builders import signed_plan
from tests.people import People

pytestmark = pytest.mark.django_db


def test_the_refused_plan_start_keeps_the_overdue_tag(client, people: People) -> None:
    """The plans page re-rendered after a refused start was built without ``today`` and lost
    the overdue review's tag."""
    plan = signed_plan(worker=people.worker, unit=people.unit)
    ActivationPlan.objects.filter(pk=plan.pk).update(
        review_due=clock.today() - dt.timedelta(days=1)
    )
    client.force_login(people.worker)
    page = client.get(reverse("pathways:plans", args=[plan.relationship_id])).text
    assert "myöhässä" in page
    refused = client.post(
        reverse("pathways:plan_start", args=[plan.relationship_id]), {"plan_type": "activation"}
    )
    assert refused.status_code == 200
    assert "Ensimmäinen suunnitelma on jo aloitettu." in refused.text
    assert "myöhässä" in refused.text
