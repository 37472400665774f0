"""The placements app's services, one module per entity; the public names are re-exported."""

from polku.placements.services.visits import visit_record, visit_skip

__all__ = ["visit_record", "visit_skip"]
