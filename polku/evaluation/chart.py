"""The progress chart (SPEC §5): each goal's GAS level and the T-score over time (baseline,
mid-period, final), rendered on the server as SVG with pygal (docs/decisions/0010).

The page's content security policy forbids inline scripts and styles, so pygal's ``<script>``
and ``<style>`` are removed and every look is set as SVG presentation attributes. The chart is
readable without colour: each line has its own dash pattern, each point carries its goal's
number (or its T-score) as text, and the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

import pygal
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from pygal.etree import etree as pygal_etree

SVG = "{http://www.w3.org/2000/svg}"
COLOURS = ("#0b4f71", "#b3541e", "#1e6b3a", "#6b2d8f", "#a4161a", "#454d57")
DASHES = ("", "9,5", "2,4", "12,4,2,4", "16,6", "5,2")
INK = "#1b1f24"
LINE = "#c9d0d8"


@dataclass(frozen=True)
class Series:
    title: str
    label: str  # printed at every point (the goal's number), "" to print the value instead
    values: Sequence[float | None]


def _style_tree(root: ET.Element, chart_id: str, title_id: str) -> None:
    # What to remove is found first and removed after: removing while the tree is walked
    # skips the next sibling (lxml's iterator does).
    removed: list[tuple[ET.Element, ET.Element]] = []
    for parent in root.iter():
        for child in parent:
            if not isinstance(child.tag, str):  # pygal's comments (its version and URL)
                removed.append((parent, child))
                continue
            tag = child.tag.replace(SVG, "")
            classes = child.get("class", "").split()
            if tag in ("script", "style") or "tooltip-overlay" in classes:
                removed.append((parent, child))
            elif tag == "title" and parent is not root:
                removed.append((parent, child))  # the axes' own titles: the chart has one
    for parent, child in removed:
        parent.remove(child)
    root.set("id", chart_id)
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("class", "chart")
    root.set("font-family", "system-ui, sans-serif")
    root.set("font-size", "13")
    _walk(root, title_id, set(), None)


def _tag(element: ET.Element) -> str:
    return str(element.tag).replace(SVG, "")


def _walk(element: ET.Element, title_id: str, context: set[str], series: int | None) -> None:
    """Set the look of ``element`` from its own classes and those of the groups around it."""
    tag, classes = _tag(element), set(element.get("class", "").split())
    for name in classes:
        if name.startswith("serie-") and name[6:].isdigit():
            series = int(name[6:])
    colour = COLOURS[series % len(COLOURS)] if series is not None else INK
    dash = DASHES[series % len(DASHES)] if series is not None else ""
    if tag == "title":
        element.set("id", title_id)
    elif tag == "rect" and "background" in classes:
        element.set("fill", "#ffffff")
    elif tag == "path" and series is not None:
        element.set("stroke", colour)
        element.set("stroke-width", "2.5")
        element.set("fill", "none")
        if dash:
            element.set("stroke-dasharray", dash)
    elif tag == "path" and "legend-line" not in classes:
        element.set("stroke", LINE if "guide" in classes else "#454d57")
        element.set("fill", "none")
    elif tag == "circle":
        element.set("fill", colour)
        element.set("r", "4")
    elif tag == "text":
        element.set("fill", INK)
        if "title" in classes:
            element.set("font-size", "15")
            element.set("font-weight", "bold")
            element.set("text-anchor", "middle")
        elif "x" in context:
            element.set("text-anchor", "middle")
        elif "y" in context:
            element.set("text-anchor", "end")
        if "label" in classes:
            element.set("font-weight", "bold")
            element.set("text-anchor", "middle")
    if tag == "g" and "legend" in classes:
        _legend(element)
    inner = context | (classes & {"x", "y"})
    for child in element:
        _walk(child, title_id, inner, series)


def _spread_labels(root: ET.Element) -> None:
    """Goals at the same level share a point: each series' number is moved sideways by its
    own step, so "1" and "2" on one point stand apart instead of on top of each other."""

    def walk(element: ET.Element, series: int | None) -> None:
        for name in element.get("class", "").split():
            if name.startswith("serie-") and name[6:].isdigit():
                series = int(name[6:])
        if _tag(element) == "text" and "label" in element.get("class", "").split():
            if series is not None:
                element.set("dx", str(((series % 4) - 1.5) * 9))
        for child in element:
            walk(child, series)

    walk(root, None)


def _legend(legend: ET.Element) -> None:
    """A legend entry shows a short line in the series' colour and dash, not a colour box."""
    index = int((legend.get("id") or "activate-serie-0").rsplit("-", 1)[1])
    for box in legend:
        if _tag(box) != "rect":
            continue
        y = float(box.get("y", "0")) + 6
        box.tag = "path"
        for name in ("x", "y", "width", "height"):
            box.attrib.pop(name, None)
        box.set("class", "legend-line")
        box.set("d", f"M0 {y} h14")
        box.set("stroke", COLOURS[index % len(COLOURS)])
        box.set("stroke-width", "3")
        dash = DASHES[index % len(DASHES)]
        if dash:
            box.set("stroke-dasharray", dash.split(",")[0] + ",2")
    for text in legend:
        if _tag(text) == "text":
            text.set("fill", INK)


def render(
    *,
    chart_id: str,
    title: str,
    columns: Sequence[str],
    series: Sequence[Series],
    value_range: tuple[float, float],
    y_labels: Sequence[float],
    phone: bool = False,
) -> SafeString:
    """A line chart as inline SVG with ``role="img"`` and a ``<title>`` (axe: svg-img-alt).
    ``phone`` draws it 360 wide for a 390 px screen (the title wrapped, the column names
    slanted, narrower margins): the page shows one or the other by its width."""
    chart = pygal.Line(
        js=[],
        css=[],
        no_prefix=True,
        disable_xml_declaration=True,
        width=360 if phone else 720,
        height=360 if phone else 340,
        range=value_range,
        y_labels=list(y_labels),
        print_labels=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        truncate_legend=-1,
        show_x_guides=False,
        dots_size=4,
        margin=8 if phone else 16,
        margin_left=8 if phone else 90,
        margin_right=16 if phone else 90,
        x_label_rotation=25 if phone else 0,
    )
    chart.title = title
    chart.x_labels = list(columns)
    for row in series:
        chart.add(
            row.title,
            [
                None
                if value is None
                else {"value": value, "label": row.label or str(floatformat(value, 1))}
                for value in row.values
            ],
        )
    # pygal builds on lxml when it is installed (another package may bring it); the tree is
    # walked and written with the standard library's ElementTree, so pygal is told to use it.
    pygal_etree.to_etree()
    root = chart.render_tree()
    _style_tree(root, chart_id, f"{chart_id}-title")
    if len(series) > 1:
        _spread_labels(root)
    ET.register_namespace("", SVG[1:-1])
    text = ET.tostring(root, encoding="unicode")
    return mark_safe(text)  # noqa: S308 - built by ElementTree, every text escaped
