"""The clients behind a figure: its own capability, only the manager's units, a purpose, an
access event per client shown; the dashboard stays pseudonymous."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from polku.accounts.models import Unit
from polku.accounts.roles import Capability, Role, has_capability
from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.metrics.events import MetricsRead
from polku.metrics.tests import builders as b
from tests.factories import role_user
from tests.people import People

D = dt.date
TODAY = D(2026, 7, 1)
QUERY = "starts_on=1.1.2026&ends_on=30.6.2026"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def _at_s11(people: People, unit: Unit, n: int) -> list[ClientRelationship]:
    made = []
    for i in range(n):
        made.append(
            b.pathway(
                unit=unit,
                worker=people.worker,
                contact=D(2026, 1, 5) + dt.timedelta(days=i % 20),
                stage="s11",
                female=i % 2 == 0,
            )["relationship"]
        )
    return made


def _url(figure: str = "stages", row: str = "s11", query: str = QUERY) -> str:
    return f"{reverse('metrics:figure_clients', args=[figure, row])}?{query}"


def test_a_manager_of_the_unit_states_a_purpose_and_sees_the_clients_each_logged(
    client: HttpClient, people: People
) -> None:
    mine = _at_s11(people, people.unit, 3)
    theirs = _at_s11(people, people.other_unit, 2)
    manager = role_user(Role.MANAGER, people.unit)
    client.force_login(manager)
    # The dashboard names nobody, and links the stage row to its clients.
    page = client.get(f"{reverse('metrics:dashboard')}?{QUERY}").content.decode()
    assert mine[0].client.last_name not in page
    assert reverse("metrics:figure_clients", args=["stages", "s11"]) in page
    # The purpose first: no names, nothing logged.
    response = client.get(_url())
    assert response.status_code == 200
    assert mine[0].client.last_name not in response.content.decode()
    assert not AuditEvent.objects.filter(what=MetricsRead.CLIENTS).exists()
    response = client.post(_url(), {"purpose": "Jonon selvitys"})
    assert response.status_code == 200
    page = response.content.decode()
    for rel in mine:
        assert rel.client.last_name in page
    for rel in theirs:  # another unit's clients are not this manager's
        assert rel.client.last_name not in page
    events = AuditEvent.objects.filter(what=MetricsRead.CLIENTS)
    assert {e.client_id for e in events} == {r.client_id for r in mine}
    assert {(e.kind, e.actor_id, e.basis, e.purpose) for e in events} == {
        (EventKind.ACCESS, manager.pk, "manager", "Jonon selvitys")
    }


def test_another_units_manager_sees_only_their_own_and_may_not_filter_to_this_unit(
    client: HttpClient, people: People
) -> None:
    mine = _at_s11(people, people.unit, 2)
    other_manager = role_user(Role.MANAGER, people.other_unit)
    client.force_login(other_manager)
    response = client.post(_url(), {"purpose": "Tarkistus"})
    assert response.status_code == 200
    assert response.context["found"].rows == []
    assert mine[0].client.last_name not in response.content.decode()
    assert (
        client.post(
            _url(query=f"{QUERY}&unit={people.unit.pk}"), {"purpose": "Tarkistus"}
        ).status_code
        == 404
    )
    assert not AuditEvent.objects.filter(what=MetricsRead.CLIENTS).exists()


@pytest.mark.parametrize("role", ["worker", "decision_maker", "place_supervisor", "administrator"])
def test_others_may_not(client: HttpClient, people: People, role: str) -> None:
    _at_s11(people, people.unit, 1)
    client.force_login(getattr(people, role))
    assert client.get(_url()).status_code == 403
    assert client.post(_url(), {"purpose": "Uteliaisuus"}).status_code == 403
    assert not AuditEvent.objects.filter(what=MetricsRead.CLIENTS).exists()


def test_only_the_manager_role_has_the_capability(people: People) -> None:
    assert has_capability(people.manager, Capability.VIEW_METRICS_CLIENTS)
    for role in ("worker", "decision_maker", "place_supervisor", "administrator", "client"):
        assert not has_capability(getattr(people, role), Capability.VIEW_METRICS_CLIENTS)


def test_refusals_without_a_purpose_or_for_a_figure_without_clients(
    client: HttpClient, people: People
) -> None:
    _at_s11(people, people.unit, 1)
    client.force_login(people.manager)
    response = client.post(_url(), {"purpose": "   "})
    assert response.status_code == 400
    assert response.context["form"].errors["purpose"]
    assert "found" not in response.context
    assert client.get(_url("lead", "s11")).status_code == 404
    assert client.get(_url("stages", "s99")).status_code == 404
    assert client.get(_url(query="starts_on=1.6.2026&ends_on=1.1.2026")).status_code == 404
    assert not AuditEvent.objects.filter(what=MetricsRead.CLIENTS).exists()


def test_destinations_list_the_ended_clients(client: HttpClient, people: People) -> None:
    rels = _at_s11(people, people.unit, 2)
    b.close(rels[0], people.worker, on=D(2026, 5, 4), destination="studies")
    b.close(rels[1], people.worker, on=D(2026, 5, 4), destination="work_trial")
    client.force_login(people.manager)
    response = client.post(_url("destinations", "studies"), {"purpose": "Seuranta"})
    assert [r.client_id for r in response.context["found"].rows] == [rels[0].client_id]


def _queries(client: HttpClient) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.post(_url(), {"purpose": "Seuranta"}).status_code == 200
    return len(queries)


def test_query_count_stays_flat_as_rows_grow(client: HttpClient, people: People) -> None:
    client.force_login(people.manager)
    _at_s11(people, people.unit, 2)
    _queries(client)
    few = _queries(client)
    _at_s11(people, people.unit, 40)
    assert _queries(client) == few
