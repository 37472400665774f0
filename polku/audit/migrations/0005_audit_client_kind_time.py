"""The index on (client, kind, time) replaces the one on client_id alone
(docs/decisions/0014-audit-store.md).

The old index is dropped by name, not by altering the field: on SQLite an AlterField rebuilds
the table, and the rebuilt table would lose the append-only triggers of migration 0003.
"""

from typing import Any

from django.db import migrations, models


def _client_id_index(schema_editor: Any, model: Any) -> str | None:
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and info["columns"] == ["client_id"]:
            return str(name)
    return None


def drop_client_id_index(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("audit", "AuditEvent")
    name = _client_id_index(schema_editor, model)
    if name is not None:
        schema_editor.execute(schema_editor._delete_index_sql(model, name))


def create_client_id_index(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("audit", "AuditEvent")
    if _client_id_index(schema_editor, model) is None:
        field = model._meta.get_field("client_id")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_redact_form_passwords"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="client_id",
                    field=models.BigIntegerField(blank=True, null=True, verbose_name="client id"),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_client_id_index, create_client_id_index),
            ],
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["client_id", "kind", "-occurred_at"], name="audit_client_kind_time"
            ),
        ),
    ]
