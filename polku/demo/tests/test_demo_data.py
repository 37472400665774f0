from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from polku.accounts.models import ProducerType, Unit, UnitKind, User
from polku.accounts.roles import Role
from polku.clients import identity
from polku.clients.models import Client, ClientRelationship, MeetingStatus, Stage

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def test_demo_data_has_every_role_and_runs_twice_safely() -> None:
    first = run()
    assert "polku-demo-2026" in first
    counts = (Unit.objects.count(), User.objects.count(), Client.objects.count())
    second = run()
    assert "nothing was changed" in second
    assert (Unit.objects.count(), User.objects.count(), Client.objects.count()) == counts
    held = set(User.objects.values_list("role_assignments__role", flat=True))
    assert set(Role.values) <= held
    for username in ("sanna.virtanen", "paivi.nieminen", "marko.heikkinen", "riitta.manninen"):
        assert username in first


def test_demo_organisations() -> None:
    run()
    assert Unit.objects.filter(kind=UnitKind.ORGANISER).count() == 1
    assert Unit.objects.filter(kind=UnitKind.MUNICIPALITY).count() == 2
    assert Unit.objects.filter(kind=UnitKind.EMPLOYMENT_AUTHORITY).count() == 1
    assert Unit.objects.filter(kind=UnitKind.SOCIAL_SERVICES).count() == 2
    places = Unit.objects.filter(kind=UnitKind.WORK_ACTIVITY_PLACE)
    assert places.count() == 4
    assert len(set(places.values_list("producer_type", flat=True))) == 4
    assert not places.get(producer_type=ProducerType.COMPANY).may_produce_kuty


def test_demo_identity_codes_are_valid_and_artificial() -> None:
    run()
    for code in Client.objects.exclude(identity_code=None).values_list("identity_code", flat=True):
        assert code is not None
        assert identity.validate_identity_code(code) == code
        assert identity.is_temporary(code)


def test_demo_has_clients_at_each_early_stage() -> None:
    run()
    stages = set(ClientRelationship.objects.values_list("stage", flat=True))
    assert {
        Stage.S1_STARTED,
        Stage.S2_RESPONSIBLE_WORKER,
        Stage.S3_FIRST_MEETING,
        Stage.S4_ASSESSMENT,
        Stage.S5_ACTIVATION_PLAN,
        Stage.S6_REFLECTION,
        Stage.S7_SECOND_PLAN,
    } <= stages
    assert ClientRelationship.objects.unassigned().count() >= 3
    held = ClientRelationship.objects.filter(meetings__status=MeetingStatus.HELD)
    assert held.exists()


def test_demo_data_says_whether_staff_need_the_second_factor(settings) -> None:
    assert "Second factor: ON" in run()
    settings.POLKU_STAFF_OTP_REQUIRED = False
    assert "Second factor: OFF" in run()


def test_demo_has_a_returning_client_whose_earlier_relationship_elsewhere_has_ended(client) -> None:
    """The purpose-of-use flow can be tried: Sanna's client had an earlier relationship at
    Koskimäki that has ended; she is asked for a purpose before reading it."""
    output = run()
    assert "returning client" in output
    person = Client.objects.get(last_name="Hakala")
    earlier, current = person.relationships.order_by("started_on")
    assert earlier.unit.name == "Aikuissosiaalityö, Koskimäki"
    assert earlier.ended_on is not None
    assert earlier.ended_on <= current.started_on
    assert current.previous == earlier
    assert current.ended_on is None
    assert current.responsible_worker is not None
    assert current.responsible_worker.username == "sanna.virtanen"
    assert earlier.meetings.filter(status=MeetingStatus.HELD).exists()
    client.force_login(User.objects.get(username="sanna.virtanen"))
    page = client.get(reverse("clients:detail", args=[person.pk])).text
    purpose = reverse("clients:relationship_purpose", args=[person.pk, earlier.pk])
    assert purpose in page
    assert "Muutti Järvenkylään; tuki jatkuu" not in page  # the earlier record stays closed
    assert client.get(purpose).status_code == 200
