"""The workers' phone hours: on the configuration site (``portal.admin``) and on the worker's
own page (``phone_hours:edit``): the change is audited, bad days and hours are refused in plain
words with everything typed kept, and the client reads them on OmaPolku."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client as DjangoClient
from django.urls import reverse

from polku.audit.models import AuditEvent
from polku.portal import services
from polku.portal.errors import PortalError
from polku.portal.events import PortalEvent
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


# The worker's own page (``phone_hours:edit``, ``services.reachable_time_save``).

EDIT = "phone_hours:edit"


def test_a_worker_sets_their_own_phone_hours_and_their_client_reads_them(
    client: DjangoClient, people: People
) -> None:
    client.force_login(people.worker)
    page = client.get(reverse(EDIT)).text
    assert "Puhelinajat" in page  # the header link, in Finnish
    response = client.post(
        reverse(EDIT),
        {
            "phone": " 029 123 4511 ",
            "weekdays": ["4", "1", "2"],
            "starts_at": "9",
            "ends_at": "11.30",
        },
    )
    assert response.status_code == 302
    row = ReachableTime.objects.get(user=people.worker)
    assert (row.phone, row.weekdays, row.starts_at, row.ends_at) == (
        "029 123 4511",
        "124",
        dt.time(9),
        dt.time(11, 30),
    )
    event = AuditEvent.objects.get(
        kind="change", record_type="portal.ReachableTime", record_id=str(row.pk)
    )
    assert event.what == PortalEvent.PHONE_HOURS.value
    assert event.actor_id == people.worker.pk
    assert event.changes["weekdays"] == [None, "124"]
    assert "Puhelinaikasi on tallennettu." in client.get(response["Location"]).text

    # The same values again change nothing and write no second event.
    client.post(
        reverse(EDIT),
        {
            "phone": "029 123 4511",
            "weekdays": ["1", "2", "4"],
            "starts_at": "9.00",
            "ends_at": "11.30",
        },
    )
    assert AuditEvent.objects.filter(record_type="portal.ReachableTime").count() == 1

    client.force_login(people.client)
    start = client.get(reverse("portal:client_start")).text
    assert "Voit soittaa näinä päivinä: maanantai, tiistai, torstai, klo 09.00–11.30." in start
    assert "029 123 4511" in start


@pytest.mark.parametrize(
    ("data", "field", "code", "words"),
    [
        (
            {"weekdays": ["1"], "starts_at": "11", "ends_at": "9"},
            "ends_at",
            PortalError.HOURS_ORDER,
            "Puhelinajan täytyy päättyä myöhemmin kuin se alkaa.",
        ),
        (
            {"weekdays": ["1"], "starts_at": "9", "ends_at": "9"},
            "ends_at",
            PortalError.HOURS_ORDER,
            "Puhelinajan täytyy päättyä myöhemmin kuin se alkaa.",
        ),
        (
            {"weekdays": ["1"], "starts_at": "9", "ends_at": ""},
            "ends_at",
            PortalError.HOURS_INCOMPLETE,
            "Anna puhelinajan alku ja loppu.",
        ),
        (
            {"weekdays": ["2"], "starts_at": "", "ends_at": ""},
            "starts_at",
            PortalError.HOURS_INCOMPLETE,
            "Anna puhelinajan alku ja loppu.",
        ),
        (
            {"weekdays": [], "starts_at": "9", "ends_at": "11"},
            "weekdays",
            PortalError.HOURS_INCOMPLETE,
            "Valitse puhelinajalle vähintään yksi päivä.",
        ),
    ],
)
def test_bad_phone_hours_of_ones_own_are_refused_with_everything_kept(
    client: DjangoClient,
    people: People,
    data: dict[str, object],
    field: str,
    code: str,
    words: str,
) -> None:
    client.force_login(people.worker)
    response = client.post(reverse(EDIT), {"phone": "040 123 4567", **data})
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()[field]] == [code]
    assert words in response.text
    assert 'value="040 123 4567"' in response.text  # nothing typed is lost
    assert not ReachableTime.objects.exists()
    assert not AuditEvent.objects.filter(record_type="portal.ReachableTime").exists()


@pytest.mark.parametrize("weekdays", [["8"], ["0"], ["1", "1"], ["x"]])
def test_the_service_refuses_a_weekday_that_does_not_exist(
    people: People, weekdays: list[str]
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.reachable_time_save(
            actor=people.worker,
            phone="",
            weekdays=weekdays,
            starts_at=dt.time(9),
            ends_at=dt.time(10),
        )
    assert caught.value.error_dict["weekdays"][0].code == PortalError.WEEKDAYS
    assert not ReachableTime.objects.exists()


def test_the_form_refuses_a_weekday_that_does_not_exist(
    client: DjangoClient, people: People
) -> None:
    client.force_login(people.worker)
    response = client.post(reverse(EDIT), {"weekdays": ["8"], "starts_at": "9", "ends_at": "10"})
    assert response.status_code == 200
    assert "weekdays" in response.context["form"].errors
    assert not ReachableTime.objects.exists()


def test_only_a_worker_keeps_phone_hours_and_only_their_own(
    client: DjangoClient, people: People
) -> None:
    for who in (people.client, people.decision_maker, people.manager, people.administrator):
        client.force_login(who)
        assert client.get(reverse(EDIT)).status_code == 403
        assert client.post(reverse(EDIT), {"phone": "1"}).status_code == 403
        with pytest.raises(PermissionDenied):
            services.reachable_time_save(
                actor=who, phone="1", weekdays=[], starts_at=None, ends_at=None
            )
    # The worker's own row only: another worker's hours stay as they were.
    ReachableTime.objects.create(user=people.worker_other_unit, phone="029 000", weekdays="1")
    client.force_login(people.worker)
    client.post(reverse(EDIT), {"phone": "040 123 4567"})
    assert ReachableTime.objects.get(user=people.worker_other_unit).phone == "029 000"
    assert ReachableTime.objects.get(user=people.worker).phone == "040 123 4567"


def test_the_database_refuses_hours_with_one_end_or_in_the_wrong_order(people: People) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ReachableTime.objects.create(user=people.worker, starts_at=dt.time(9), ends_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReachableTime.objects.create(user=people.worker, starts_at=dt.time(11), ends_at=dt.time(9))


def test_the_page_is_in_swedish_too(client: DjangoClient, people: People) -> None:
    client.force_login(people.worker)
    client.post(reverse("core:set_language"), {"language": "sv", "next": reverse(EDIT)})
    page = client.get(reverse(EDIT)).text
    assert "Dina telefontider för klienter" in page
    response = client.post(reverse(EDIT), {"weekdays": ["1"], "starts_at": "11", "ends_at": "9"})
    assert "Telefontiden måste sluta senare än den börjar." in response.text
