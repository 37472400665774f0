"""The audit table's append-only rule in the database, and the one way past it on SQLite.

PostgreSQL: a trigger refuses UPDATE and DELETE (migration 0002); TRUNCATE, which the test
suite's flush uses, is left to the table owner. SQLite: triggers refuse UPDATE always and DELETE
unless the connection's SQL function ``polku_audit_delete_allowed()`` returns 1 (migration 0003).
Polku registers that function on every SQLite connection; it returns 1 only inside
:func:`deletion_allowed`, which the ``flush`` command (SQLite's flush is ``DELETE FROM``) and,
later, the retention job use. A connection without the function (the ``sqlite3`` shell, another
program) cannot delete either: the trigger fails with "no such function".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

FLAG = "_polku_audit_delete_allowed"
FUNCTION = "polku_audit_delete_allowed"


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: give a new SQLite connection the trigger's function."""
    if connection.vendor != "sqlite":
        return

    def delete_allowed() -> int:
        return 1 if getattr(connection, FLAG, False) else 0

    connection.connection.create_function(FUNCTION, 0, delete_allowed)


@contextmanager
def deletion_allowed(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Let this connection delete audit rows on SQLite (flush, retention); nothing else may.

    On PostgreSQL this changes nothing: there the table owner truncates or disables the trigger.
    """
    connection = connections[using]
    previous = getattr(connection, FLAG, False)
    setattr(connection, FLAG, True)
    try:
        yield
    finally:
        setattr(connection, FLAG, previous)
