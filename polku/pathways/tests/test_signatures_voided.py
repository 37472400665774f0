"""A change to a partly signed plan says, before and after, which signatures it voids."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.pathways import services
from polku.pathways.forms import PlanForm
from tests.builders import ready_to_sign
from tests.people import People

pytestmark = pytest.mark.django_db


def test_the_edit_page_warns_and_the_message_names_the_voided_signatures(
    client, people: People
) -> None:
    plan = ready_to_sign(worker=people.worker, unit=people.unit)
    for party, name in (("client", "Kalle Asiakas"), ("official", "Tiina Työllisyys")):
        plan = services.plan_sign(
            actor=people.worker,
            plan=plan,
            party=party,
            signer_name=name,
            method="paper",
            signed_on=clock.today(),
        )
    client.force_login(people.worker)
    url = reverse("pathways:plan", args=[plan.pk])
    page = client.get(url).text
    warning = page.split('id="voids"')[1].split("</p>")[0]
    assert "Asiakas (Kalle Asiakas)" in warning
    assert "Työvoimaviranomaisen edustaja (Tiina Työllisyys)" in warning or "Tiina" in warning
    assert "mitätöi" in warning
    data = {
        key: ("" if value is None else value.pk if hasattr(value, "pk") else value)
        for key, value in PlanForm.initial_for(plan).items()
    }
    data = {k: v for k, v in data.items() if v is not False}
    data["notice_given_on"] = plan.notice_given_on.strftime("%-d.%-m.%Y")  # type: ignore[union-attr]
    data["agreed_measures"] = "Toinen teksti"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    text = response.text
    assert "Suunnitelma tallennettiin" in text
    message = text.split("Muutos mitätöi")[1].split("</p>")[0]
    assert "Kalle Asiakas" in message
    assert "Tiina Työllisyys" in message
    assert not plan.signatures.exists()
    assert 'id="voids"' not in text
    assert AuditEvent.objects.filter(what="signatures voided", record_id=str(plan.pk)).exists()
    timeline = client.get(reverse("clients:detail", args=[plan.relationship.client_id])).text
    assert "Allekirjoitukset" in timeline
    assert "Kalle Asiakas" in timeline
