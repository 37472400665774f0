"""Remove passwords that the configuration site once wrote into change events.

Before the administration changes were audited field by field, adding a user on the
configuration site stored the add form's ``password1`` and ``password2`` (the new password in
plain text) in the event's ``changes``. This migration replaces them with the marker the site
writes today, ``"password": [null, "(set)"]``, and leaves every other field of the event as it
was. It is the one sanctioned update of audit rows: the append-only trigger is lifted for this
statement only, inside the migration's transaction, and put back before it commits.
"""

from django.db import migrations

SECRET_FIELDS = ("password1", "password2")

SQLITE_NO_UPDATE = """
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only (UPDATE refused)');
END
"""


def redact(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    rows = []
    for event in AuditEvent.objects.all().only("pk", "changes").iterator():
        changes = event.changes
        if not isinstance(changes, dict) or not any(key in changes for key in SECRET_FIELDS):
            continue
        cleaned = {key: value for key, value in changes.items() if key not in SECRET_FIELDS}
        cleaned["password"] = [None, "(set)"]
        rows.append((event.pk, cleaned))
    if not rows:
        return
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only", params=None
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update", params=None)
    for pk, cleaned in rows:
        AuditEvent.objects.filter(pk=pk).update(changes=cleaned)
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only", params=None
        )
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_NO_UPDATE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_sqlite_append_only_triggers")]
    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
