"""The placements app's views, one module per entity; urls.py names them through here."""

from polku.placements.views.catalogue import catalogue, place_clients, suggestions
from polku.placements.views.decisions import (
    decision,
    decision_correct,
    decision_deliver,
    decision_make,
    decision_new,
    decision_pdf,
)
from polku.placements.views.periods import period, period_new, steward_notice
from polku.placements.views.visits import placement, visit_record, visit_skip

__all__ = [
    "catalogue",
    "decision",
    "decision_correct",
    "decision_deliver",
    "decision_make",
    "decision_new",
    "decision_pdf",
    "period",
    "period_new",
    "place_clients",
    "placement",
    "steward_notice",
    "suggestions",
    "visit_record",
    "visit_skip",
]
