"""The attendance pages, one module per user: the place portal (``place``), the responsible
worker's pages of a period (``worker``), the reports (``reports``). Re-exported here."""

from polku.attendance.views.place import (
    place_close,
    place_day_record,
    place_today,
    place_today_home,
    place_week,
    place_week_home,
)
from polku.attendance.views.reports import (
    report_organiser,
    report_organiser_pdf,
    report_organiser_xlsx,
    report_period,
    report_period_pdf,
    report_period_xlsx,
    report_place,
    report_place_pdf,
    report_place_xlsx,
)
from polku.attendance.views.worker import (
    interruption,
    interruption_new,
    period_attendance,
    place_interruption,
)

__all__ = [
    "interruption",
    "interruption_new",
    "period_attendance",
    "place_close",
    "place_day_record",
    "place_interruption",
    "place_today",
    "place_today_home",
    "place_week",
    "place_week_home",
    "report_organiser",
    "report_organiser_pdf",
    "report_organiser_xlsx",
    "report_period",
    "report_period_pdf",
    "report_period_xlsx",
    "report_place",
    "report_place_pdf",
    "report_place_xlsx",
]
