"""The Python heap of a serving process: what it loaded to start is set aside from the garbage
collector (docs/performance.md, "Work queue and long-history client, 3 December (afternoon)").

A Polku process holds about 200,000 objects once Django, the apps, the URLs, the templates and
the translations are loaded; they live as long as the process. CPython's full collection walks
every one of them each time enough objects have outlived two younger collections, which a page
that builds many rows reaches every dozen requests or so: at county size that full collection
took about 100 ms and landed in one request in fifteen, so it *was* the work queue's p95.
``gc.freeze()`` moves the objects alive at that moment to a permanent generation the collector
no longer walks; the collections that remain look at what requests made (a few milliseconds).
Nothing is lost: a frozen object that later becomes garbage is only never freed, and what is
frozen here is what the process keeps anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from typing import Any


def settle() -> None:
    """Collect what is garbage now, then freeze everything still alive."""
    gc.collect()
    gc.freeze()


class SettleAfterFirstRequest:
    """A WSGI application that settles the heap once more after its first request: Django
    loads the URL patterns, the first templates and a language's translations only when a
    request needs them. ``config/wsgi.py`` settles once when the application is loaded and
    wraps it in this; the benchmark does the same (``polku.demo.bench.harness``)."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self.application = application
        self.settled = False

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        try:
            return self.application(environ, start_response)
        finally:
            if not self.settled:
                self.settled = True
                settle()
