"""Reads of attendance, scoped to the viewer, with constant query counts. One module per page
family; the public names are re-exported here."""

from polku.attendance.selectors.place import place_day, place_week, supervised_places

__all__ = ["place_day", "place_week", "supervised_places"]
