"""The attendance pages, one module per user: the place portal (``place``), the responsible
worker's pages of a period (``worker``), the reports (``reports``). Re-exported here."""

from polku.attendance.views.worker import (
    interruption,
    interruption_new,
    period_attendance,
    place_interruption,
)

__all__ = ["interruption", "interruption_new", "period_attendance", "place_interruption"]
