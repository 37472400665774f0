"""Secondary suppression: a small cell hidden beside a shown total and shown neighbours could be
computed back, so the next smallest cell of its row or column is hidden too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext as _

from polku.core import clock
from polku.metrics import statistics
from polku.metrics.access import access_metrics
from polku.metrics.dashboard import Cell, Row, Table, count, protect_totals
from polku.metrics.tests import builders as b
from tests.people import People


def _grid(values: list[list[int]]) -> Table:
    """Rows of parts; each row gets its total, and a last row the columns' totals."""
    rows = [
        Row(f"r{i}", [count(v) for v in line] + [count(sum(line))]) for i, line in enumerate(values)
    ]
    columns = [sum(line[j] for line in values) for j in range(len(values[0]))]
    rows.append(Row("total", [count(v) for v in columns] + [count(sum(columns))]))
    return Table("t", "T", ["a", "b", "c", "total"], rows)


def _texts(table: Table) -> list[list[str]]:
    return [[c.text() for c in row.cells] for row in table.rows]


def test_one_small_cell_in_a_row_hides_the_next_smallest_of_that_row() -> None:
    table = _grid([[3, 20, 9], [30, 40, 50]])
    protect_totals(table, total_row=False)
    # Without the second cell, 32 − 20 − 9 would give the 3.
    assert _texts(table)[0] == ["<5", "20", "x", "32"]
    assert table.rows[0].cells[2].value == 9  # kept for the arithmetic, never shown
    assert _texts(table)[1] == ["30", "40", "50", "120"]


def test_rows_and_columns_are_protected_until_no_line_gives_a_cell_away() -> None:
    table = _grid([[3, 20, 9], [30, 40, 50], [12, 15, 60]])
    protect_totals(table)
    texts = _texts(table)
    for line in texts[:-1]:
        assert sum(t in ("<5", "x") for t in line[:-1]) != 1  # no row with one hidden part
    for j in range(3):
        column = [texts[i][j] for i in range(3)]
        assert sum(t in ("<5", "x") for t in column) != 1  # nor a column
    # The first row hides its 9 too; then column a hides its 12 and column c its 50, and so
    # on until every line is safe. The totals stay shown.
    assert texts[0][0] == "<5"
    assert texts[0][2] == texts[2][0] == texts[1][2] == "x"
    assert [line[-1] for line in texts] == ["32", "120", "87", "239"]


def test_nothing_to_protect_when_two_are_hidden_or_the_total_is_hidden() -> None:
    table = _grid([[3, 4, 9]])
    protect_totals(table, total_row=False)
    assert _texts(table)[0] == ["<5", "<5", "9", "16"]
    small = Table("t", "T", ["a", "b", "total"], [Row("r", [count(2), count(0), count(2)])])
    protect_totals(small, total_row=False)
    assert _texts(small)[0] == ["<5", "0", "<5"]  # the total is a small cell itself


def test_zero_is_never_chosen_and_with_only_zeros_the_total_is_hidden() -> None:
    table = Table(
        "t", "T", ["a", "b", "total"], [Row("r", [Cell(3, suppressed=True), Cell(0), Cell(30)])]
    )
    protect_totals(table, total_row=False)
    assert [c.text() for c in table.rows[0].cells] == ["<5", "0", "x"]


@pytest.mark.django_db
def test_the_yearly_participants_hide_a_second_cell(people: People) -> None:
    """Seven women and three men of one age band: the men's "<5" beside the band's total of
    ten would be 10 − 7, so the women's cell is hidden too (and, in the total row, the same)."""
    with clock.frozen(b.at(dt.date(2026, 7, 1), 12)):
        for i in range(10):
            b.pathway(
                unit=people.unit,
                worker=people.worker,
                contact=dt.date(2026, 1, 5),
                place=people.place,
                start=dt.date(2026, 2, 2),
                end=dt.date(2026, 5, 29),
                stage="s11",
                female=i < 7,
            )
        scope = access_metrics(people.manager)
        stats = statistics.build(scope=scope, year=2026, today=dt.date(2026, 7, 1))
    participants = stats.tables[0]
    band = next(r for r in participants.rows if r.cells[-1].value == 10 and r.label != _("Total"))
    assert [c.text() for c in band.cells] == ["x", "<5", "0", "10"]
    total = participants.rows[-1]
    assert [c.text() for c in total.cells] == ["x", "<5", "0", "10"]
    assert "x:" in participants.note
