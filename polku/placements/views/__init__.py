"""The placements app's views, one module per entity; urls.py names them through here."""

from polku.placements.views.visits import placement, visit_record, visit_skip

__all__ = ["placement", "visit_record", "visit_skip"]
