"""The task runner for real: a job enqueued in the database is picked up and run by a
separate `manage.py qcluster` process (django-q2's cluster with the database as its broker,
docs/decisions/0019-task-runner.md), which stores its result; the job's e-mails go to files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django_q.models import Success
from django_q.tasks import async_task

from polku.accounts.models import User
from tests.load.run import database_url, server_environment
from tests.load.seed import seed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[2]


def test_a_job_enqueued_is_run_by_the_cluster_process(tmp_path: Path) -> None:
    ((worker, _),) = (plan.accounts for plan in seed(1, clients=3, periods=0))
    User.objects.filter(username=worker.username).update(email="ohjaaja@example.invalid")
    outbox = tmp_path / "mail"
    outbox.mkdir()
    task_id = async_task("polku.jobs.tasks.daily_notices", task_name="daily notices now")
    environment = server_environment(database=database_url(), secret_key=settings.SECRET_KEY)
    environment |= {
        "EMAIL_URL": f"filemail:///{outbox}",  # the path after the third slash
        "POLKU_JOB_POLL_SECONDS": "0.2",
        "PYTHONUNBUFFERED": "1",
    }
    log = (tmp_path / "qcluster.log").open("wb")
    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        done = None
        while done is None and time.monotonic() < deadline:
            done = Success.objects.filter(id=task_id).first()
            if done is None:
                assert cluster.poll() is None, (tmp_path / "qcluster.log").read_text()
                time.sleep(0.5)
        assert done is not None, (tmp_path / "qcluster.log").read_text()
    finally:
        # The cluster stops its workers on SIGTERM; a loaded machine may need longer.
        os.killpg(cluster.pid, signal.SIGTERM)
        try:
            cluster.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
            cluster.wait(timeout=10)
        log.close()
    assert done.success
    assert done.result["notices"] == done.result["sent"] >= 1
    written = "".join(path.read_text() for path in outbox.iterdir())
    assert written.count("Subject:") == done.result["sent"]
    assert "ohjaaja@example.invalid" in written
