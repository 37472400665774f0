"""The figures as XLSX and CSV: the filters in words, then each table with its headers, every
suppressed cell as "<5". Text a spreadsheet would take for a formula (starting with ``=``,
``+``, ``-`` or ``@``) is written as text: a quoted-prefix text cell in the XLSX, a leading
apostrophe in the CSV (OWASP's CSV-injection advice)."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from polku.attendance.exports import FORMULA_STARTS, XLSX_TYPE, text_cell
from polku.metrics.dashboard import Table

CSV_TYPE = "text/csv; charset=utf-8"
TYPES = {"xlsx": XLSX_TYPE, "csv": CSV_TYPE}


def rows(
    *, title: str, labels: Sequence[tuple[str, str]], tables: Sequence[Table]
) -> Iterator[list[Any]]:
    """Every line of the export: the title, the filters, then each table."""
    yield [title]
    for name, value in labels:
        yield [name, value]
    for table in tables:
        yield []
        yield [table.title]
        yield ["", *table.headers]
        for row in table.rows:
            yield [row.label, *(cell.export() for cell in row.cells)]
        if table.note:
            yield [table.note]


def write_xlsx(lines: Iterable[list[Any]]) -> IO[bytes]:
    """The lines as a one-sheet workbook in a rewound temporary file (write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Figures"))
    first = True
    for line in lines:
        cells = []
        for value in line:
            if isinstance(value, str):
                cell = text_cell(sheet, value)
                if first:
                    cell.font = Font(bold=True)
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        first = False
    output = tempfile.TemporaryFile()  # the response closes it
    workbook.save(output)
    output.seek(0)
    return output


def csv_safe(value: Any) -> Any:
    """A cell for the CSV: formula-like text quoted, decimals with the language's separator
    (a comma in Finnish and Swedish, as the spreadsheet of a semicolon file reads them)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, float | Decimal):
        return str(value).replace(".", formats.get_format("DECIMAL_SEPARATOR"))
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(lines: Iterable[list[Any]]) -> Iterator[str]:
    """The lines as CSV, one chunk per line (a byte-order mark first, for spreadsheets)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for line in lines:
        yield writer.writerow([csv_safe(v) for v in line])


def filename(what: str, extension: str) -> str:
    """An ASCII file name: ``mittarit-2026-01-01-2026-06-30.xlsx``."""
    return f"mittarit-{what}.{extension}"
