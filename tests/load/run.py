"""The load test's harness: gunicorn on PostgreSQL, locust against it, the outcome checked.

``run_load`` drives one run: locust's simulated workers and place supervisors (locustfile.py)
against a multi-process server for a bounded time, optionally with something done in the middle
(``restart_primary``: PostgreSQL stopped for a moment and started again). ``LoadResult`` holds
throughput, latency percentiles, errors, outages and the writes answered with success;
``missing_writes`` looks each of those up in the database.

`make loadtest` runs ``main`` (scripts/loadtest.sh gives it a throwaway cluster); the short run
in `make test` is tests/cluster/test_load.py. docs/performance.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
# After the database is back, the service must answer normally again within this many seconds.
RECOVERY_LIMIT_SECONDS = 5.0


def database_url() -> str:
    """DATABASE_URL with the database this process uses (for the tests: the test database), for
    the servers to share."""
    from django.db import connections

    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path=f"/{connections['default'].settings_dict['NAME']}"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One gunicorn master with its worker processes, on a loopback port."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def server_environment(*, database: str, secret_key: str) -> dict[str, str]:
    """Production settings (config.settings.base): the second factor on, no replica, the
    static files from the apps' folders (no collectstatic needed for a test)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "POLKU_"))
    }
    return environment | {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database,
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "POLKU_STAFF_OTP_REQUIRED": "true",
        "POLKU_LOG_LEVEL": "INFO",
    }


def start_server(
    *, database: str, secret_key: str, workers: int, log: Path, port: int | None = None
) -> Server:
    port = port or free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=server_environment(database=database, secret_key=secret_key),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port, log)
    try:
        wait_healthy(server)
    except BaseException:
        stop_server(server)  # never leave a server behind a failed start
        raise
    return server


