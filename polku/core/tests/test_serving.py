"""Serving: the health check, the page for a database that cannot be reached, the replica's
routing rules and the access log's format. The real servers, the real replica and the load test
are in tests/cluster/ (PostgreSQL, run by scripts/test.sh)."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from polku.core import replica
from polku.core.replica import REPLICA, ReplicaRouter, read_alias, replica_reads
from polku.core.views import server_error
from tests.people import People

ROOT = Path(__file__).resolve().parents[3]


def test_the_health_check_answers_anonymously_without_a_session(db: None, client: Client) -> None:
    answer = client.get(reverse("core:health"))
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok"}
    assert "sessionid" not in answer.cookies
    assert "no-cache" in answer["Cache-Control"]


def test_the_health_check_says_503_when_the_database_is_down(db: None, client: Client) -> None:
    with mock.patch.object(
        connections[DEFAULT_DB_ALIAS], "cursor", side_effect=OperationalError("down")
    ):
        answer = client.get(reverse("core:health"))
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "database": "unavailable"}


def test_a_database_that_cannot_be_reached_gives_the_clean_503_page(
    people: People, client: Client
) -> None:
    client.force_login(people.worker)
    client.raise_request_exception = False
    with mock.patch(
        "polku.clients.views.clients.selectors.caseload_page",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        answer = client.get(reverse("clients:caseload"))
    assert answer.status_code == 503
    assert answer["Retry-After"] == "5"
    text = answer.content.decode()
    assert "Polku ei ole hetkeen käytettävissä" in text
    assert "server closed" not in text
    assert "Traceback" not in text


def test_any_other_error_keeps_the_500_page() -> None:
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        answer = server_error(request)
    assert answer.status_code == 500
    assert "Jokin meni vikaan" in answer.content.decode()
    assert "a bug" not in answer.content.decode()


def test_without_a_replica_every_read_goes_to_the_primary() -> None:
    assert REPLICA not in connections.settings
    with replica_reads() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert ReplicaRouter().db_for_read(object) is None


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


@pytest.mark.usefixtures("configured")
def test_with_a_replica_only_opted_in_reads_outside_a_transaction_go_to_it() -> None:
    router = ReplicaRouter()
    assert read_alias() == DEFAULT_DB_ALIAS
    with replica_reads() as alias:
        assert alias == REPLICA
        assert router.db_for_read(object) == REPLICA
        assert router.db_for_write(object) == DEFAULT_DB_ALIAS
    assert router.db_for_read(object) is None
    assert router.allow_migrate(REPLICA, "clients") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "clients") is True


@pytest.mark.usefixtures("configured")
def test_a_read_inside_a_transaction_stays_on_the_primary(db: None) -> None:
    with transaction.atomic(), replica_reads() as alias:
        assert alias == DEFAULT_DB_ALIAS


@pytest.mark.usefixtures("configured")
def test_a_streamed_export_reads_each_chunk_from_the_replica() -> None:
    def chunks() -> Iterator[str]:
        for _ in range(3):
            yield read_alias()

    streamed = replica.stream_from_replica(chunks())
    assert read_alias() == DEFAULT_DB_ALIAS
    assert list(streamed) == [REPLICA] * 3
    assert read_alias() == DEFAULT_DB_ALIAS


def test_the_access_log_carries_no_client_data() -> None:
    config: dict[str, Any] = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    line_format = config["access_log_format"]
    # Not the request line with its query string (%(r)s, %(q)s), the address (%(h)s), the
    # referrer (%(f)s), the browser (%(a)s) nor any header or cookie.
    for atom in ("%(r)s", "%(q)s", "%(h)s", "%(f)s", "%(a)s", "%({"):
        assert atom not in line_format
    assert "%(U)s" in line_format
    assert config["worker_class"] == "sync"


def test_settling_the_heap_freezes_what_is_alive() -> None:
    import gc

    from polku.core import heap

    gc.unfreeze()
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_served_application_settles_the_heap_once_after_its_first_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from polku.core import heap

    settled: list[int] = []
    monkeypatch.setattr(heap, "settle", lambda: settled.append(1))
    answered: list[dict[str, Any]] = []

    def inner(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        answered.append(environ)
        return [b"ok"]

    application = heap.SettleAfterFirstRequest(inner)
    assert application({"n": 1}, print) == [b"ok"]
    assert settled == [1]
    assert application({"n": 2}, print) == [b"ok"]
    assert settled == [1]
    assert answered == [{"n": 1}, {"n": 2}]


def test_the_wsgi_module_settles_the_loaded_application(monkeypatch: pytest.MonkeyPatch) -> None:
    from polku.core import heap

    settled: list[int] = []
    monkeypatch.setattr(heap, "settle", lambda: settled.append(1))
    module = runpy.run_path(str(ROOT / "config" / "wsgi.py"))
    assert settled == [1]
    assert isinstance(module["application"], heap.SettleAfterFirstRequest)
