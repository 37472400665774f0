"""Reports and exports read from a streaming replica (``DATABASE_REPLICA_URL``), by opting in.

A read goes to the replica only inside ``replica_reads()`` (or, for a streamed export, through
``stream_from_replica``), and only when all of these hold:

- a replica is configured: the ``replica`` alias exists (settings read ``DATABASE_REPLICA_URL``);
  without one every read goes to the primary;
- the primary connection is not inside a transaction: a read inside ``transaction.atomic`` must
  see what the same transaction wrote, and a replica is a little behind. Tests that run inside
  a transaction (pytest-django's ordinary ``db``) therefore read the primary too.

Writes always go to the primary (``db_for_write`` names ``default``); the replica connection is
also opened read-only (``default_transaction_read_only``), so a write routed there by mistake is
refused rather than lost. Everything outside the context reads the primary, as before: the
access checks, the page's own records, everything a service reads before it writes.

Use it around the reads of a report that can be a few seconds behind:

    with replica_reads():
        rows = list(month_rows(...))
    audit.record_disclosure_many(...)  # a write: the primary

    return StreamingHttpResponse(stream_from_replica(xlsx_chunks(...)))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_wanted: ContextVar[bool] = ContextVar("polku_replica_reads", default=False)

T = TypeVar("T")


def replica_configured() -> bool:
    return REPLICA in connections.settings


def read_alias() -> str:
    """Where a read made now would go: ``replica`` inside ``replica_reads()`` when a replica is
    configured and the primary is not in a transaction, else ``default``."""
    if not _wanted.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


@contextmanager
def replica_reads() -> Iterator[str]:
    """Route the reads made inside the block to the replica (see the module's rules); yields the
    alias reads go to at the start of the block."""
    token = _wanted.set(True)
    try:
        yield read_alias()
    finally:
        _wanted.reset(token)


def stream_from_replica(chunks: Iterable[T]) -> Iterator[T]:
    """Produce a streamed response's chunks with their reads on the replica.

    A ``StreamingHttpResponse`` runs its generator after the view has returned, outside any
    ``with`` block of the view, so each step of the generator enters the context itself."""
    iterator = iter(chunks)
    while True:
        with replica_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


class ReplicaRouter:
    """``DATABASE_ROUTERS``: reads opted in by ``replica_reads()`` go to the replica; writes and
    migrations only ever to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        alias = read_alias()
        return alias if alias == REPLICA else None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database: the replica is a copy of the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA
