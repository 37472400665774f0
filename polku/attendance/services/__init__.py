"""Writes of attendance: every one atomic, checked and audited (STYLE.md §2)."""

from polku.attendance.services.contacts import absence_contact_record
from polku.attendance.services.days import DayEntry, day_record, week_record
from polku.attendance.services.interruptions import interruption_report, interruption_resolve
from polku.attendance.services.place import place_close

__all__ = [
    "DayEntry",
    "absence_contact_record",
    "day_record",
    "interruption_report",
    "interruption_resolve",
    "place_close",
    "week_record",
]
