"""tests/cluster/ needs the whole throwaway cluster of scripts/test.sh: a PostgreSQL primary,
its streaming replica (DATABASE_REPLICA_URL) and the cluster's directory (POLKU_PG_CLUSTER) to
restart the primary. `make test` runs it after the suite (POLKU_CLUSTER_TESTS=1: the root conftest.py leaves the
folder out otherwise); by hand: `bash scripts/test.sh --postgres`. Without the cluster these
tests fail (they are not skipped)."""

from __future__ import annotations

import os

import pytest

NEEDED = ("DATABASE_URL", "DATABASE_REPLICA_URL", "POLKU_PG_CLUSTER")


@pytest.fixture(autouse=True)
def _the_cluster() -> None:
    missing = [name for name in NEEDED if not os.environ.get(name)]
    if missing:
        pytest.fail(
            f"tests/cluster needs scripts/test.sh's cluster; missing {', '.join(missing)} "
            "(run `bash scripts/test.sh --postgres`)"
        )
