"""The plan PDF per recipient: what each copy carries, and the disclosure names the recipient."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.audit.models import AuditEvent, EventKind
from polku.pathways.models import ActivationPlan
from polku.pathways.tests.test_plans import pdf_text
from tests.builders import signed_plan
from tests.people import People

pytestmark = pytest.mark.django_db


def plan_for(people: People, *, non_disclosure: bool) -> ActivationPlan:
    plan = signed_plan(worker=people.worker, unit=people.unit)
    ActivationPlan.objects.filter(pk=plan.pk).update(
        employment_authority=people.employment_authority
    )
    person = plan.relationship.client
    person.street_address, person.postal_code, person.city = "Salainen tie 7", "00990", "Testilä"
    person.non_disclosure = non_disclosure
    person.save()
    plan.refresh_from_db()
    return plan


def copy(client, plan: ActivationPlan, recipient: str) -> str:
    response = client.post(reverse("pathways:plan_pdf", args=[plan.pk]), {"recipient": recipient})
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


@pytest.mark.parametrize("non_disclosure", [False, True])
def test_each_recipient_gets_what_they_need(client, people: People, non_disclosure) -> None:
    plan = plan_for(people, non_disclosure=non_disclosure)
    person = plan.relationship.client
    code = person.identity_code
    assert code
    born = f"{person.birth_date.day}.{person.birth_date.month}.{person.birth_date.year}"
    client.force_login(people.worker)

    own = copy(client, plan, "client")
    assert code in own
    assert "Salainen tie 7" in own  # their own address, even under a non-disclosure marking

    authority = copy(client, plan, "employment_authority")
    assert person.full_name in authority
    assert code in authority
    assert ("Salainen tie 7" in authority) is not non_disclosure

    file_copy = copy(client, plan, "print")
    assert person.full_name in file_copy
    assert code not in file_copy
    assert code[7:] not in file_copy
    assert f"synt. {born}" in file_copy
    assert "Salainen tie 7" not in file_copy
    assert "00990" not in file_copy

    recipients = list(
        AuditEvent.objects.filter(kind=EventKind.DISCLOSURE, record_id=str(plan.pk))
        .order_by("pk")
        .values_list("recipient", "changes")
    )
    assert recipients == [  # stable keys; the authority by reference, shown by its name
        ("client", {}),
        ("employment_authority", {"employment_authority": [None, people.employment_authority.pk]}),
        ("print", {}),
    ]


def test_the_signed_status_is_not_said_twice(client, people: People) -> None:
    plan = plan_for(people, non_disclosure=False)
    client.force_login(people.worker)
    text = copy(client, plan, "client")
    assert plan.signed_on is not None
    day = f"{plan.signed_on.day}.{plan.signed_on.month}.{plan.signed_on.year}"
    assert f"Allekirjoitettu {day}" in text
    assert "Allekirjoitettu · allekirjoitettu" not in text
    assert "allekirjoitettu" not in text.split("Osapuolet")[0]


@pytest.mark.parametrize(("language", "born"), [("fi", "synt."), ("sv", "född"), ("en", "born")])
def test_the_header_identifies_the_client_by_the_copys_rule(
    client, people: People, language: str, born: str
) -> None:
    """The plan's header line comes from the one letter header (``letter_context``) with the
    identity the copy's rule gives (``selectors.copy_identity``), in the client's language
    and d.m.yyyy; the notice, like every other letter, shows the masked code."""
    plan = plan_for(people, non_disclosure=False)
    person = plan.relationship.client
    person.language = language
    person.save()
    client.force_login(people.worker)
    code = person.identity_code
    assert code
    day = person.birth_date
    expected = {
        "client": code,
        "employment_authority": code,
        "print": f"{born} {day.day}.{day.month}.{day.year}",
    }
    for recipient, identity in expected.items():
        assert f"{person.full_name}, {identity}\n" in copy(client, plan, recipient) + "\n"
    notice = client.post(reverse("pathways:notice_pdf", args=[plan.pk]))
    assert f"{person.full_name}, {person.masked_identity_code}" in pdf_text(notice.content)
