"""Query-count helpers for list pages: the count must not grow with the rows (STYLE.md §10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def count_queries(client: Client, url: str, data: dict[str, Any] | None = None) -> int:
    """Queries of one GET, after a warm-up request (sessions and caches settle first)."""
    client.get(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200, url
    return len(captured)


def assert_flat_queries(
    client: Client, url: str, *, grow: Callable[[], None], data: dict[str, Any] | None = None
) -> None:
    """The page makes as many queries after ``grow()`` added rows as before it."""
    before = count_queries(client, url, data)
    grow()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200, url
    listing = "\n".join(query["sql"][:160] for query in captured.captured_queries)
    assert len(captured) == before, f"{url}: {before} queries grew to {len(captured)}\n{listing}"
