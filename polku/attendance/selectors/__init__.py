"""Reads of attendance, scoped to the viewer, with constant query counts. One module per page
family; the public names are re-exported here."""

from polku.attendance.selectors.reports import (
    access_organiser_report,
    access_period_report,
    access_place_report,
    month_report,
    organiser_overview,
)

__all__ = [
    "access_organiser_report",
    "access_period_report",
    "access_place_report",
    "month_report",
    "organiser_overview",
]
