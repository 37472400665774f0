"""The plan and the information notice are saved under a name in their language, the
client's, whatever the worker's page is in."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.clients.models import Client
from tests.builders import signed_plan
from tests.people import People

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "plan_name", "notice_name"),
    [
        ("fi", "aktivointisuunnitelma.pdf", "tiedote.pdf"),
        ("sv", "aktiveringsplan.pdf", "meddelande.pdf"),
        ("en", "activation-plan.pdf", "information-notice.pdf"),
    ],
)
def test_the_plan_and_the_notice_are_named_in_the_clients_language(
    client: HttpClient, people: People, language: str, plan_name: str, notice_name: str
) -> None:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    Client.objects.filter(pk=plan.relationship.client_id).update(language=language)
    client.force_login(people.worker)  # a Finnish page
    response = client.post(reverse("pathways:plan_pdf", args=[plan.pk]), {"recipient": "client"})
    assert response["Content-Disposition"] == f'attachment; filename="{plan_name}"'
    notice = client.post(reverse("pathways:notice_pdf", args=[plan.pk]))
    assert notice["Content-Disposition"] == f'attachment; filename="{notice_name}"'
