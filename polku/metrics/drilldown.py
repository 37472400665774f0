"""The clients behind a figure (the drill-down): which figures have one, and the client
relationships each row counts. The dashboard itself stays pseudonymous; the list needs its own
capability (``VIEW_METRICS_CLIENTS``), a stated purpose, and logs an access event naming each
client shown (``selectors.figure_clients``).

A row's list is the same selection the figure counts (the manager's units and the filters), so
it is never wider than the figure: the clients of the units where the viewer holds the manager
role and of those directly below them. Only names, the unit and the relationship's dates and
stage are shown, never the record's content (the manager has no basis for the client's record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from polku.clients.models import ClientRelationship, Stage
from polku.closure.models import Destination
from polku.metrics.figures import Selection
from polku.metrics.figures.outcomes import _ends

# The basis the access events carry: the manager's report (the client's log report names it,
# polku.records.selectors.BASIS_LABELS); the event type says it was the clients behind a figure.
BASIS = "manager"
LIMIT = 500  # a figure's row is at most this many clients; more are not listed


def _stage(sel: Selection, key: str) -> QuerySet[ClientRelationship]:
    return sel.relationships().filter(ended_on__isnull=True, stage=key)


def _destination(sel: Selection, key: str) -> QuerySet[ClientRelationship]:
    ends = _ends(sel).filter(destination=key).values("relationship_id")
    return ClientRelationship.objects.filter(pk__in=ends)


@dataclass(frozen=True)
class FigureRows:
    title: Any
    choices: list[tuple[str, Any]]
    rows: Callable[[Selection, str], QuerySet[ClientRelationship]]


FIGURES: dict[str, FigureRows] = {
    "stages": FigureRows(
        _("Open client relationships by stage today"), list(Stage.choices), _stage
    ),
    "destinations": FigureRows(
        _("Destinations at the end"), list(Destination.choices), _destination
    ),
}


@dataclass(frozen=True)
class Drill:
    figure: str
    row: str
    title: str
    label: str


def resolve(figure: str, row: str) -> Drill | None:
    """The figure and row asked for, or None for one without a drill-down."""
    spec = FIGURES.get(figure)
    if spec is None:
        return None
    label = dict(spec.choices).get(row)
    if label is None:
        return None
    return Drill(figure, row, str(spec.title), str(label))


def relationships(drill: Drill, sel: Selection) -> QuerySet[ClientRelationship]:
    return (
        FIGURES[drill.figure]
        .rows(sel, drill.row)
        .select_related("client", "unit")
        .order_by("client__last_name", "client__first_name", "client_id", "pk")
    )
