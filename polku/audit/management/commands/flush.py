"""Django's ``flush``, allowed to empty the audit table on SQLite (polku/audit/database.py).

Flushing removes every row of every table: the owner's operation, like PostgreSQL's TRUNCATE,
which the trigger there does not cover either. The test suite's transactional tests use it.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS

from polku.audit.database import deletion_allowed


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with deletion_allowed(options.get("database") or DEFAULT_DB_ALIAS):
            super().handle(**options)
