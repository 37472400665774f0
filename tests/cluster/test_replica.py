"""Reports read from the streaming replica; writes go to the primary (polku/core/replica.py).

The replica is a real hot standby of scripts/test.sh's cluster (pg_basebackup -R over
loopback); the test database created on the primary reaches it by replication."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.db import DatabaseError, connections
from django.test.utils import CaptureQueriesContext

from polku.clients import services
from polku.clients.models import Client, ContactLog
from polku.core import clock
from polku.core.replica import REPLICA, replica_reads, stream_from_replica
from tests.people import build_people

# serialized_rollback: the rows the migrations seed (statutory values) come back after each flush.
pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", REPLICA]
)


def one(alias: str, sql: str, params: list[str] | None = None) -> object:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def wait_for_replica(timeout: float = 10) -> None:
    """Until the replica has replayed everything the primary has written so far (the insert
    position: with synchronous_commit off a commit may not be flushed, nor sent, yet)."""
    lsn = str(one("default", "SELECT pg_current_wal_insert_lsn()::text"))
    deadline = time.monotonic() + timeout
    while not one(REPLICA, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def test_the_replica_is_a_streaming_standby_of_the_primary() -> None:
    assert one("default", "SELECT pg_is_in_recovery()") is False
    assert one(REPLICA, "SELECT pg_is_in_recovery()") is True
    assert one("default", "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == 1
    assert one(REPLICA, "SELECT current_database()") == one("default", "SELECT current_database()")


def test_a_report_reads_from_the_replica_while_writes_go_to_the_primary() -> None:
    people = build_people()
    wait_for_replica()
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        with replica_reads() as alias:
            assert alias == REPLICA
            report = list(Client.objects.filter(pk=people.client_record.pk))  # the report's read
            # A write inside the block goes to the primary, and so do the service's own reads:
            # they are inside its transaction.
            services.contact_log(
                actor=people.worker,
                relationship=people.relationship,
                kind="phone",
                contacted_on=clock.today(),
                outcome="reached",
            )
        after = list(Client.objects.filter(pk=people.client_record.pk))  # outside: the primary

    assert [client.pk for client in report] == [people.client_record.pk]
    assert report[0]._state.db == REPLICA
    assert after[0]._state.db == "default"
    replica_sql = [query["sql"] for query in on_replica.captured_queries]
    primary_sql = [query["sql"] for query in on_primary.captured_queries]
    assert len(replica_sql) == 1
    assert replica_sql[0].startswith("SELECT")
    assert "clients_client" in replica_sql[0]
    assert any(sql.startswith("INSERT") and "clients_contactlog" in sql for sql in primary_sql)
    assert not any(sql.startswith(("INSERT", "UPDATE", "DELETE")) for sql in replica_sql)

    # What the primary wrote reaches the replica; a streamed export reads it there.
    wait_for_replica()

    def chunks() -> Iterator[str]:
        for contact in ContactLog.objects.filter(relationship=people.relationship):
            yield f"{contact.pk};{contact._state.db}\n"

    with CaptureQueriesContext(connections[REPLICA]) as streamed:
        lines = list(stream_from_replica(chunks()))
    assert len(lines) == 1
    assert lines[0].endswith(f";{REPLICA}\n")
    assert len(streamed.captured_queries) == 1


def test_the_replica_refuses_a_write() -> None:
    people = build_people()
    wait_for_replica()
    with pytest.raises(DatabaseError, match="read-only"):
        Client.objects.using(REPLICA).filter(pk=people.client_record.pk).update(first_name="X")


def test_the_month_report_reads_from_the_replica_and_logs_its_reads_on_the_primary() -> None:
    """The attendance month report (polku/attendance/selectors/reports.py): its client months
    come from the replica; the access events naming the clients shown are written on the
    primary."""
    from polku.attendance.reports import Month
    from polku.attendance.selectors import reports
    from polku.attendance.tests.builders import running_period

    people = build_people()
    period = running_period(people)
    wait_for_replica()
    scope = reports.access_place_report(people.place_supervisor, people.place.pk)
    month = Month.of(clock.today())
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        report = reports.month_report(viewer=people.place_supervisor, scope=scope, month=month)

    assert [row.period.pk for row in report.rows] == [period.pk]
    assert report.rows[0].period._state.db == REPLICA
    replica_sql = " ".join(query["sql"] for query in on_replica.captured_queries)
    primary_sql = [query["sql"] for query in on_primary.captured_queries]
    assert "placements_period" in replica_sql
    assert "attendance_attendanceday" in replica_sql
    assert not any("placements_period" in sql for sql in primary_sql)
    assert any(sql.startswith("INSERT") and "audit_" in sql for sql in primary_sql)
