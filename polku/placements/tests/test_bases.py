"""The bases this app adds to the one visibility rule: the assigned decision maker, and the
supervisor of the place during the period only, who sees only what SPEC §1 allows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.audit.models import AuditEvent, EventKind
from polku.clients.access import access_basis
from polku.clients.models import Client
from polku.core import clock
from polku.placements import services
from polku.placements.models import Period, PeriodKind
from polku.placements.tests.builders import at_s8
from tests.people import People
from tests.url_matrix import decision_of

pytestmark = pytest.mark.django_db


def period_at_the_supervisors_place(people: People, starts_on: dt.date) -> Period:
    relationship = at_s8(people)
    services.visit_record(
        actor=people.worker,
        relationship=relationship,
        place=people.place,
        visited_on=clock.today(),
        participants="",
        worker_present=True,
        place_contact="",
        agreed_hours="8–12",
        agreed_tasks="Puutyöt",
        handover_summary="Tarvitsee selkeät ohjeet.",
        reviewed_with_client=True,
    )
    return services.period_plan(
        actor=people.worker,
        relationship=relationship,
        place=people.place,
        kind=PeriodKind.FULL,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=120),
        weekdays="123",
        hours_per_day=Decimal(4),
        goal="Päivärytmi",
        description="Puutyöt verstaalla",
        tasks="Hionta",
        support_and_guidance="Ohjaaja",
        other_services="Ei muita",
        evaluate_by=starts_on + dt.timedelta(days=60),
    )


def test_the_assigned_decision_maker_has_a_basis_and_others_do_not(people: People) -> None:
    decision = decision_of(people)
    client = decision.relationship.client
    assert Client.objects.visible_to(people.decision_maker).filter(pk=client.pk).exists()
    assert access_basis(people.decision_maker, client) == "decision_maker"
    assert not Client.objects.visible_to(people.worker_other_unit).filter(pk=client.pk).exists()


def test_the_supervisor_sees_the_client_during_the_period_only(
    client: HttpClient, people: People
) -> None:
    period = period_at_the_supervisors_place(people, clock.today() + dt.timedelta(days=3))
    person = period.relationship.client
    client.force_login(people.place_supervisor)
    url = reverse("placements:place_clients")
    assert person.last_name not in client.get(url).content.decode()  # not started yet
    with clock.frozen(clock.now() + dt.timedelta(days=4)):
        text = client.get(url).content.decode()
        assert person.full_name in text
        assert "Tarvitsee selkeät ohjeet." in text
        assert "Hionta" in text
        for hidden in (person.masked_identity_code, "Puutyöt verstaalla", "Ohjaaja", "Ei muita"):
            assert hidden not in text
        event = AuditEvent.objects.filter(kind=EventKind.ACCESS, client_id=person.pk).latest("pk")
        assert (event.what, event.basis) == ("client at the place", "place_supervisor")
        # The basis opens no client page: the supervisor has no worker's desk.
        assert client.get(reverse("clients:detail", args=[person.pk])).status_code == 403
    with clock.frozen(clock.now() + dt.timedelta(days=200)):
        assert person.last_name not in client.get(url).content.decode()  # the period has ended


def test_the_decision_maker_reads_the_plans_without_the_stage_buttons(
    client: HttpClient, people: People
) -> None:
    decision = decision_of(people)
    url = reverse("pathways:plans", args=[decision.relationship_id])
    client.force_login(people.decision_maker)
    as_maker = client.get(url).content.decode()
    assert 'name="stage"' not in as_maker
    client.force_login(people.worker)
    assert 'name="stage"' in client.get(url).content.decode()


def test_the_supervisors_page_makes_as_many_queries_for_one_client_as_for_five(
    client: HttpClient, people: People
) -> None:
    from tests.queries import assert_flat_queries

    start = clock.today() - dt.timedelta(days=1)
    with clock.frozen(clock.now() - dt.timedelta(days=2)):
        period_at_the_supervisors_place(people, start)
    client.force_login(people.place_supervisor)

    def grow() -> None:
        with clock.frozen(clock.now() - dt.timedelta(days=2)):
            for _ in range(4):
                period_at_the_supervisors_place(people, start)

    assert_flat_queries(client, reverse("placements:place_clients"), grow=grow)
    assert Period.objects.filter(place=people.place).count() == 5
