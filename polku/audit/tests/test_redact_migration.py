"""Migration 0004 removes plain-text passwords that the configuration site once logged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError

from polku.audit.models import AuditEvent, EventKind
from polku.core import clock

BEFORE = [("audit", "0003_sqlite_append_only_triggers")]
AFTER = [("audit", "0004_redact_form_passwords")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_old_user_add_events_lose_the_password_and_keep_the_rest() -> None:
    migrate(BEFORE)
    try:
        leaked = AuditEvent.objects.create(
            kind=EventKind.CHANGE,
            occurred_at=clock.now(),
            actor_name="admin",
            record_type="accounts.User",
            record_id="7",
            what="configuration",
            changes={
                "username": [None, "uusi.kayttaja"],
                "password1": [None, "Salasana-123"],
                "password2": [None, "Salasana-123"],
            },
        )
        other = AuditEvent.objects.create(
            kind=EventKind.CHANGE,
            occurred_at=clock.now(),
            what="configuration",
            changes={"name": ["a", "b"]},
        )
    finally:
        migrate(AFTER)

    assert AuditEvent.objects.get(pk=leaked.pk).changes == {
        "username": [None, "uusi.kayttaja"],
        "password": [None, "(set)"],
    }
    assert AuditEvent.objects.get(pk=other.pk).changes == {"name": ["a", "b"]}
    assert "Salasana-123" not in str(list(AuditEvent.objects.values_list("changes", flat=True)))
    # The append-only rule is back in force after the migration.
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET what = 'x' WHERE id = %s", [other.pk])
