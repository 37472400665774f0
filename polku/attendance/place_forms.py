"""The place portal's forms: shape only; the services decide (STYLE.md §6)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.attendance.models import AbsenceReason, DayStatus, Notice
from polku.attendance.selectors.place import WeekGrid, parse_code
from polku.attendance.services.days import DayEntry
from polku.clients.forms import DateField


class PlaceDayForm(forms.Form):
    """One client's day on the today page: the button pressed says present or absent."""

    status = forms.ChoiceField(
        choices=[
            (DayStatus.PRESENT, DayStatus.PRESENT.label),
            (DayStatus.ABSENT, DayStatus.ABSENT.label),
        ],
        error_messages={"required": _("Choose present or absent.")},
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        max_digits=3,
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4, "autocomplete": "off"}),
    )
    reason = forms.ChoiceField(
        label=_("Reason for the absence"),
        required=False,
        choices=[
            ("", pgettext_lazy("absence reason", "Choose the reason")),
            *list(AbsenceReason.choices),
        ],
    )
    notice = forms.ChoiceField(
        label=_("Reported"),
        required=False,
        initial=Notice.ON_THE_DAY,
        choices=[
            (Notice.ON_THE_DAY, Notice.ON_THE_DAY.label),
            (Notice.NOT_REPORTED, Notice.NOT_REPORTED.label),
            (Notice.IN_ADVANCE, Notice.IN_ADVANCE.label),
        ],
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CloseForm(forms.Form):
    """A range of days closed for the whole place."""

    first_day = DateField(label=_("First day"), required=False)
    last_day = DateField(label=_("Last day"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=200,
        help_text=_("E.g. summer closure or a training day. Shown in the grid for these days."),
    )


def read_week(grid: WeekGrid, data: Mapping[str, Any]) -> tuple[list[DayEntry], str, list[str]]:
    """The days the user changed in the week grid, as entries for ``week_record``.

    Each editable cell sends its code (``c-<key>``), the code and version it showed (``w-``,
    ``v-``); only a cell whose code differs from what it showed is saved, with the version
    seen, so a day someone else recorded meanwhile is refused, never overwritten. The cells
    keep what was sent, so a refused week is shown again with nothing lost. Returns the
    entries, the correction reason and the cells whose code the place may not choose."""
    reason = str(data.get("correction_reason", "")).strip()
    entries: list[DayEntry] = []
    bad: list[str] = []
    for row, cell in grid.cells():
        if not cell.editable:
            continue
        sent = data.get(f"c-{cell.key}")
        if sent is None:
            continue
        sent = str(sent)
        shown = str(data.get(f"w-{cell.key}", cell.code))
        cell.value = sent
        if sent == shown:
            continue
        if sent == "":
            cell.value = cell.code
            continue
        parsed = parse_code(sent)
        if parsed is None or sent not in {choice.code for choice in cell.choices}:
            cell.value = cell.code
            bad.append(f"{row.name}, {cell.day:%d.%m.%Y}")
            continue
        status, absence, notice = parsed
        version = str(data.get(f"v-{cell.key}", ""))
        entries.append(
            DayEntry(
                period=row.period,
                day=cell.day,
                status=status,
                reason=absence,
                notice=notice,
                correction_reason=reason,
                version=int(version) if version.isdigit() else None,
            )
        )
    return entries, reason, bad
