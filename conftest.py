"""Fixtures shared by every app's tests and the cross-cutting tests in tests/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.people import People, build_people

# tests/cluster/ needs scripts/test.sh's whole PostgreSQL cluster (a primary, its streaming
# replica, the cluster's directory to restart it): test.sh runs it as a step of its own with
# POLKU_CLUSTER_TESTS=1 (docs/subsystems/testing.md). The ordinary runs leave it out.
collect_ignore = [] if os.environ.get("POLKU_CLUSTER_TESTS") else ["tests/cluster"]

# The stateful test's profile (docs/subsystems/testing.md): no per-example deadline (a step writes
# to the database, and PostgreSQL is slower than SQLite) and no example database (every run
# starts from a fresh search; a red run does not replay stale examples first). "stateful-ci"
# also derandomizes, so every run tries the same examples and takes the same time.
hypothesis_settings.register_profile(
    "stateful", deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile(
    "stateful-ci", hypothesis_settings.get_profile("stateful"), derandomize=True
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a transactional test's flush, the seeded rows go back at once: pytest-django runs
    transactional tests last, but pytest-xdist's worksteal may hand a worker ordinary tests after
    one (docs/subsystems/testing.md), and those need the statutory values."""
    yield
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if os.environ.get("POLKU_CLUSTER_TESTS"):
        return  # tests/cluster/ reloads its data itself (serialized_rollback)
    if nextitem is None:
        # The session's (or the xdist worker's) last test: its teardown has already dropped
        # the test database with the session's fixtures, and no test follows that needs them.
        return
    if (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    ):
        from pytest_django.plugin import blocking_manager_key

        from polku.core.models import StatutoryValue
        from tests.seeds import restore_seeded_rows

        with item.config.stash[blocking_manager_key].unblock():
            # Only after a flush: the seeds are not all idempotent, and a test that kept its
            # data (tests/cluster/ on the real database) still has them.
            if not StatutoryValue.objects.exists():
                restore_seeded_rows()


@pytest.fixture(autouse=True)
def _finnish_by_default(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "fi"
    with translation.override("fi"):
        yield


@pytest.fixture(autouse=True)
def _unique_client_names() -> None:
    from tests.factories import FAKE, ISSUED

    FAKE.unique.clear()
    ISSUED.clear()


@pytest.fixture(autouse=True)
def _second_factor_in_force_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second factor stays on in tests: ``client.force_login(user)`` also passes it for
    staff with a real confirmed TOTP device (tests/second_factor.py). Use
    ``tests.second_factor.password_only_login`` to test what happens before the code."""
    from django.test import Client

    from tests.second_factor import verified_force_login

    monkeypatch.setattr(Client, "force_login", verified_force_login)


@pytest.fixture
def people(db: None) -> People:
    """A deployment with a user for every role (see tests/people.py)."""
    return build_people()
