"""The client's documents are in one language (the user test of OmaPolku): a Finnish client
who reads OmaPolku in Swedish gets a plan PDF with Finnish labels and the worker's Finnish
title, not a Swedish title among Finnish labels; the decision PDF's header names the unit that
made the decision, not the work-activity place."""

from __future__ import annotations

import io

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from pypdf import PdfReader

from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.attendance.tests.builders import running_period
from polku.pathways.models import ActivationPlan
from polku.placements.models import Decision, Period
from tests.people import People, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people)


@pytest.fixture
def me(period: Period) -> User:
    person = period.relationship.client
    person.user = role_user(Role.CLIENT, period.relationship.unit, username="oma")
    person.save(update_fields=["user"])
    return person.user


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_plan_pdf_is_in_the_clients_language_whatever_the_viewers(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    plan = ActivationPlan.objects.signed().filter(relationship=period.relationship).first()
    assert plan is not None
    User.objects.filter(pk=plan.author_id).update(
        title="sosiaaliohjaaja", title_sv="socialhandledare"
    )
    assert period.relationship.client.language == "fi"
    client.force_login(me)
    client.cookies["polku_language"] = "sv"
    text = _pdf_text(client.get(reverse("portal:own_plan_pdf", args=[plan.pk])).content)
    assert "Vastuutyöntekijä" in text  # Finnish labels
    assert "sosiaaliohjaaja" in text
    assert "socialhandledare" not in text


def test_the_decision_pdf_header_names_the_deciding_unit(
    client: DjangoClient, people: People, period: Period, me: User
) -> None:
    decision = Decision.objects.get(period=period)
    Decision.objects.filter(pk=decision.pk).update(document=None)  # rendered as it is now
    client.force_login(me)
    text = _pdf_text(client.get(reverse("portal:own_decision_pdf", args=[decision.pk])).content)
    header = text[: text.index("Asiakirja")]
    assert people.unit.name in header
    assert people.place.name not in header
    assert people.place.name in text  # the period's place is in the decision itself
