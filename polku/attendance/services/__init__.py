"""Writes of attendance: every one atomic, checked and audited (STYLE.md §2)."""

from polku.attendance.services.contacts import (
    absence_contact_record,
)
from polku.attendance.services.days import (
    DayEntry,
    RunDay,
    child_illness_check,
    day_record,
    place_run_days,
    week_record,
)
from polku.attendance.services.interruptions import (
    interruption_report,
    interruption_resolve,
)
from polku.attendance.services.place import (
    place_close,
)
from polku.attendance.services.reports import (
    report_disclose,
)

__all__ = [
    "DayEntry",
    "RunDay",
    "absence_contact_record",
    "child_illness_check",
    "day_record",
    "interruption_report",
    "interruption_resolve",
    "place_close",
    "place_run_days",
    "report_disclose",
    "week_record",
]
