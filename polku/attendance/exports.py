"""The month report as documents: the columns every output shares, the PDF's allow-listed
context, and the XLSX written by openpyxl in write-only mode.

The XLSX is written chunk by chunk into a temporary file (openpyxl's write-only sheets keep no
rows in memory) and the file is streamed to the browser, so the organiser's year at county
scale is never held whole in memory. Each chunk's disclosure is written (one INSERT) before its
rows go into the file. A text cell that a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-`` or ``@``) is written as text.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from polku.accounts.models import Unit, UnitKind, User
from polku.attendance.reports import (
    ALLOWANCE_KEYS,
    STATE_KEY,
    ClientMonth,
    Figures,
    Month,
    cell_label,
)
from polku.attendance.selectors.reports import MonthReport, Scope, chunks
from polku.core import clock
from polku.core.rules import day_label

FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    money: bool = False


# The figures, in the order every output shows them.
COLUMNS = (
    Column("scheduled", gettext_lazy("Client's days")),
    Column("present", gettext_lazy("Participation days")),
    Column("hours", gettext_lazy("Hours")),
    Column("absent", gettext_lazy("Absences")),
    Column("excused", pgettext_lazy("absence days column", "Excused")),
    Column("unexcused", pgettext_lazy("absence days column", "Unexcused")),
    Column("own_illness", gettext_lazy("Own illness")),
    Column("child_illness", gettext_lazy("Child's illness")),
    Column("employment", gettext_lazy("Employment-related")),
    Column("trust_position", gettext_lazy("Position of trust")),
    Column("other_reason", gettext_lazy("Other reason")),
    Column("in_advance", gettext_lazy("Reported in advance")),
    Column("on_the_day", gettext_lazy("Reported on the day")),
    Column("not_reported", gettext_lazy("Not reported")),
    Column("holidays", gettext_lazy("Holidays")),
    Column("closed", gettext_lazy("Place closed")),
    Column("interrupted", gettext_lazy("Interrupted")),
    Column("moved", gettext_lazy("Moved by agreement")),
    Column("not_recorded", gettext_lazy("Not recorded")),
    Column("planned", gettext_lazy("Planned")),
    Column("allowance_days", gettext_lazy("Allowance days")),
    Column("allowance_amount", gettext_lazy("Allowance (€)"), money=True),
    Column("travel_days", gettext_lazy("Travel compensation days")),
    Column("state_days", gettext_lazy("State compensation days")),
    Column("state_amount", gettext_lazy("State compensation (€)"), money=True),
)
# The narrower set the PDF's tables of many rows show.
PDF_KEYS = (
    "scheduled",
    "present",
    "absent",
    "excused",
    "unexcused",
    "in_advance",
    "holidays",
    "closed",
    "interrupted",
    "moved",
    "not_recorded",
    "allowance_days",
    "allowance_amount",
    "travel_days",
    "state_days",
    "state_amount",
)
PDF_COLUMNS = tuple(c for c in COLUMNS if c.key in PDF_KEYS)


def shown(column: Column, figures: Figures) -> str:
    """A figure as a page shows it, in the active language (9,00; 6,5)."""
    value = getattr(figures, column.key)
    if column.money:
        return formats.number_format(value, 2, use_l10n=True)
    if isinstance(value, Decimal):
        return formats.number_format(value.normalize(), use_l10n=True)
    return str(value)


def shown_row(figures: Figures, columns: Sequence[Column] = COLUMNS) -> list[str]:
    return [shown(column, figures) for column in columns]


# --- PDF ---------------------------------------------------------------------------------------

REPORT_KEYS = frozenset(
    {
        "document_name",
        "organiser_name",
        "producer_name",
        "client_name",
        "client_identity_code",
        "author_name",
        "author_title",
        "created_at",
        "kind",
        "scope_name",
        "month_label",
        "columns",
        "rows",
        "total",
        "clients",
        "days",
        "period_line",
        "allowance_label",
        "travel",
    }
)


def _organiser_name(scope: Scope) -> str:
    if scope.kind == "organiser" and scope.unit is not None:
        return scope.unit.display_name
    organiser = Unit.objects.filter(kind=UnitKind.ORGANISER).first()
    return organiser.display_name if organiser else ""


def pdf_context(*, report: MonthReport, author: User) -> dict[str, Any]:
    """What the PDF may print: names, the month's figures and (for a client's period) the
    day list; never a record object."""
    scope = report.scope
    today = report.today
    single = scope.period is not None and report.rows
    if scope.kind == "organiser":
        rows = [
            {
                "name": place.place_name,
                "clients": place.clients,
                "values": shown_row(place.figures, PDF_COLUMNS),
            }
            for place in report.places
        ]
    else:
        rows = [
            {"name": row.client_name, "clients": 1, "values": shown_row(row.figures, PDF_COLUMNS)}
            for row in report.rows
        ]
    context: dict[str, Any] = {
        "document_name": _("Attendance and compensation, %(month)s")
        % {"month": report.month.label},
        "organiser_name": _organiser_name(scope),
        "producer_name": scope.producer_name,
        "client_name": scope.name if scope.kind == "period" else "",
        "client_identity_code": "",  # not needed for the report
        "author_name": author.get_full_name(),
        "author_title": author.title_in(),
        "created_at": clock.now(),
        "kind": scope.kind,
        "scope_name": scope.name,
        "month_label": report.month.label,
        "columns": [str(c.label) for c in (COLUMNS if single else PDF_COLUMNS)],
        "rows": rows,
        "total": shown_row(report.total, COLUMNS if single else PDF_COLUMNS),
        "clients": report.clients,
        "days": [],
        "period_line": "",
        "allowance_label": "",
        "travel": False,
    }
    if single:
        row = report.rows[0]
        period = row.period
        context |= {
            "rows": [
                {"name": str(c.label), "clients": 1, "values": [shown(c, row.figures)]}
                for c in COLUMNS
            ],
            "days": [
                {"date": day_label(cell.day), "what": cell_label(cell, today=today)}
                for cell in row.listed_cells
            ],
            "period_line": f"{period.place.display_name}, {day_label(period.starts_on)}–{day_label(period.ends_on)}",
            "allowance_label": row.allowance_label,
            "travel": period.travel_compensation,
        }
    assert set(context) == REPORT_KEYS  # noqa: S101 (a programming error, not input)
    return context


# --- XLSX --------------------------------------------------------------------------------------


def text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """A text cell; one a spreadsheet would take for a formula stays text (formula injection)."""
    cell = WriteOnlyCell(sheet, value=value)
    if value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _cells(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    result: list[Any] = []
    for value in values:
        if isinstance(value, str | Promise):
            result.append(text_cell(sheet, str(value)))
        elif isinstance(value, Decimal) and value.as_tuple().exponent == -2:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = MONEY_FORMAT
            result.append(cell)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "d.m.yyyy"
            result.append(cell)
        else:
            result.append(value)
    return result


def _header(sheet: WriteOnlyWorksheet, labels: Iterable[Any]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = text_cell(sheet, str(label))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _figures(figures: Figures) -> list[Any]:
    return [getattr(figures, c.key) for c in COLUMNS]


CLIENT_LABELS = (
    gettext_lazy("Client"),
    gettext_lazy("Place"),
    gettext_lazy("Period starts"),
    gettext_lazy("Period ends"),
    gettext_lazy("Allowance"),
    gettext_lazy("Travel compensated"),
)


def _client_row(when: str, row: ClientMonth, figures: Figures) -> list[Any]:
    period = row.period
    return [
        when,
        row.client_name,
        period.place.display_name,
        period.starts_on,
        period.ends_on,
        row.allowance_label,
        _("yes") if period.travel_compensation else _("no"),
        *_figures(figures),
    ]


def _by_period(part: Sequence[ClientMonth]) -> Iterator[tuple[ClientMonth, Figures]]:
    """A chunk's months summed per period (a period's months come together)."""
    current: ClientMonth | None = None
    figures = Figures()
    for row in part:
        if current is not None and row.period.pk != current.period.pk:
            yield current, figures
            figures = Figures()
        current = row
        figures.add(row.figures)
    if current is not None:
        yield current, figures


def write_xlsx(
    *,
    scope: Scope,
    months: Sequence[Month],
    what: str,
    disclose: Callable[[Sequence[ClientMonth]], object],
) -> IO[bytes]:
    """The scope's clients as an XLSX in a temporary file (rewound): a sheet with a row per
    client's period (for a year, the year's sums), a sheet of totals per month (and the year),
    and for a client's period a sheet of its days. ``disclose(rows)`` is called for each chunk
    before its rows are written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Clients"))
    when_label = _("Month") if len(months) == 1 else _("Year")
    sheet.append(_header(sheet, [when_label, *CLIENT_LABELS, *(c.label for c in COLUMNS)]))
    totals: dict[Month, Figures] = {}
    counts: dict[Month, int] = {}
    single: ClientMonth | None = None
    for part in chunks(scope, months):
        disclose(part)
        for row in part:
            totals.setdefault(row.month, Figures()).add(row.figures)
            counts[row.month] = counts.get(row.month, 0) + 1
            single = row if scope.kind == "period" else None
        for row, figures in _by_period(part):
            sheet.append(_cells(sheet, _client_row(what, row, figures)))
    summary = workbook.create_sheet(_("Totals"))
    summary.append(_header(summary, [_("Month"), _("Client periods"), *(c.label for c in COLUMNS)]))
    everything = Figures()
    for month in months:
        figures = totals.get(month, Figures())
        everything.add(figures)
        summary.append(_cells(summary, [month.key, counts.get(month, 0), *_figures(figures)]))
    if len(months) > 1:
        summary.append(_cells(summary, [_("Total"), "", *_figures(everything)]))
    if single is not None:
        days = workbook.create_sheet(_("Days"))
        days.append(_header(days, [_("Date"), _("Day")]))
        today = clock.today()
        for cell in single.listed_cells:
            days.append(_cells(days, [cell.day, cell_label(cell, today=today)]))
    output = tempfile.TemporaryFile()  # the response closes it
    workbook.save(output)
    output.seek(0)
    return output


