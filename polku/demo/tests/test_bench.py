"""The benchmark's generator and harness at the small scale (a few hundred rows), so that
`make bench` cannot rot: the data set is reproducible from its seed, and every measured page
answers 200 to its role with a query count."""

from __future__ import annotations

import datetime as dt
import gc
import json
from pathlib import Path

import pytest
from django.db import connection, transaction

from polku.attendance.models import AttendanceDay
from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.demo.bench import harness
from polku.demo.bench.generator import COPIED, LONG_HISTORY_CODE, generate

TODAY = dt.date(2026, 3, 4)

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def _facts() -> list[tuple[object, ...]]:
    return list(
        ClientRelationship.objects.order_by("client__identity_code", "started_on").values_list(
            "client__identity_code", "started_on", "ended_on", "stage"
        )
    )


def test_the_data_set_is_reproducible_from_its_seed_and_has_every_kind_of_row() -> None:
    try:
        with transaction.atomic():
            first = generate("small", seed=7, today=TODAY)
            facts = _facts()
            raise _Undo
    except _Undo:
        pass
    assert not Client.objects.exists()
    second = generate("small", seed=7, today=TODAY)
    assert second.rows == first.rows
    assert _facts() == facts
    assert 100 < sum(second.rows.values()) < 5_000
    for name in ("clients.Meeting", "pathways.ActivationPlan", "placements.Period"):
        assert second.rows[name] > 0, name
    # Every attendance day has its change event, and open relationships have access events.
    # (On PostgreSQL both tables are written with COPY, their ids drawn from the sequence.)
    day_events = AuditEvent.objects.filter(record_type="attendance.AttendanceDay")
    assert set(day_events.values_list("record_id", flat=True)) == {
        str(pk) for pk in AttendanceDay.objects.values_list("pk", flat=True)
    }
    assert AttendanceDay.objects.count() == day_events.count()
    assert AuditEvent.objects.filter(kind=EventKind.ACCESS).exists()
    long_client = Client.objects.get(identity_code=LONG_HISTORY_CODE)
    assert long_client.relationships.filter(ended_on__isnull=True).exists()
    with pytest.raises(RuntimeError):
        generate("small", seed=7, today=TODAY)


def _indexes() -> dict[str, set[tuple[str, ...]]]:
    """Each bulk-written table's indexes and constraints, by their columns and kind."""
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: {
                (name, *info["columns"], str(info["unique"]), str(info["index"]))
                for name, info in connection.introspection.get_constraints(
                    cursor, model._meta.db_table
                ).items()
            }
            for model in COPIED
        }


def test_the_indexes_dropped_for_the_load_are_all_there_again() -> None:
    before = _indexes()
    assert all(len(found) >= 4 for found in before.values())
    generate("small", seed=3, today=TODAY)
    assert _indexes() == before
    assert AuditEvent.objects.count() > 0


def test_a_set_without_access_events_keeps_only_the_long_history_clients() -> None:
    generate("small", seed=5, today=TODAY, access_rate=0)
    access = AuditEvent.objects.filter(kind=EventKind.ACCESS)
    long_client = Client.objects.get(identity_code=LONG_HISTORY_CODE)
    assert access.count() == 40  # the small scale's long_access
    assert set(access.values_list("client_id", flat=True)) == {long_client.pk}
    assert AttendanceDay.objects.exists()


def test_a_different_seed_gives_a_different_data_set() -> None:
    try:
        with transaction.atomic():
            generate("small", seed=1, today=TODAY)
            facts = _facts()
            raise _Undo
    except _Undo:
        pass
    generate("small", seed=2, today=TODAY)
    assert _facts() != facts


def test_the_harness_measures_every_page_as_its_role(tmp_path: Path) -> None:
    generate("small", seed=1, today=clock.today())
    out = tmp_path / "results.json"
    gc.unfreeze()
    try:
        report = harness.run(n=2, out=out, log=lambda _: None)
        # The heap was settled as a served process's is (polku.core.heap).
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the rest of the test session keeps its collector
    names = [r["name"] for r in report["results"]]
    assert names == [page.name for page in harness.pages()]
    assert {"caseload", "client page, long history", "work queue", "place week grid"} <= set(names)
    assert "organiser's year XLSX" in names
    assert "manager dashboard" in names  # the metrics (issue 20), its figures computed
    assert "yearly statistics" in names
    for result in report["results"]:
        assert result["status"] == 200, result
        assert result["queries"] > 3, result
        assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"], result
    assert json.loads(out.read_text(encoding="utf-8"))["data_set"]["clients"] == 24
    assert "caseload" in harness.row(harness.Result("caseload", "/", 200, 9, 2, 1.0, 2.0, 3.0))


def test_the_counted_reports_agree_with_the_days_for_every_client_month() -> None:
    """The place's and organiser's reports count the recorded days in the database; over the
    generated year every period's every month gives the figures its day-by-day cells give."""
    from polku.attendance.reports import year_months
    from polku.attendance.selectors.reports import Scope, chunks
    from polku.placements.models import Period, PeriodStatus

    generate("small", seed=3, today=TODAY)
    scope = Scope(
        kind="organiser",
        name="",
        unit=None,
        period=None,
        periods=Period.objects.exclude(status=PeriodStatus.CANCELLED),
        basis="manager",
        recipient="print",
    )
    for year in (TODAY.year - 1, TODAY.year):
        months = year_months(year)
        with clock.frozen(dt.datetime(2026, 3, 4, 12, tzinfo=dt.UTC)):
            by_cells = [r for part in chunks(scope, months, cells=True, size=7) for r in part]
            counted = [r for part in chunks(scope, months, size=7) for r in part]
        assert len(by_cells) > 10
        assert sum(r.figures.present for r in by_cells) > 50
        assert sum(r.figures.absent for r in by_cells) > 0
        assert [(r.period.pk, r.month, r.figures, r.rates) for r in counted] == [
            (r.period.pk, r.month, r.figures, r.rates) for r in by_cells
        ]
