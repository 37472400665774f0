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
]
