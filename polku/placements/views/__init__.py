"""The placements app's views, one module per entity; urls.py names them through here."""

from polku.placements.views.catalogue import catalogue, suggestions
from polku.placements.views.visits import placement, visit_record, visit_skip

__all__ = ["catalogue", "placement", "suggestions", "visit_record", "visit_skip"]
