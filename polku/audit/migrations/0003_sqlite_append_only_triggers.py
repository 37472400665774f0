"""On SQLite, refuse UPDATE and DELETE on the audit table in the database itself.

The counterpart of 0002 (PostgreSQL). UPDATE is always refused. DELETE is refused unless the
connection's function ``polku_audit_delete_allowed()`` returns 1, which happens only inside
``polku.audit.database.deletion_allowed()``: the ``flush`` command (SQLite's flush is
``DELETE FROM``, not TRUNCATE) and the retention job. See docs/subsystems/audit.md.

A later migration that rebuilds ``audit_auditevent`` on SQLite (most ALTERs do) drops these
triggers with the old table and must create them again;
``test_database_refuses_update_and_delete`` fails if it does not.
"""

from django.db import migrations

CREATE = [
    """
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)');
    END
    """,
    """
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    WHEN polku_audit_delete_allowed() = 0
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only (DELETE refused)');
    END
    """,
]

DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forward, backward)]
