"""The demo's feedback: one place with enough survey answers to show, one without; an ended
client to whom the survey is open (in Swedish) and one who answered; a message and complaints
routed to the organiser's manager."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from polku.accounts.models import Unit, User
from polku.clients.models import Client
from polku.core import clock
from polku.feedback import selectors
from polku.feedback.models import Complaint, FeedbackMessage, SurveyReceipt

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_place_with_enough_answers_and_one_without(client) -> None:
    call_command("demo_data", stdout=io.StringIO())
    verstas = Unit.objects.get(name="Toimintakeskus Verstas")
    kiertokulku = Unit.objects.get(name="Kierrätyskeskus Kiertokulku ry")
    result = selectors.satisfaction(place_ids=[verstas.pk, kiertokulku.pk], year=clock.today().year)
    groups = {g.name: g for g in result.places}
    assert groups[verstas.name].shown
    assert groups[verstas.name].responses >= 7
    assert not groups[kiertokulku.name].shown
    assert 0 < groups[kiertokulku.name].responses < 7
    assert SurveyReceipt.objects.count() == 1  # Ismo Kinnunen answered
    sofia = Client.objects.get(user__username="sofia.backman")
    assert selectors.offered_periods(sofia)
    assert FeedbackMessage.objects.count() == 1
    assert {c.state for c in Complaint.objects.all()} == {"answered", "received"}
    assert Complaint.objects.filter(helped_by__username="jukka.lehtonen").exists()
    client.force_login(User.objects.get(username="riitta.manninen"))
    page = client.get(reverse("feedback:results"))
    assert "Vasta 3 vastausta." in page.text
    assert len(client.get(reverse("feedback:complaint_list")).text) > 0
    client.force_login(User.objects.get(username="sofia.backman"))
    client.cookies["polku_language"] = "sv"
    home = client.get(reverse("feedback:home"))
    assert "Svara på enkäten" in home.text
