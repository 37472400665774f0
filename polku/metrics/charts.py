"""The dashboard's charts: pygal bar charts rendered on the server as inline SVG
(docs/decisions/0010), drawn from the dashboard's already suppressed tables, so a suppressed
cell is a bar of nothing labelled "<5", never its value.

Readable without colour: every bar prints its value; the series differ by fill (solid dark,
light blue, white with a dark outline, light grey with a dashed outline; the printed values stay
dark on light), and the legend shows the same
fills. Every chart sits above its data table on the page (the table is the accessible source).
The look is set as SVG presentation attributes (the CSP allows no inline style or script):
:func:`polku.evaluation.chart._style_tree` strips pygal's script and style and names the chart.
"""

from __future__ import annotations

import functools
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from polku.evaluation.chart import SVG, _style_tree
from polku.metrics.dashboard import Cell, Dashboard, Table

FILLS = (
    {"fill": "#8fbcd4", "stroke": "#0b4f71", "stroke-width": "1.5"},
    {"fill": "#ffffff", "stroke": "#0b4f71", "stroke-width": "2"},
    {"fill": "#e3e6ea", "stroke": "#1b1f24", "stroke-width": "1.5", "stroke-dasharray": "4,2"},
)


# Readable at a phone's 390 px (shrunk to it, the 720-wide charts with their long row names had
# 6 px text): a horizontal chart names its rows by their number in its table (the table numbers
# them) and is drawn 360 wide, so its 13-unit text stays about 12 px on a phone; a vertical one
# (months, T-scores) is drawn 720 wide and on a phone follows its table 40rem wide in its own
# sideways-scrolling region (metrics.css).
WIDTH = 720
COMPACT_WIDTH = 360


def _ticks(highest: float) -> list[int]:
    """Whole-number axis labels from 0 past ``highest``, at most about eight."""
    if highest <= 0:
        return [0, 1]
    magnitude = 10 ** math.floor(math.log10(highest))
    step = 1
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = max(1, int(magnitude * factor))
        if highest / step <= 8:
            break
    top = int(math.ceil(highest / step) * step)
    return list(range(0, top + 1, step))


def _point(cell: Cell) -> dict[str, object] | None:
    if cell.suppressed:
        return {"value": 0, "label": cell.text()}
    if cell.value is None:
        return None
    value = float(cell.value) * (100 if cell.kind == "percent" else 1)
    return {"value": value, "label": cell.text() if value else ""}


def _strip(root: ET.Element) -> None:
    """Remove pygal's script, style, comments and tooltip overlay (the CSP allows no inline
    script or style). The elements are collected first: removing while iterating lxml's tree
    skips siblings."""
    doomed = []
    for parent in root.iter():
        for child in parent:
            if not isinstance(child.tag, str):
                doomed.append((parent, child))
                continue
            tag = child.tag.replace(SVG, "")
            if tag in ("script", "style") or "tooltip-overlay" in child.get("class", "").split():
                doomed.append((parent, child))
    for parent, child in doomed:
        parent.remove(child)


def _labels_off_the_axis(root: ET.Element) -> None:
    """A horizontal chart's bar of nothing (a suppressed "<5") has its label centred on the
    axis, over the rows' numbers: start it just right of the axis instead."""
    bars = [
        float(element.get("x", "0"))
        for element in root.iter()
        if str(element.tag).replace(SVG, "") == "rect"
        and "rect" in element.get("class", "").split()
    ]
    if not bars:
        return
    axis = min(bars)
    for element in root.iter():
        if str(element.tag).replace(SVG, "") != "text":
            continue
        if (
            "label" in element.get("class", "").split()
            and abs(float(element.get("x", "0")) - axis) < 0.5
        ):
            element.set("x", f"{axis + 3:.1f}")
            element.set("text-anchor", "start")


def _fill_bars(root: ET.Element) -> None:
    """Give each series' bars (and the legend's boxes) their fill and outline."""

    def walk(element: ET.Element, series: int | None) -> None:
        for name in element.get("class", "").split():
            if name.startswith("serie-") and name[6:].isdigit():
                series = int(name[6:])
        tag = str(element.tag).replace(SVG, "")
        if tag == "rect" and series is not None and "rect" in element.get("class", "").split():
            for key, value in FILLS[series % len(FILLS)].items():
                element.set(key, value)
        for child in element:
            walk(child, series)

    walk(root, None)
    legends = [
        element
        for element in root.iter()
        if str(element.tag).replace(SVG, "") == "g" and "legend" in element.get("class", "").split()
    ]
    for legend in legends:
        index = int((legend.get("id") or "activate-serie-0").rsplit("-", 1)[1])
        for line in list(legend):
            if "legend-line" in line.get("class", "").split():
                y = float(line.get("d", "M0 6").split()[1]) - 6
                legend.remove(line)
                box = legend.makeelement(str(line.tag).replace("path", "rect"), {})
                legend.append(box)
                box.set("x", "0")
                box.set("y", str(y))
                box.set("width", "12")
                box.set("height", "12")
                for key, value in FILLS[index % len(FILLS)].items():
                    box.set(key, value)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Cell]]],
    horizontal: bool = False,
) -> SafeString:
    """A bar chart of cells as inline SVG with ``role="img"`` and a ``<title>``. A horizontal
    chart labels its rows 1, 2, … (the rows' numbers in the table beside it).

    The SVG depends only on these arguments (the texts already in the viewer's language), so
    the last ``CACHED`` charts drawn are kept per process: pygal takes about 30 ms a chart, a
    third of the dashboard's time (docs/performance.md), and the same figures are drawn again
    whenever the dashboard is opened again before they change.

    Figures that are all zero, empty or suppressed draw no chart (an empty string): axes with
    nothing on them say less than the table's zeros beside them."""
    if not any(
        c.value and not c.suppressed and float(c.value) > 0
        for _name, cells in series
        for c in cells
    ):
        return SafeString("")
    svg = _render(
        translation.get_language() or "",  # the values' number format is the language's
        chart_id,
        title,
        tuple(labels),
        tuple((name, tuple(cells)) for name, cells in series),
        horizontal,
    )
    return mark_safe(svg)  # noqa: S308 - built by ElementTree from our own values


