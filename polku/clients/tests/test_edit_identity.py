"""The edit form masks the identity code; showing it is a logged reveal (issue 13, item 19)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from polku.audit.models import AuditEvent
from tests.people import People

pytestmark = pytest.mark.django_db


def form_data(people: People, **overrides: str) -> dict[str, str]:
    person = people.client_record
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date.strftime("%-d.%-m.%Y"),
        "temporary_id": person.temporary_id,
        "language": person.language,
        "phone": "040 777 8888",
        "email": "",
        "street_address": person.street_address,
        "postal_code": person.postal_code,
        "city": person.city,
        "version": str(person.version),
    }
    data.update(overrides)
    return data


def reveals(people: People) -> int:
    return AuditEvent.objects.filter(
        what="identity code revealed", client_id=people.client_record.pk
    ).count()


def test_edit_form_masks_the_identity_code(client, people: People) -> None:
    person = people.client_record
    assert person.identity_code
    client.force_login(people.worker)
    page = client.get(reverse("clients:edit", args=[person.pk])).text
    assert person.identity_code not in page
    assert person.masked_identity_code in page
    assert 'name="reveal_identity_code"' in page
    assert reveals(people) == 0


def test_saving_without_revealing_keeps_the_code(client, people: People) -> None:
    person = people.client_record
    client.force_login(people.worker)
    response = client.post(reverse("clients:edit", args=[person.pk]), form_data(people))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "040 777 8888"
    assert person.identity_code == people.client_record.identity_code
    assert reveals(people) == 0


def test_revealing_is_logged_keeps_the_input_and_then_saves(client, people: People) -> None:
    person = people.client_record
    code = person.identity_code or ""
    client.force_login(people.worker)
    url = reverse("clients:edit", args=[person.pk])
    shown = client.post(url, form_data(people, phone="050 1", reveal_identity_code="1"))
    assert shown.status_code == 200
    assert f'value="{code}"' in shown.text
    assert 'value="050 1"' in shown.text  # what was typed is kept
    assert reveals(people) == 1
    event = AuditEvent.objects.get(what="identity code revealed")
    assert event.basis == "responsible_worker"
    saved = client.post(url, form_data(people, identity_code=code, identity_code_shown="1"))
    assert saved.status_code == 302
    person.refresh_from_db()
    assert (person.identity_code, person.phone) == (code, "040 777 8888")


def test_a_forged_shown_flag_reveals_nothing(client, people: People) -> None:
    person = people.client_record
    client.force_login(people.worker)
    response = client.post(
        reverse("clients:edit", args=[person.pk]),
        form_data(people, identity_code_shown="1", first_name=""),
    )
    assert response.status_code == 200
    assert person.identity_code not in response.text