def _rates(row: ClientMonth, key: str) -> str:
    """The per-day amounts used in the month (two when the amount changed in it)."""
    return " / ".join(
        formats.number_format(value, 2, use_l10n=True) for value in sorted(row.rates.get(key, ()))
    )


FILE_KINDS = {"period": "jakso", "place": "paikka", "organiser": "jarjestaja"}


def filename(scope: Scope, what: str, extension: str) -> str:
    """An ASCII file name without the client's name: ``lasnaolo-paikka-2026-03.xlsx``."""
    return f"lasnaolo-{FILE_KINDS[scope.kind]}-{what}.{extension}"


# --- The page ----------------------------------------------------------------------------------


def page_context(report: MonthReport) -> dict[str, Any]:
    """The page's figures, already in words and numbers of the active language."""
    scope = report.scope
    month = report.month
    context: dict[str, Any] = {
        "scope": scope,
        "month": month,
        "previous_month": month.previous().key,
        "next_month": month.next().key,
        "columns": [str(c.label) for c in COLUMNS],
        "total": shown_row(report.total),
        "clients": report.clients,
        "rows": [
            {
                "name": row.client_name,
                "period_id": row.period.pk,
                "allowance": row.allowance_label,
                "values": shown_row(row.figures),
            }
            for row in report.rows
        ],
        "places": [
            {
                "name": p.place_name,
                "place_id": p.place_id,
                "clients": p.clients,
                "values": shown_row(p.figures),
            }
            for p in report.places
        ],
        "supervisor": scope.basis == "place_supervisor",
        "worker": scope.basis in ("responsible_worker", "team_cover"),
    }
    if scope.kind == "period" and report.rows:
        row = report.rows[0]
        context |= {
            "client": row,
            "figures": list(zip(context["columns"], context["total"], strict=True)),
            "days": [
                {"day": cell.day, "what": cell_label(cell, today=report.today)}
                for cell in row.listed_cells
            ],
            "allowance_rates": _rates(row, ALLOWANCE_KEYS.get(row.allowance_basis, "")),
            "state_rates": _rates(row, STATE_KEY),
        }
    return context
