"""Every demo client's OmaPolku is full (issue 19): their responsible worker and how and when to
reach them, who does what, a coming meeting, a plan, goals and documents."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client as DjangoClient
from django.urls import reverse

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.clients.models import Client, ClientRelationship
from polku.closure.models import Certificate
from polku.demo.management.commands.demo_data import CLIENTS
from polku.pathways.models import ActivationPlan
from polku.placements.models import Decision


def _plan(relationship: ClientRelationship) -> ActivationPlan:
    return ActivationPlan.objects.signed().filter(relationship=relationship).latest("number")


pytestmark = pytest.mark.django_db


def test_every_demo_clients_omapolku_shows_their_worker_meetings_plan_goals_and_documents(
    client: DjangoClient,
) -> None:
    call_command("demo_data", stdout=io.StringIO())
    usernames = [row[0] for row in CLIENTS]
    # The clients with an open relationship; the feedback demo adds logins for two clients whose
    # relationship has ended (polku/demo/feedback.py), whose start page shows the ended one.
    assert set(usernames) <= set(
        User.objects.filter(role_assignments__role=Role.CLIENT).values_list("username", flat=True)
    )
    for username in usernames:
        person = Client.objects.get(user__username=username)
        relationship = person.relationships.open().get()
        worker = relationship.responsible_worker
        assert worker is not None, username
        assert person.user is not None
        client.force_login(person.user)
        page = client.get(reverse("portal:client_start")).text
        assert worker.get_full_name() in page, username
        assert "Voit soittaa näinä päivinä:" in page, username  # the phone hours
        assert "Kuka tekee mitä" in page, username
        decided = Decision.objects.filter(relationship=relationship, status="decided")
        if decided.exists():  # Emma Salo, at S8, has no decision yet
            assert "Päätöksen tekijä" in page, username
        assert "Sinulle ei ole varattu tapaamisia" not in page, username
        assert "Kenen kanssa:" in page, username
        assert "Allekirjoitettu" in page, username  # the plan
        assert "Sinulla ei ole vielä tavoitteita" not in page, username
        assert "Muista nämä päivät" in page, username
        documents = client.get(reverse("portal:my_documents")).text
        assert reverse("portal:own_plan_pdf", args=[_plan(relationship).pk]) in documents
        if decided.exists():
            assert "Lue päätös" in documents, username
    assert Decision.objects.filter(relationship__client__user__username__in=usernames).exists()

    # The Swedish-speaking clients read their own record in Swedish: the plan, the goals, the
    # staff titles; Sofia Backman (ended) also her certificate, with no promise of a meeting.
    client.cookies["polku_language"] = "sv"
    for username in ("johan.lindqvist", "sofia.backman"):
        person = Client.objects.get(user__username=username)
        assert person.language == "sv", username
        assert person.user is not None
        client.force_login(person.user)
        page = client.get(reverse("portal:client_start")).text
        assert "socialhandledare" in page, username
        assert "sosiaaliohjaaja" not in page, username
        assert "Arbetsverksamhet i rehabiliteringssyfte 3 dagar i veckan" in page, username
        assert "päivää viikossa" not in page, username
        assert "Jag kommer i tid till arbetsverksamheten" in page, username  # a goal
        assert "Tulen " not in page, username
    sofia = Client.objects.get(user__username="sofia.backman")
    assert sofia.user is not None
    client.force_login(sofia.user)
    page = client.get(reverse("portal:client_start")).text
    assert "Din klientrelation har upphört, så du har inga fler möten." in page
    assert "socialarbetare" in page  # the decision maker
    certificate = Certificate.objects.get(period__relationship__client=sofia)
    assert certificate.tasks_done.startswith("Renovering och ytbehandling av möbler")
    assert certificate.signer_title == "handledare inom arbetsverksamhet"
