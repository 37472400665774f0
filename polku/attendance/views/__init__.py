"""The attendance pages, one module per user: the place portal (``place``), the responsible
worker's pages of a period (``worker``), the reports (``reports``). Re-exported here."""

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

__all__ = [
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
