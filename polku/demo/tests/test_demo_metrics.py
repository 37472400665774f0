"""The demo manager's dashboard (polku.demo.metrics): figures above the small-cell limit, and
the extra pathways out of every demo caseload and place day."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import User
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.demo.metrics import USERNAME
from polku.placements.models import Period

pytestmark = pytest.mark.django_db


def test_the_demo_manager_sees_a_dashboard_with_figures(client: HttpClient) -> None:
    call_command("demo_data", stdout=io.StringIO())
    client.force_login(User.objects.get(username="riitta.manninen"))
    response = client.get(reverse("metrics:dashboard"))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.clients.value is not None
    assert board.clients.value >= 40
    shown = [
        cell.text()
        for table in board.tables
        for row in table.rows
        for cell in row.cells
        if not cell.suppressed and cell.value not in (None, 0)
    ]
    assert len(shown) >= 40
    shares = board.table("shares")
    assert sum(1 for row in shares.rows if row.cells[2].text().endswith("%")) >= 5
    assert any(
        not c.suppressed and c.value for r in board.table("t_scores").rows for c in r.cells[:1]
    )
    # No period of the extra pathways is under way: no place day shows them.
    extra = ClientRelationship.objects.filter(responsible_worker__username=USERNAME)
    assert extra.count() == 48
    assert not Period.objects.filter(relationship__in=extra, ends_on__gte=clock.today()).exists()
