"""Migration 0002 adds one concluding follow-up call per end: a call recorded twice under 0001
is deduplicated first (and the removal audited), two different concluding calls stop the
migration with a message naming the ends and calls, and nothing is changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from polku.audit.models import AuditEvent
from polku.clients.models import ClientRelationship, Stage
from polku.closure.models import FollowUpCall
from polku.core import clock
from tests.factories import ClientFactory
from tests.people import People, build_people

BEFORE = [("closure", "0001_initial")]
AFTER = [("closure", "0002_follow_up_call_attempts")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _old_calls(people: People, *needs_and_notes: tuple[str, str]) -> tuple[int, list[int]]:
    """An end under 0001 with one "reached" call per (need, note), all on one day."""
    # Rows made directly: a transactional test starts from an empty database (no statutory
    # values for the services), and only the end's row matters here.
    ended_on = clock.today() - dt.timedelta(days=40)
    relationship = ClientRelationship.objects.create(
        client=ClientFactory.create(),
        unit=people.unit,
        started_on=clock.today() - dt.timedelta(days=200),
        source="self",
        reason="Testi",
        received_by=people.worker,
        responsible_worker=people.worker,
        stage=Stage.S14_CLOSED,
        ended_on=ended_on,
    )
    # The end is written at 0001 through 0001's model: later migrations add columns (the
    # network's links, closure 0003) that the database at 0001 does not have.
    migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE[0]).apps
    end_id = (
        old.get_model("closure", "RelationshipEnd")
        .objects.create(
            relationship_id=relationship.pk,
            ended_on=ended_on,
            destination="studies",
            no_further_need=True,
            recorded_by_id=people.worker.pk,
        )
        .pk
    )
    old_call = old.get_model("closure", "FollowUpCall")
    calls = [
        old_call.objects.create(
            end_id=end_id,
            called_on=clock.today(),
            outcome="reached",
            need=need,
            note=note,
            recorded_by_id=people.worker.pk,
        ).pk
        for need, note in needs_and_notes
    ]
    return end_id, calls


@pytest.mark.django_db(transaction=True)
def test_a_call_recorded_twice_is_kept_once_and_the_removal_audited() -> None:
    people = build_people()
    try:
        end_id, (first, second) = _old_calls(
            people, ("no_need", "Opinnot alkaneet."), ("no_need", "Opinnot alkaneet.")
        )
        migrate(AFTER)
    finally:
        latest()
    assert list(FollowUpCall.objects.filter(end_id=end_id).values_list("pk", flat=True)) == [first]
    event = AuditEvent.objects.get(record_type="closure.FollowUpCall", record_id=str(second))
    assert event.changes == {"removed": [f"a repeat of call {first}", None]}


@pytest.mark.django_db(transaction=True)
def test_two_different_concluding_calls_stop_the_migration_with_a_clear_message() -> None:
    people = build_people()
    end_id, calls = _old_calls(people, ("no_need", "Ei tarvetta."), ("reopen", "Tarvitsee tukea."))
    try:
        with pytest.raises(RuntimeError) as error:
            migrate(AFTER)
        message = str(error.value)
        assert f"end {end_id}: calls {calls[0]}, {calls[1]}" in message
        assert "run migrate again" in message
        assert "Tarvitsee" not in message  # ids only: no client data
        assert people.worker.username not in message
        # Nothing was changed: both calls are still there; the worker decides which is right.
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM closure_followupcall WHERE end_id = %s", [end_id])
            assert cursor.fetchone()[0] == 2
            cursor.execute("DELETE FROM closure_followupcall WHERE id = %s", [calls[1]])
        migrate(AFTER)  # corrected: it goes through
    finally:
        latest()
    assert FollowUpCall.objects.filter(end_id=end_id).count() == 1
