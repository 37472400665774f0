"""The demo built once per test module (``demo``), as Django's ``setUpTestData`` builds a
class's data once: inside a transaction that is rolled back after the module's last test, each
test in its own savepoint within it (pytest-django's ``db`` fixture), so a test's writes are
undone before the next and every test reads the same demo. Building it takes seconds; a module
of twenty tests that each built it was a minute and a half of the suite on each database.

A module that uses it must hold only tests that read the demo as built today: a test that
builds the demo itself (on another day, with other settings, twice) goes in a module of its own
(``test_demo_fresh.py``), since the module's demo is there for every test of the module."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connections, transaction


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[str]:
    """The output of ``manage.py demo_data`` run once for the module."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("demo_data", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connections["default"].close_if_unusable_or_obsolete()