CACHED = 256


@functools.lru_cache(maxsize=CACHED)
def _render(
    language: str,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Cell]]],
    horizontal: bool,
) -> str:
    if horizontal:
        labels = [str(i) for i in range(1, len(labels) + 1)]
    points = [[_point(c) for c in cells] for _title, cells in series]
    if not horizontal and len(series) > 1:
        # Side by side on the axis, the "<5" labels of neighbouring bars of nothing would run
        # into each other and the months' names: the table beside says which they are.
        points = [
            [p if p is None or p["value"] else {**p, "label": ""} for p in row] for row in points
        ]
    highest = max(
        (float(p["value"]) for row in points for p in row if p is not None),  # type: ignore[arg-type]
        default=0.0,
    )
    if horizontal:  # pygal draws the first label at the bottom: the first row goes on top
        labels = list(reversed(labels))
        points = [list(reversed(row)) for row in points]
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        js=[],
        css=[],
        no_prefix=True,
        disable_xml_declaration=True,
        width=COMPACT_WIDTH if horizontal else WIDTH,
        height=max(240, 24 * len(labels) * len(series) + 110) if horizontal else 340,
        y_labels=_ticks(highest),
        print_labels=True,
        print_values=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        truncate_legend=-1,
        truncate_label=-1,
        show_legend=len(series) > 1,
        x_label_rotation=0 if horizontal or len(labels) <= 8 else 40,
        show_minor_x_labels=horizontal or len(labels) <= 12,
        x_labels_major_every=None if horizontal or len(labels) <= 12 else 3,
        margin=16,
        margin_left=16 if horizontal else 50,
    )
    chart.title = title
    chart.x_labels = list(labels)
    for (name, _cells), row in zip(series, points, strict=True):
        chart.add(name, row)
    root = chart.render_tree()
    _strip(root)
    _style_tree(root, chart_id, f"{chart_id}-title")
    _fill_bars(root)
    if horizontal:
        _labels_off_the_axis(root)
    ET.register_namespace("", SVG[1:-1])
    return ET.tostring(root, encoding="unicode")


def _column(table: Table, index: int) -> list[Cell]:
    return [row.cells[index] for row in table.rows]


MONTHS_DRAWN = 36  # months in the chart of starts and ends; a longer period has its table only
NUMBERED = ("lead", "shares", "absences", "destinations", "interruptions", "satisfaction")


def attach(board: Dashboard) -> None:
    """Draw the charts of the dashboard's tables (trends, distributions, the funnel)."""
    mine, organiser = _("Selection"), _("Organiser")
    for table in board.tables:  # their charts name the rows by number (the stages have theirs)
        table.numbered = table.key in NUMBERED
    stages = board.table("stages")
    stages.chart = bar_chart(
        chart_id="chart-stages",
        title=_("The pathway: persons at each stage"),
        labels=[r.label for r in stages.rows],
        series=[(mine, _column(stages, 0))],
        horizontal=True,
    )
    months = board.table("months")
    if len(months.rows) <= MONTHS_DRAWN:  # more would be bars too thin to read: the table
        months.chart = bar_chart(
            chart_id="chart-months",
            title=_("Starts and ends per month"),
            labels=[r.label for r in months.rows],
            series=[(months.headers[i], _column(months, i)) for i in range(3)],
        )
    lead = board.table("lead")
    lead.chart = bar_chart(
        chart_id="chart-lead",
        title=_("Median days between the steps"),
        labels=[r.label for r in lead.rows],
        series=[(mine, _column(lead, 1)), (organiser, _column(lead, 3))],
        horizontal=True,
    )
    shares = board.table("shares")
    shares.chart = bar_chart(
        chart_id="chart-shares",
        title=_("How the pathway is followed (%)"),
        labels=[r.label for r in shares.rows],
        series=[(mine, _column(shares, 2)), (organiser, _column(shares, 3))],
        horizontal=True,
    )
    absences = board.table("absences")
    absences.chart = bar_chart(
        chart_id="chart-absences",
        title=_("Absence days by reason"),
        labels=[r.label for r in absences.rows],
        series=[
            (absences.headers[0], _column(absences, 0)),
            (absences.headers[1], _column(absences, 1)),
        ],
        horizontal=True,
    )
    for key in ("destinations", "t_scores", "interruptions"):
        table = board.table(key)
        table.chart = bar_chart(
            chart_id=f"chart-{key}",
            title=table.title,
            labels=[r.label for r in table.rows],
            series=[(mine, _column(table, 0)), (organiser, _column(table, 1))],
            horizontal=key != "t_scores",
        )
    satisfied = board.table("satisfaction")
    if satisfied.rows:
        satisfied.chart = bar_chart(
            chart_id="chart-satisfaction",
            title=_("Fairly or very well (%), by place and producer type"),
            labels=[r.label for r in satisfied.rows],
            series=[(satisfied.headers[2], _column(satisfied, 2))],
            horizontal=True,
        )
