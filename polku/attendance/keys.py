"""The letters that record attendance by keyboard: one set, in the viewer's language, for the
place's week grid (``attendance/place_week.html``) and a group session's attendance
(``groups/session.html``), and the keys' help on both pages (``attendance/_keys.html``).

A key records present, or absent with one of Kela's reasons; whether an absence was reported
follows the day (a later day: in advance) and Shift (not reported). The browser script
(``attendance/place.js``) reads the letters from the legend (``data-grid-key``), so a page and
its script cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext

from polku.attendance.models import AbsenceReason, DayStatus

PRESENT = "present"


@dataclass(frozen=True)
class AttendanceKey:
    """One letter of the keyboard legend: what it records."""

    key: str
    code: str  # "present" or "absent:<reason>" (the notice follows the day and Shift)
    label: str


def attendance_keys() -> list[AttendanceKey]:
    """The keys in the active language, a letter per status (Finnish: L läsnä, S oma sairaus,
    A lapsen sairaus, T työhön liittyvä syy, J luottamustoimi, M muu syy)."""
    return [
        AttendanceKey(pgettext("grid key for present", "L"), PRESENT, str(DayStatus.PRESENT.label)),
        AttendanceKey(
            pgettext("grid key for own illness", "S"),
            f"absent:{AbsenceReason.OWN_ILLNESS}",
            str(AbsenceReason.OWN_ILLNESS.label),
        ),
        AttendanceKey(
            pgettext("grid key for a child's illness", "A"),
            f"absent:{AbsenceReason.CHILD_ILLNESS}",
            str(AbsenceReason.CHILD_ILLNESS.label),
        ),
        AttendanceKey(
            pgettext("grid key for an employment-related reason", "T"),
            f"absent:{AbsenceReason.EMPLOYMENT}",
            str(AbsenceReason.EMPLOYMENT.label),
        ),
        AttendanceKey(
            pgettext("grid key for a position of trust", "J"),
            f"absent:{AbsenceReason.TRUST_POSITION}",
            str(AbsenceReason.TRUST_POSITION.label),
        ),
        AttendanceKey(
            pgettext("grid key for another reason", "M"),
            f"absent:{AbsenceReason.OTHER}",
            str(AbsenceReason.OTHER.label),
        ),
    ]
