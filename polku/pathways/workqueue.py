"""Tänään, the worker's work queue: derived from the data on every request, never stored.

A registry of providers. Each answers one question with one query and returns
:class:`WorkItem` rows; each app registers its own from its ``AppConfig.ready()`` with
:func:`register` (``pathways`` its S1–S7 items from ``pathways.workitems``; later apps their
attendance not recorded, evaluations due, …), so ``pathways`` never imports them. The page's
query count is constant in the number of clients.

Providers that ask about the same rows (an app's several items about the viewer's periods, or
plan drafts, or booked meetings) read them once per page through :func:`shared` and filter them
in Python: one query for the app's rows instead of one per item (docs/performance.md, "The
work queue on PostgreSQL").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from polku.accounts.models import User
from polku.audit import services as audit
from polku.core import clock
from polku.pathways.events import PathwayRead


@dataclass(frozen=True)
class WorkItem:
    kind: str
    label: str
    client_id: int | None  # None for an item about several clients (shown without names)
    client_name: str
    url: str
    due: dt.date | None = None
    # The viewer's basis for the client, logged with the read (the decision maker's items are
    # theirs as the decision maker, not as the responsible worker).
    basis: str = "responsible_worker"
    # A short note shown beside the item, e.g. that the client asked to be contacted during
    # absences (the attendance app's alerts).
    mark: str = ""

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < clock.today()


Provider = Callable[[User, dt.date], list[WorkItem]]
_PROVIDERS: list[Provider] = []
T = TypeVar("T")
# The reads shared by the providers of one ``work_queue`` call (None outside one).
_SHARED: ContextVar[dict[Hashable, Any] | None] = ContextVar("workqueue_shared", default=None)


def shared(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``, made once per work queue for every provider that asks with the same ``key``
    (name the viewer and the day in it); outside :func:`work_queue` (a provider called alone)
    it is made each time."""
    memo = _SHARED.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def register(*providers: Provider) -> None:
    """Register work-queue providers (from an app's ``AppConfig.ready()``); once each."""
    for function in providers:
        if function not in _PROVIDERS:
            _PROVIDERS.append(function)


def providers() -> tuple[Provider, ...]:
    return tuple(_PROVIDERS)


def work_queue(*, viewer: User) -> list[WorkItem]:
    """Every item for the viewer, overdue first, then by due date; the reads are logged."""
    today = clock.today()
    token = _SHARED.set({})
    try:
        items = [item for function in _PROVIDERS for item in function(viewer, today)]
    finally:
        _SHARED.reset(token)
    items.sort(key=lambda i: (not i.overdue, i.due or dt.date.max, i.client_name))
    for basis in sorted({i.basis for i in items if i.client_id is not None}):
        audit.record_access_many(
            actor=viewer,
            client_ids=[i.client_id for i in items if i.client_id is not None and i.basis == basis],
            what=PathwayRead.WORK_QUEUE,
            basis=basis,
        )
    return items
