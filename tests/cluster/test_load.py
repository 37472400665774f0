"""The short load test (tests/load/): workers and place supervisors against gunicorn's worker
processes on PostgreSQL. A steady run passes only with no error at all; a second run stops
PostgreSQL for two seconds in its middle: what is asked meanwhile gets the clean 503 page, the
service answers normally again by itself, and every write answered with success is in the
database. `make loadtest` runs the long one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.load.run import (
    database_url,
    problems,
    restart_primary,
    run_load,
    serving,
)
from tests.load.seed import secret_key, seed

# serialized_rollback: the rows the migrations seed (statutory values) come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_short_load_test_loses_nothing_across_a_database_restart(tmp_path: Path) -> None:
    steady_plan, restart_plan = seed(2, clients=2, periods=1)
    options = {"database": database_url(), "secret_key": secret_key(), "workers": 2}
    with serving(log=tmp_path / "gunicorn.log", **options) as server:
        steady = run_load(host=server.url, plan=steady_plan, seconds=8, workdir=tmp_path)
        assert problems(steady, disturbed=False) == [], steady.table("steady")
        assert steady.of("ok")

        restarted = run_load(
            host=server.url,
            plan=restart_plan,
            seconds=14,
            workdir=tmp_path,
            disturb=restart_primary,
            disturb_after=5,
        )
        table = restarted.table("PostgreSQL restarted")
        assert problems(restarted, disturbed=True) == [], table
        # The outage was seen, and each answer during it was the clean page (an answer that was
        # neither normal nor the clean page would be an error above).
        assert restarted.outages, table
        log = server.log_text()
    assert "?" not in "".join(line for line in log.splitlines() if '"GET ' in line)
