"""The benchmark's measurement: each key page as its logged-in role sees it, through Django's
test client (the whole middleware stack, the session and the second factor; no network), over
``n`` warm requests: p50, p95 and max of the server time, and the query count of one request.

The subjects are found by the generator's fixed names (:mod:`polku.demo.bench.generator`).

The process's heap is settled as a served one's is (``config/wsgi.py``, :mod:`polku.core.heap`):
once when the pages and the logged-in clients are ready, and once after the first request.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.test import Client as HttpClient
from django.test.utils import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from polku.accounts.models import Unit, UnitKind, User
from polku.audit.models import AuditEvent
from polku.clients.models import Client, ClientRelationship
from polku.core import clock, heap
from polku.demo.bench.generator import (
    LONG_HISTORY_CODE,
    MANAGER_USERNAME,
    SUPERVISOR_USERNAME,
    WORKER_USERNAME,
)
from polku.placements.models import Period, PeriodStatus


@dataclass
class Page:
    name: str
    username: str
    url: str
    data: dict[str, str] | None = None
    most: int | None = None  # at most this many timed requests (a long export)


@dataclass
class Result:
    name: str
    url: str
    status: int
    queries: int
    n: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def pages() -> list[Page]:
    """The pages measured, with the user who sees each (found by the generator's names)."""
    worker = User.objects.get(username=WORKER_USERNAME.format(1))
    long_client = Client.objects.get(identity_code=LONG_HISTORY_CODE)
    mine = ClientRelationship.objects.filter(responsible_worker=worker, ended_on__isnull=True)
    ordinary = (
        mine.filter(stage="s11").exclude(client=long_client).order_by("pk").first()
        or mine.exclude(client=long_client).order_by("pk").first()
    )
    assert ordinary is not None  # noqa: S101 - the generator gives every worker a caseload
    today = clock.today()
    place = (
        Period.objects.filter(
            status__in=[PeriodStatus.ACTIVE, PeriodStatus.PLANNED],
            starts_on__lte=today,
            ends_on__gte=today,
        )
        .values("place_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "place_id")
        .first()
    )
    assert place is not None  # noqa: S101
    supervisor = (
        User.objects.filter(
            username__startswith=SUPERVISOR_USERNAME.split("{")[0],
            role_assignments__unit_id=place["place_id"],
        )
        .values_list("username", flat=True)
        .first()
    )
    assert supervisor is not None  # noqa: S101
    w = worker.username
    return [
        Page("caseload", w, reverse("clients:caseload")),
        Page("client page", w, reverse("clients:detail", args=[ordinary.client_id])),
        Page("client page, long history", w, reverse("clients:detail", args=[long_client.pk])),
        Page("work queue", w, reverse("pathways:today")),
        Page("intake queue", w, reverse("clients:intake_queue")),
        Page("plans", w, reverse("pathways:plans", args=[ordinary.pk])),
        Page(
            "place week grid",
            supervisor,
            reverse("attendance:place_week", args=[place["place_id"]]),
        ),
        Page("catalogue", w, reverse("placements:catalogue"), {"text": "lajittelu"}),
        Page(
            "suggestions",
            w,
            reverse("placements:suggestions", args=[ordinary.pk]),
            {"interests": "puutyö ja korjaus", "goals": "päivärytmi"},
        ),
        Page("manager start", MANAGER_USERNAME, reverse("accounts:manager_start")),
        Page(
            "manager dashboard",
            MANAGER_USERNAME,
            reverse("metrics:dashboard"),
            # The last twelve months, every unit of the organiser: the widest ordinary view.
            {"starts_on": _day(today - dt.timedelta(days=364)), "ends_on": _day(today)},
        ),
        Page(
            "yearly statistics",
            MANAGER_USERNAME,
            reverse("metrics:statistics"),
            {"vuosi": str(today.year - 1)},
        ),
        Page(
            "organiser's year XLSX",
            MANAGER_USERNAME,
            reverse("attendance:report_organiser_xlsx", args=[_organiser_id()]),
            {"vuosi": str(today.year - 1)},
            most=5,
        ),
    ]


def _day(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _organiser_id() -> int:
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).order_by("pk").first()
    assert organiser is not None  # noqa: S101 - the generator writes one
    return organiser.pk


def logged_in(username: str) -> HttpClient:
    """A test client logged in as ``username`` with the second factor passed, as
    ``django_otp.login`` leaves the session after a real code."""
    user = User.objects.get(username=username)
    client = HttpClient()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Polku", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _get(page: Page, client: HttpClient) -> Any:
    """One request, its body read whole (a streamed export's included)."""
    response = client.get(page.url, page.data)
    if response.streaming:
        # Reading it to the end closes it (the test client's wrapper; closing it again here
        # would close the database connection, as the end of a request does).
        for _ in response.streaming_content:  # type: ignore[attr-defined]
            pass
    return response


def measure(
    page: Page,
    client: HttpClient,
    *,
    n: int,
    warm: int = 3,
    after_first: Callable[[], None] | None = None,
) -> Result:
    """``after_first`` is called after the first warm-up request (``heap.settle`` for the
    first page measured)."""
    if page.most is not None:
        n, warm = min(n, page.most), 1
    for i in range(warm):
        _get(page, client)
        if i == 0 and after_first is not None:
            after_first()
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = _get(page, client)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        _get(page, client)
        times.append((time.perf_counter() - started) * 1000)
    return Result(
        name=page.name,
        url=page.url,
        status=response.status_code,
        queries=len(queries),
        n=n,
        p50_ms=round(statistics.median(times), 1),
        p95_ms=round(percentile(times, 0.95), 1),
        max_ms=round(max(times), 1),
    )


def data_set() -> dict[str, int]:
    """The sizes the results were measured at."""
    from polku.attendance.models import AttendanceDay
    from polku.pathways.models import ActivationPlan

    return {
        "clients": Client.objects.count(),
        "open relationships": ClientRelationship.objects.filter(ended_on__isnull=True).count(),
        "relationships": ClientRelationship.objects.count(),
        "activation plans": ActivationPlan.objects.count(),
        "attendance days": AttendanceDay.objects.count(),
        "audit events": AuditEvent.objects.count(),
        "audit events of the long-history client": AuditEvent.objects.filter(
            Q(client_id=Client.objects.get(identity_code=LONG_HISTORY_CODE).pk)
        ).count(),
    }


def run(
    *,
    n: int = 50,
    only: list[str] | None = None,
    out: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Measure every page (or those named in ``only``); write the JSON to ``out``."""
    results = []
    clients: dict[str, HttpClient] = {}
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        measured = [page for page in pages() if not only or page.name in only]
        for page in measured:
            if page.username not in clients:
                clients[page.username] = logged_in(page.username)
        heap.settle()  # as config/wsgi.py does when the application is loaded
        for i, page in enumerate(measured):
            # ... and after the process's first request.
            after_first = heap.settle if i == 0 else None
            result = measure(page, clients[page.username], n=n, after_first=after_first)
            log(row(result))
            results.append(result)
    report = {
        "when": clock.now().isoformat(timespec="seconds"),
        "database": connection.vendor,
        "machine": {"python": platform.python_version(), "processor": platform.machine()},
        "data_set": data_set(),
        "results": [asdict(r) for r in results],
    }
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return report


HEADER = f"{'page':<28} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"


def row(r: Result) -> str:
    return f"{r.name:<28} {r.status:>6} {r.queries:>7} {r.p50_ms:>8} {r.p95_ms:>8} {r.max_ms:>8}"


def profile(name: str) -> str:
    """20 warm requests of the page named ``name`` under pyinstrument (one of an export), as
    text."""
    from pyinstrument import Profiler

    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        page = next(p for p in pages() if p.name == name)
        client = logged_in(page.username)
        heap.settle()
        for i in range(1 if page.most else 3):
            _get(page, client)
            if i == 0:
                heap.settle()
        profiler = Profiler(interval=0.001 if page.most else 0.0002)
        profiler.start()
        for _ in range(1 if page.most else 20):
            _get(page, client)
        profiler.stop()
    text: str = profiler.output_text(unicode=True, color=False, show_all=False)
    return text