def wait_healthy(server: Server, timeout: float = 60) -> None:
    """Until the health check answers 200 (the server is up and reaches the database)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{server.log_text()[-3000:]}")
        try:
            with urlopen(f"{server.url}/terveys/", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not become healthy:\n{server.log_text()[-3000:]}")


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@contextmanager
def serving(**options: Any) -> Iterator[Server]:
    server = start_server(**options)
    try:
        yield server
    finally:
        stop_server(server)


def restart_primary(down_seconds: float = 2.0) -> None:
    """Stop the cluster's primary (fast shutdown: sessions cut), keep it down, start it again;
    returns when it accepts connections (scripts/pg_cluster.sh)."""
    subprocess.run(
        [
            "bash",
            str(ROOT / "scripts" / "pg_cluster.sh"),
            "restart",
            os.environ["POLKU_PG_CLUSTER"],
            str(down_seconds),
        ],
        check=True,
    )


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class LoadResult:
    seconds: float
    users: int
    requests: list[dict[str, Any]]
    writes: list[dict[str, Any]]
    disturbance: tuple[float, float] | None = None  # when the restart began and ended
    locust_output: str = ""
    by_name: dict[str, dict[str, float]] = field(default_factory=dict)

    def of(self, outcome: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["outcome"] == outcome]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.of("error")

    @property
    def outages(self) -> list[dict[str, Any]]:
        return self.of("outage")

    @property
    def throughput(self) -> float:
        return len(self.requests) / self.seconds if self.seconds else 0.0

    def latency(self, requests: list[dict[str, Any]] | None = None) -> dict[str, float]:
        times = [r["ms"] for r in (self.of("ok") if requests is None else requests)]
        return {
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "max": max(times, default=0.0),
        }

    def pages(self) -> list[dict[str, Any]]:
        return [r for r in self.of("ok") if not r["name"].startswith("login")]

    def recovery_seconds(self) -> float:
        """From the database being back to the last answer that was not normal (0 when the
        service answered normally as soon as the database was back)."""
        if self.disturbance is None:
            return 0.0
        back = self.disturbance[1]
        ends = [r["t"] + r["ms"] / 1000 for r in self.requests if r["outcome"] != "ok"]
        return max([end - back for end in ends] + [0.0])

    def ok_after_disturbance(self) -> int:
        if self.disturbance is None:
            return len(self.of("ok"))
        return sum(1 for r in self.of("ok") if r["t"] > self.disturbance[1])

    def summary(self) -> dict[str, Any]:
        names = sorted({r["name"] for r in self.requests})
        return {
            "seconds": round(self.seconds, 1),
            "users": self.users,
            "requests": len(self.requests),
            "throughput_per_second": round(self.throughput, 1),
            "errors": len(self.errors),
            "outage_answers": len(self.outages),
            "writes_answered_with_success": len(self.writes),
            "recovery_seconds": round(self.recovery_seconds(), 2),
            # The pages' latency after logging in (a login's PBKDF2 hashing is deliberately slow).
            "latency_ms": {k: round(v, 1) for k, v in self.latency(self.pages()).items()},
            "by_page": {
                name: {"requests": len(rows)}
                | {k: round(v, 1) for k, v in self.latency(rows).items()}
                for name in names
                if (
                    rows := [r for r in self.requests if r["name"] == name and r["outcome"] == "ok"]
                )
            },
        }

    def table(self, title: str) -> str:
        data = self.summary()
        lines = [
            f"{title}: {data['requests']} requests in {data['seconds']} s by {self.users} users, "
            f"{data['throughput_per_second']}/s; errors {data['errors']}, "
            f"503 during the outage {data['outage_answers']}, writes {data['writes_answered_with_success']}, "
            f"recovery {data['recovery_seconds']} s",
            f"{'page':<18}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}",
        ]
        rows = {**data["by_page"], "pages": {"requests": len(self.pages()), **data["latency_ms"]}}
        for name, row in rows.items():
            lines.append(
                f"{name:<18}{row['requests']:>6}{row['p50']:>9}{row['p95']:>9}{row['p99']:>9}{row['max']:>9}"
            )
        return "\n".join(lines)


def run_load(
    *,
    host: str,
    plan: Any,
    seconds: int,
    workdir: Path,
    disturb: Callable[[], None] | None = None,
    disturb_after: float = 0.0,
) -> LoadResult:
    """One locust run of ``seconds``, a user for each of the plan's accounts; with ``disturb``
    called ``disturb_after`` seconds in."""
    users = len(plan.accounts)
    plan_file = plan.write(workdir / "plan.json")
    events_file = workdir / f"events-{time.time_ns()}.jsonl"
    environment = os.environ | {
        "POLKU_LOAD_PLAN": str(plan_file),
        "POLKU_LOAD_EVENTS": str(events_file),
        "PYTHONPATH": str(ROOT),
    }
    started = time.time()
    locust = subprocess.Popen(
        [
            str(BIN / "locust"),
            "--locustfile",
            str(ROOT / "tests" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            host,
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=workdir,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    disturbance = None
    if disturb is not None:
        time.sleep(disturb_after)
        began = time.time()
        disturb()
        disturbance = (began, time.time())
    output, _ = locust.communicate(timeout=seconds + 120)
    elapsed = time.time() - started
    if locust.returncode != 0:
        raise RuntimeError(f"locust failed ({locust.returncode}):\n{output[-3000:]}")
    events = [json.loads(line) for line in events_file.read_text(encoding="utf-8").splitlines()]
    return LoadResult(
        seconds=elapsed,
        users=users,
        requests=[e for e in events if "outcome" in e],
        writes=[e for e in events if "write" in e],
        disturbance=disturbance,
        locust_output=output,
    )


def missing_writes(result: LoadResult) -> list[dict[str, Any]]:
    """The writes answered with success that the database does not hold."""
    from django.db import connections

    from polku.attendance.models import AttendanceDay
    from polku.clients.models import ContactLog
    from polku.core import clock

    connections.close_all()  # the primary may have restarted under this process's connection
    contacts = [w["key"] for w in result.writes if w["write"] == "contact"]
    days = [w["key"] for w in result.writes if w["write"] == "attendance"]
    found_contacts = {
        str(key)
        for key in ContactLog.objects.filter(submission__in=contacts).values_list(
            "submission", flat=True
        )
    }
    found_days = set(
        AttendanceDay.objects.filter(
            period_id__in=days, day=clock.today(), status="present"
        ).values_list("period_id", flat=True)
    )
    return [
        w
        for w in result.writes
        if (w["write"] == "contact" and w["key"] not in found_contacts)
        or (w["write"] == "attendance" and w["key"] not in found_days)
    ]


def problems(result: LoadResult, *, disturbed: bool) -> list[str]:
    """What makes a run fail: any error; without a disturbance any outage answer; with one, an
    outage answer outside it or a recovery slower than the limit; a write lost."""
    found = [f"{len(result.errors)} errors, first: {result.errors[:3]}"] if result.errors else []
    if not disturbed and result.outages:
        found.append(f"{len(result.outages)} 503 answers without a disturbance")
    if disturbed:
        if result.recovery_seconds() > RECOVERY_LIMIT_SECONDS:
            found.append(f"recovery took {result.recovery_seconds():.1f} s")
        if result.ok_after_disturbance() == 0:
            found.append("no normal answer after the database was back")
    lost = missing_writes(result)
    if lost:
        found.append(
            f"{len(lost)} writes answered with success are not in the database: {lost[:3]}"
        )
    if not result.writes:
        found.append("no write was answered with success")
    return found


def main() -> int:  # pragma: no cover - `make loadtest`
    parser = argparse.ArgumentParser(description="Polku's load test (`make loadtest`).")
    parser.add_argument("--seconds", type=int, default=60, help="length of each of the two runs")
    parser.add_argument(
        "--teams", type=int, default=4, help="teams (a worker, a supervisor) per run"
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--output", type=Path, default=ROOT / "var" / "loadtest.json")
    options = parser.parse_args()

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.core.management import call_command

    from tests.load.seed import merge, secret_key, seed

    call_command("migrate", verbosity=0)
    began = time.time()
    plans = seed(2 * options.teams)
    print(f"seeded {2 * options.teams} teams in {time.time() - began:.1f} s")
    steady, restarted = merge(plans[: options.teams]), merge(plans[options.teams :])
    failed: list[str] = []
    results = {}
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        options_server = {
            "database": database_url(),
            "secret_key": secret_key(),
            "workers": options.workers,
            "log": workdir / "gunicorn.log",
        }
        with serving(**options_server) as server:
            for title, plan, disturb in (
                ("steady", steady, None),
                ("PostgreSQL restarted", restarted, restart_primary),
            ):
                result = run_load(
                    host=server.url,
                    plan=plan,
                    seconds=options.seconds,
                    workdir=workdir,
                    disturb=disturb,
                    disturb_after=options.seconds / 3,
                )
                print(result.table(title))
                found = problems(result, disturbed=disturb is not None)
                failed += [f"{title}: {problem}" for problem in found]
                results[title] = result.summary() | {"problems": found}
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"results: {options.output}")
    for problem in failed:
        print(f"FAILED {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
