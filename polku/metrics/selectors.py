"""The metrics' reads: every figure from the replica when one is configured
(:func:`polku.core.replica.replica_reads`), outside any transaction."""

from __future__ import annotations

from polku.core import clock
from polku.core.replica import replica_reads
from polku.metrics import charts, dashboard, statistics
from polku.metrics.access import Scope
from polku.metrics.dashboard import Dashboard
from polku.metrics.figures import Filters
from polku.metrics.statistics import YearStatistics


def dashboard_for(*, scope: Scope, filters: Filters, with_charts: bool = True) -> Dashboard:
    """The dashboard's tables (and their charts) for the manager's scope and filters."""
    with replica_reads():
        board = dashboard.build(scope=scope, filters=filters, today=clock.today())
    if with_charts:
        charts.attach(board)
    return board


def statistics_for(*, scope: Scope, year: int) -> YearStatistics:
    """The year's statistics in the shape of THL's municipal survey."""
    with replica_reads():
        return statistics.build(scope=scope, year=year, today=clock.today())
