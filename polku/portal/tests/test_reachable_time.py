"""The workers' phone hours on the configuration site (``portal.admin``): the administrator
adds them, the change is audited, a bad time range is refused, and the client reads them."""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.portal.models import ReachableTime
from tests.people import People

pytestmark = pytest.mark.django_db

ADD = "admin:portal_reachabletime_add"


def test_the_administrator_gives_a_worker_phone_hours_and_the_change_is_audited(
    client: DjangoClient, people: People
) -> None:
    client.force_login(people.administrator)
    response = client.post(
        reverse(ADD),
        {
            "user": people.worker.pk,
            "phone": "029 123 4511",
            "weekdays": "124",
            "starts_at": "9.00",
            "ends_at": "11.00",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    row = ReachableTime.objects.get(user=people.worker)
    assert (row.phone, row.weekday_numbers, row.has_hours) == ("029 123 4511", [1, 2, 4], True)
    event = AuditEvent.objects.get(
        kind="change", record_type="portal.ReachableTime", record_id=str(row.pk)
    )
    assert event.actor_id == people.administrator.pk
    client.force_login(people.client)
    page = client.get(reverse("portal:client_start")).text
    assert "Voit soittaa näinä päivinä: maanantai, tiistai, torstai, klo 09.00–11.00." in page


@pytest.mark.parametrize(
    ("weekdays", "starts_at", "ends_at"), [("8", "9.00", "11.00"), ("12", "11.00", "9.00")]
)
def test_bad_phone_hours_are_refused(
    client: DjangoClient, people: People, weekdays: str, starts_at: str, ends_at: str
) -> None:
    client.force_login(people.administrator)
    response = client.post(
        reverse(ADD),
        {
            "user": people.worker.pk,
            "weekdays": weekdays,
            "starts_at": starts_at,
            "ends_at": ends_at,
        },
    )
    assert response.status_code == 200
    assert not ReachableTime.objects.exists()
