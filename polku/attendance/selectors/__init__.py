"""Reads of attendance, scoped to the viewer, with constant query counts. One module per page
family; the public names are re-exported here."""

from polku.attendance.selectors.place import (
    place_day,
    place_week,
    supervised_places,
)
from polku.attendance.selectors.reports import (
    access_organiser_report,
    access_period_report,
    access_place_report,
    month_report,
    organiser_overview,
)
from polku.attendance.selectors.worker import (
    access_interruption,
    access_period_attendance,
    access_place_period,
    participation_of,
    period_attendance_page,
    place_interruptions,
)

__all__ = [
    "access_interruption",
    "access_organiser_report",
    "access_period_attendance",
    "access_period_report",
    "access_place_period",
    "access_place_report",
    "month_report",
    "organiser_overview",
    "participation_of",
    "period_attendance_page",
    "place_day",
    "place_interruptions",
    "place_week",
    "supervised_places",
]
