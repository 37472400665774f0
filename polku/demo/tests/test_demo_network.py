"""The demo's service network (polku.demo.network): partners, current and ended opportunities,
some public, and one closed client whose destination links to an opportunity."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import User
from polku.closure.models import RelationshipEnd
from polku.core import clock
from polku.demo.network import CARPENTRY_TRAINING, OPPORTUNITIES, PARTNERS
from polku.network.models import Opportunity, Partner

pytestmark = pytest.mark.django_db


def test_demo_network_partners_opportunities_and_a_traced_end(client: HttpClient) -> None:
    call_command("demo_data", stdout=io.StringIO())
    assert Partner.objects.count() == len(PARTNERS)
    assert Opportunity.objects.count() == len(OPPORTUNITIES)
    today = clock.today()
    assert Opportunity.objects.current(today).public().count() == 3
    end = RelationshipEnd.objects.get(opportunity__isnull=False)
    assert end.opportunity is not None
    assert end.opportunity.title == CARPENTRY_TRAINING
    assert end.relationship.client.last_name == "Rautio"
    # The worker finds the training on the service map; the client sees it in OmaPolku.
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("network:map"), {"help": "training"}).text
    assert CARPENTRY_TRAINING in page
    assert "Verstas" in client.get(reverse("network:map"), {"help": "work_activity"}).text
    client.force_login(User.objects.get(username="mikko.korhonen"))
    own = client.get(reverse("network:own_opportunities")).text
    assert CARPENTRY_TRAINING in own
    assert "Palkkatukityö korjaamossa" not in own  # not public
