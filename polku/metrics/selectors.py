"""The metrics' reads: every figure from the replica when one is configured
(:func:`polku.core.replica.replica_reads`), outside any transaction."""

from __future__ import annotations

from dataclasses import dataclass

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.core.replica import replica_reads
from polku.metrics import charts, dashboard, drilldown, satisfaction, statistics
from polku.metrics.access import Scope
from polku.metrics.dashboard import Dashboard
from polku.metrics.drilldown import Drill
from polku.metrics.events import MetricsRead
from polku.metrics.figures import Filters, Selection
from polku.metrics.statistics import YearStatistics


def dashboard_for(*, scope: Scope, filters: Filters, with_charts: bool = True) -> Dashboard:
    """The dashboard's tables (and their charts) for the manager's scope and filters."""
    with replica_reads():
        board = dashboard.build(scope=scope, filters=filters, today=clock.today())
        board.tables.append(satisfaction.table(viewer=scope.viewer, filters=filters))
    if with_charts:
        charts.attach(board)
    return board


def statistics_for(*, scope: Scope, year: int) -> YearStatistics:
    """The year's statistics in the shape of THL's municipal survey."""
    with replica_reads():
        return statistics.build(scope=scope, year=year, today=clock.today())


@dataclass
class FigureClients:
    rows: list[ClientRelationship]
    more: bool  # over ``drilldown.LIMIT``: the first ones only


def figure_clients(
    *, viewer: User, scope: Scope, filters: Filters, drill: Drill, purpose: str
) -> FigureClients:
    """The clients a figure's row counts (one relationship per client), each logged as an
    access (``MetricsRead.CLIENTS``, the basis ``manager``) with the viewer's purpose. One query to read,
    one to log, whatever the number of rows."""
    sel = Selection(scope.unit_ids, filters, clock.today())
    found = list(drilldown.relationships(drill, sel)[: drilldown.LIMIT + 1])
    rows: list[ClientRelationship] = []
    seen: set[int] = set()
    for relationship in found[: drilldown.LIMIT]:
        if relationship.client_id not in seen:
            seen.add(relationship.client_id)
            rows.append(relationship)
    audit.record_access_many(
        actor=viewer,
        client_ids=[r.client_id for r in rows],
        what=MetricsRead.CLIENTS,
        basis=drilldown.BASIS,
        purpose=purpose,
    )
    return FigureClients(rows=rows, more=len(found) > drilldown.LIMIT)
