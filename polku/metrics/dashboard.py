"""The dashboard as tables: each figure of the selection beside the organiser as a whole, with
cells of fewer than five persons suppressed (SPEC §6: "Figures for fewer than 5 persons are
suppressed"). The page, the PDF, the charts and the exports all take these tables, so a
suppressed value never reaches any of them.

Suppression (docs/decisions/0017-metrics.md): a count of 1–4 persons is shown as "<5"; a share,
a rate, a median or a percentile whose base has fewer than five persons is "<5", and so is a
share whose numerator is 1–4. Zero is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from polku.attendance.models import AbsenceReason, InterruptionReason
from polku.clients.models import Stage
from polku.closure.models import CallNeed, CallOutcome, Destination
from polku.core.rules import day_label
from polku.metrics import figures as fig
from polku.metrics import summary
from polku.metrics.access import Scope
from polku.metrics.figures import Figures, Filters, Selection, Share

MIN_PERSONS = 5
SUPPRESSED = "<5"
SECONDARY = "x"  # a cell of five or more hidden so that a "<5" beside it cannot be computed


@dataclass(frozen=True)
class Cell:
    """One value as every output shows it; ``value`` is None when suppressed or empty."""

    value: float | int | None
    kind: str = "count"  # count | percent | days | mean (one decimal)
    suppressed: bool = False
    floor: int = MIN_PERSONS  # a suppressed cell reads "<floor" (7 for the survey's answers)
    secondary: bool = False  # hidden only so that a small cell cannot be computed back: "x"

    @property
    def marker(self) -> str:
        if self.secondary:
            return SECONDARY
        return SUPPRESSED if self.floor == MIN_PERSONS else f"<{self.floor}"

    def text(self) -> str:
        if self.suppressed:
            if self.kind != "count" and not self.secondary:
                # a share, a mean or days of a few persons (answers): "<5" in a column of
                # percentages or days would read as under five per cent or days
                if self.floor == MIN_PERSONS:
                    return pgettext("suppressed cell", "<5 pers.")
                return pgettext("suppressed cell", "<%(n)s answers") % {"n": self.floor}
            return self.marker
        if self.value is None:
            return "–"
        if self.kind == "percent":
            return f"{number(rounded(self.value * 100, 0))} %"
        if self.kind == "mean":
            return number(rounded(self.value, 1))
        return number(rounded(self.value, 0))

    def export(self) -> int | float | str:
        """The value written to a spreadsheet: a number, "<5" ("<7"), or empty."""
        if self.suppressed:
            return self.marker
        if self.value is None:
            return ""
        if self.kind == "percent":  # one decimal more than the page shows
            return float(rounded(float(self.value) * 100, 1))
        if self.kind == "mean":
            return float(rounded(self.value, 1))
        return self.value


def rounded(value: float | int, places: int) -> Decimal:
    """``value`` to ``places`` decimals, halves up (3.25 → 3.3), as statistics round: the page
    and the exports show the same figure (Django's number format would cut 3.16 to 3,1)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal) -> str:
    """A rounded value in the language's format: its decimal separator (no grouping of
    thousands, as ``USE_THOUSAND_SEPARATOR`` is off). The separator is looked up once per
    language: a dashboard shows about a thousand figures, and Django's ``number_format`` took
    a tenth of the page's rendering."""
    if settings.USE_THOUSAND_SEPARATOR:
        return formats.number_format(value, use_l10n=True)
    language = translation.get_language() or ""
    separator = _SEPARATORS.get(language)
    if separator is None:
        separator = _SEPARATORS[language] = str(formats.get_format("DECIMAL_SEPARATOR"))
    if value.is_zero():
        value = value.copy_abs()  # -0.2 rounds to 0, not "-0"
    return f"{value:f}".replace(".", separator)


_SEPARATORS: dict[str, str] = {}


def count(n: int) -> Cell:
    return Cell(n, suppressed=0 < n < MIN_PERSONS)


def share(s: Share) -> Cell:
    small = s.persons < MIN_PERSONS or 0 < s.done < MIN_PERSONS
    return Cell(s.ratio, "percent", suppressed=bool(s.of) and small)


def based(value: float | int | None, n: int, kind: str) -> Cell:
    return Cell(value, kind, suppressed=0 < n < MIN_PERSONS)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    key: str = ""  # the row's choice, for the clients behind it (``drilldown``)


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[Row]
    note: str = ""
    chart: SafeString | str = ""
    drill: str = ""  # the figure's key in ``drilldown.FIGURES`` when its rows have clients
    numbered: bool = False  # the page numbers the rows (its chart names them by number)

    @property
    def empty(self) -> bool:
        return all(c.value in (None, 0) and not c.suppressed for r in self.rows for c in r.cells)

    @property
    def stacked(self) -> bool:
        """On a phone each row stacks, every figure beside its column's name, rather than the
        table scrolling sideways (polku.css, ``.stack``): with one column too, whose long row
        names (a Swedish compound) pushed the figures out of a 390 px screen."""
        return bool(self.headers)

    @property
    def labelled(self) -> list[tuple[Row, list[tuple[str, Cell]]]]:
        """Each row with its cells paired with their column's header."""
        return [(row, list(zip(self.headers, row.cells, strict=False))) for row in self.rows]


def protect_line(cells: list[Cell], total: Cell) -> Cell | None:
    """One row or column of parts and their shown total: when exactly one part is suppressed,
    the total less the shown parts would give it back, so suppress the next smallest part that
    is not zero. With no such part the total is the hidden part itself: the total is returned
    suppressed. None when nothing changed."""
    if total.suppressed or total.value is None:
        return None
    hidden = [c for c in cells if c.suppressed]
    if len(hidden) != 1:
        return None
    candidates = [
        (float(c.value), i)
        for i, c in enumerate(cells)
        if not c.suppressed and c.value is not None and c.value > 0
    ]
    if not candidates:
        return replace(total, suppressed=True, secondary=True)
    index = min(candidates)[1]
    cells[index] = replace(cells[index], suppressed=True, secondary=True)
    return total


def protect_totals(table: Table, *, total_row: bool = True, total_column: bool = True) -> None:
    """Secondary (complementary) suppression for a table whose last column is each row's total
    and whose last row is each column's total: repeated until no row or column has a single
    suppressed cell beside a shown total (docs/subsystems/metrics.md)."""
    changed = True
    hidden_before = sum(c.secondary for r in table.rows for c in r.cells)
    while changed:
        changed = False
        if total_column:
            for row in table.rows:
                parts = row.cells[:-1]
                total = protect_line(parts, row.cells[-1])
                if total is not None:
                    row.cells[:] = [*parts, total]
                    changed = True
        if total_row:
            body = table.rows[:-1]
            totals = table.rows[-1].cells
            for index in range(len(totals)):
                column = [r.cells[index] for r in body]
                total = protect_line(column, totals[index])
                if total is not None:
                    for r, cell in zip(body, column, strict=True):
                        r.cells[index] = cell
                    totals[index] = total
                    changed = True
    if sum(c.secondary for r in table.rows for c in r.cells) > hidden_before:
        note_secondary(table)


def note_secondary(table: Table) -> None:
    """Say under ``table`` what its "x" cells are."""
    note = _("x: hidden so that a cell of fewer than five persons cannot be computed back.")
    table.note = f"{table.note} {note}".strip()


@dataclass
class Dashboard:
    scope_name: str
    organiser_name: str
    filters: Filters
    period_label: str
    filter_labels: list[tuple[str, str]]
    clients: Cell
    organiser_clients: Cell
    tables: list[Table] = field(default_factory=list)
    #: When the clients of the period, the persons per month, the lead times and the shares of
    #: plans, first meetings, plan reviews and periods were counted (:func:`facts_note`); empty
    #: when read from the records.
    facts_note: str = ""

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _pair(mine: Iterable[Cell], theirs: Iterable[Cell]) -> list[Cell]:
    return [*mine, *theirs]


def _headers(*mine: Any) -> list[str]:
    return [*(str(h) for h in mine), _("Organiser")]


def _choice_rows(
    choices: Iterable[tuple[str, Any]], mine: dict[str, int], theirs: dict[str, int]
) -> list[Row]:
    return [
        Row(str(label), [count(mine.get(key, 0)), count(theirs.get(key, 0))], key=str(key))
        for key, label in choices
    ]


def _stage_table(a: Figures, b: Figures) -> Table:
    return Table(
        "stages",
        _("Open client relationships by stage today"),
        _headers(_("Persons")),
        [
            Row(
                f"{stage.number}. {stage.label}",
                [count(a.stages.get(stage.value, 0)), count(b.stages.get(stage.value, 0))],
                key=stage.value,
            )
            for stage in Stage
        ],
        drill="stages",
    )


def _month_table(a: Figures, b: Figures, filters: Filters) -> Table:
    rows = []
    for month in fig.months_between(filters.starts_on, filters.ends_on):
        rows.append(
            Row(
                date_format(month, "m/Y"),
                [
                    count(a.months["contacts"].get(month, 0)),
                    count(a.months["starts"].get(month, 0)),
                    count(a.months["ends"].get(month, 0)),
                    count(b.months["starts"].get(month, 0)),
                    count(b.months["ends"].get(month, 0)),
                ],
            )
        )
    return Table(
        "months",
        _("Starts and ends per month"),
        [
            _("New client relationships"),
            _("Work activity started"),
            _("Relationships ended"),
            _("Organiser: started"),
            _("Organiser: ended"),
        ],
        rows,
        note=" ".join(filter(None, [_("Persons per month."), facts_note(a, "months")])),
    )


STEP_LABELS = {
    "contact": gettext_lazy("contact"),
    "worker": gettext_lazy("responsible worker"),
    "meeting": gettext_lazy("first meeting"),
    "plan": gettext_lazy("activation plan"),
    "start": gettext_lazy("work activity starts"),
}


def _lead_table(a: Figures, b: Figures) -> Table:
    rows = []
    for mine, theirs in zip(a.lead, b.lead, strict=True):
        label = f"{STEP_LABELS[mine.first]} → {STEP_LABELS[mine.last]}"
        rows.append(
            Row(
                label,
                [
                    count(mine.n),
                    based(mine.median, mine.n, "days"),
                    based(mine.p90, mine.n, "days"),
                    based(theirs.median, theirs.n, "days"),
                    based(theirs.p90, theirs.n, "days"),
                ],
            )
        )
    return Table(
        "lead",
        _("Days from contact to the start of work activity"),
        [
            _("Persons"),
            _("Median (days)"),
            _("90th percentile (days)"),
            _("Organiser: median"),
            _("Organiser: 90th percentile"),
        ],
        rows,
        note=" ".join(
            filter(
                None,
                [
                    _("Relationships begun in the period that reached both steps."),
                    facts_note(a, "lead"),
                ],
            )
        ),
    )


SHARE_LABELS = (
    ("two_options", gettext_lazy("Activation plans with at least two options")),
    ("informing", gettext_lazy("Informing checklist done at the first meeting")),
    ("visit", gettext_lazy("Introductory visit before the period")),
    ("notice", gettext_lazy("Notice to the chief shop steward before the start")),
    ("reviews", gettext_lazy("Plan reviews on time")),
    ("evaluated", gettext_lazy("Final evaluations done")),
    ("certificate", gettext_lazy("Certificates given")),
    ("follow_up", gettext_lazy("Follow-up plans made before the end")),
    ("calls", gettext_lazy("Follow-up calls made one month after the end")),
)


def _share_table(a: Figures, b: Figures) -> Table:
    rows = []
    for key, label in SHARE_LABELS:
        mine, theirs = a.shares[key], b.shares[key]
        small = mine.persons < MIN_PERSONS
        rows.append(
            Row(
                str(label),
                [
                    Cell(
                        mine.done,
                        suppressed=bool(mine.of) and (small or 0 < mine.done < MIN_PERSONS),
                    ),
                    Cell(mine.of, suppressed=small and bool(mine.of)),
                    share(mine),
                    share(theirs),
                ],
            )
        )
    return Table(
        "shares",
        _("How the pathway is followed"),
        [_("Done"), _("Of"), _("Share"), _("Organiser")],
        rows,
        note=facts_note(a, "shares"),
    )


def facts_note(a: Figures, which: str = "") -> str:
    """When the pathway's facts the figures were read from were counted (polku.metrics.facts),
    for the summary (``which`` empty), the persons per month (``"months"``), the lead times
    (``"lead"``) or the shares table (``"shares"``: all but the follow-up calls); empty when
    they were read from the records."""
    if a.facts_counted_at is None:
        return ""
    when = {"time": date_format(timezone.localtime(a.facts_counted_at), "DATETIME_FORMAT")}
    if which in ("lead", "months"):
        return _("As the records were at the nightly count (%(time)s).") % when
    if which == "shares":
        return (
            _(
                "The shares of plans, first meetings, plan reviews and periods as the records "
                "were at the nightly count (%(time)s)."
            )
            % when
        )
    return (
        _(
            "The clients of the period, the persons per month, the lead times and the shares of "
            "plans, first meetings, plan reviews and periods as the records were at the nightly "
            "count (%(time)s); changes made since show from the next count."
        )
        % when
    )


def summary_note(a: Figures) -> str:
    """Which days of the period were read from the attendance summary, and as counted when
    (polku.metrics.summary); empty when every day was read from the records."""
    covered = a.attendance_coverage
    sel = a.selection
    counted, records = summary.split(sel.start, sel.last_day, covered)
    if counted is None or covered.refreshed_at is None:
        return ""
    if records is None:
        text = _("Days %(first)s–%(last)s from the nightly summary (counted %(time)s).")
    else:
        text = _(
            "Days %(first)s–%(last)s from the nightly summary (counted %(time)s); the days since "
            "from the records as they are now."
        )
    return text % {
        "first": date_format(counted[0], "SHORT_DATE_FORMAT"),
        "last": date_format(counted[1], "SHORT_DATE_FORMAT"),
        "time": date_format(timezone.localtime(covered.refreshed_at), "DATETIME_FORMAT"),
    }


def _attendance_table(a: Figures, b: Figures) -> Table:
    mine, theirs = a.attendance, b.attendance
    return Table(
        "attendance",
        _("Attendance"),
        _headers(_("Selection")),
        [
            Row(_("Persons with recorded days"), [count(mine.persons), count(theirs.persons)]),
            Row(
                _("Attendance rate (present of present and absent days)"),
                [
                    based(mine.rate, mine.persons, "percent"),
                    based(theirs.rate, theirs.persons, "percent"),
                ],
            ),
        ],
        note=summary_note(a),
    )


def _absence_table(a: Figures, b: Figures) -> Table:
    rows = []
    for reason, label in AbsenceReason.choices:
        cells = []
        for planned in (True, False):
            cell = a.absences.get((reason, planned), fig.AbsenceCell(0, 0))
            cells.append(based(cell.days, cell.persons, "days"))
        total_b = [b.absences.get((reason, p), fig.AbsenceCell(0, 0)) for p in (True, False)]
        cells.append(based(sum(c.days for c in total_b), sum(c.persons for c in total_b), "days"))
        rows.append(Row(str(label), cells))
    return Table(
        "absences",
        _("Absence days by reason"),
        [_("Planned (reported in advance)"), _("Unplanned"), _("Organiser: all")],
        rows,
        note=" ".join(
            filter(
                None,
                [_("Days; the days of fewer than five persons read “<5 pers.”."), summary_note(a)],
            )
        ),
    )


CALL_RESULTS = (
    *((need.value, need.label) for need in CallNeed),
    (CallOutcome.NOT_REACHED.value, CallOutcome.NOT_REACHED.label),
)


def _traced_tables(a: Figures, b: Figures) -> list[Table]:
    """Outcomes traced back to the service network: persons per partner and per place, by name
    (ids never shown), each beside the organiser and suppressed below five like every count."""
    partner_names, place_names = fig.traced_names(a.traced, b.traced)
    no_period = pgettext("outcomes per place", "No work-activity period")

    def rows(mine: dict[Any, int], theirs: dict[Any, int], names: dict[int, str]) -> list[Row]:
        keys = sorted(
            set(mine) | set(theirs),
            key=lambda k: (k is None, names.get(k, "").casefold() if k is not None else ""),
        )
        return [
            Row(
                names.get(key, "–") if key is not None else no_period,
                [count(mine.get(key, 0)), count(theirs.get(key, 0))],
            )
            for key in keys
        ]

    note = _(
        "Ends in the period whose work, work trial, pay-subsidised work or studies the worker "
        "linked to an opportunity or a partner of the service network."
    )
    return [
        Table(
            "traced_partners",
            _("Outcomes per partner"),
            _headers(_("Persons")),
            rows(a.traced.partners, b.traced.partners, partner_names),
            note=note,
        ),
        Table(
            "traced_places",
            _("Outcomes per place"),
            _headers(_("Persons")),
            rows(a.traced.places, b.traced.places, place_names),
            note=_("The place of the client's latest work-activity period before the end."),
        ),
    ]


def build(*, scope: Scope, filters: Filters, today: dt.date) -> Dashboard:
    """Every figure of the manager's selection and of the organiser, as suppressed tables."""
    mine, theirs = fig.compute_each(
        [
            Selection(scope.unit_ids, filters, today),
            Selection(scope.organiser_unit_ids, filters, today, organisational=False),
        ]
    )
    tables = [
        _stage_table(mine, theirs),
        _month_table(mine, theirs, filters),
        _lead_table(mine, theirs),
        _share_table(mine, theirs),
        _attendance_table(mine, theirs),
        _absence_table(mine, theirs),
        Table(
            "interruptions",
            _("Interruptions by reason"),
            _headers(_("Persons")),
            _choice_rows(InterruptionReason.choices, mine.interruptions, theirs.interruptions),
        ),
        Table(
            "destinations",
            _("Destinations at the end"),
            _headers(_("Persons")),
            _choice_rows(Destination.choices, mine.destinations, theirs.destinations),
            drill="destinations",
        ),
        Table(
            "calls",
            _("One month after the end"),
            _headers(_("Persons")),
            _choice_rows(CALL_RESULTS, mine.call_outcomes, theirs.call_outcomes),
            note=_("What the follow-up call found; a destination at one month is not recorded."),
        ),
        *_traced_tables(mine, theirs),
        Table(
            "t_scores",
            _("GAS T-score at the final evaluation"),
            _headers(_("Persons")),
            [
                Row(t_bin_label(i), [count(m), count(t)])
                for i, (m, t) in enumerate(zip(mine.t_scores, theirs.t_scores, strict=True))
            ],
            note=_("50 means the goals were met as expected."),
        ),
    ]
    return Dashboard(
        scope_name=scope.name,
        organiser_name=scope.organiser.display_name if scope.organiser else "",
        filters=filters,
        period_label=f"{day_label(filters.starts_on)}–{day_label(filters.ends_on)}",
        filter_labels=filter_labels(filters),
        clients=count(mine.clients),
        organiser_clients=count(theirs.clients),
        tables=tables,
        facts_note=facts_note(mine),
    )


def t_bin_label(index: int) -> str:
    low, high = fig.T_BINS[index]
    if low is None:
        return pgettext("t-score", "under %(high)s") % {"high": high}
    if high is None:
        return pgettext("t-score", "%(low)s or more") % {"low": low}
    return f"{low}–{high - 1}"


def filter_labels(filters: Filters) -> list[tuple[str, str]]:
    """The filters chosen, in words, for the page, the PDF and the export."""
    labels: list[tuple[str, str]] = [
        (_("Period"), f"{day_label(filters.starts_on)}–{day_label(filters.ends_on)}")
    ]
    if filters.municipality:
        labels.append((_("Municipality"), filters.municipality.display_name))
    if filters.unit:
        labels.append((_("Unit"), filters.unit.display_name))
    if filters.place:
        labels.append((_("Work-activity place"), filters.place.display_name))
    if filters.producer_type:
        from polku.accounts.models import ProducerType

        labels.append((_("Producer type"), str(ProducerType(filters.producer_type).label)))
    if filters.age_band:
        labels.append((_("Age"), str(fig.AGE_BAND[filters.age_band].label)))
    if filters.gender:
        labels.append((_("Gender"), str(dict(fig.GENDERS)[filters.gender])))
    return labels
