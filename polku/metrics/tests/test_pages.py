"""The dashboard, its PDF, the statistics and the exports: who may, the filters' refusals, the
files read back (openpyxl, csv), formula escaping, the disclosure event, flat query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from polku.accounts.models import Unit
from polku.accounts.roles import Role
from polku.audit.models import AuditEvent, EventKind
from polku.core import clock
from polku.metrics import facts, services, summary
from polku.metrics.dashboard import SHARE_LABELS
from polku.metrics.events import MetricsEvent
from polku.metrics.tests import builders as b
from polku.placements.models import Period, PeriodKind
from tests.factories import UnitFactory, role_user
from tests.people import People

D = dt.date
TODAY = D(2026, 7, 1)
DASHBOARD = reverse("metrics:dashboard")
QUERY = "starts_on=2026-01-01&ends_on=2026-06-30"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with clock.frozen(b.at(TODAY, 12)):
        yield


def fill(people: People, n: int, unit: Unit | None = None, *, days: bool = True) -> None:
    """``n`` pathways in the period, each with a period at the place and a few days."""
    for i in range(n):
        made = b.pathway(
            unit=unit or people.unit,
            worker=people.worker,
            contact=D(2026, 1, 5) + dt.timedelta(days=i % 20),
            assigned=D(2026, 1, 8) + dt.timedelta(days=i % 20),
            met=D(2026, 1, 15) + dt.timedelta(days=i % 20),
            signed=D(2026, 2, 1),
            options=2,
            place=people.place,
            start=D(2026, 3, 2),
            end=D(2026, 5, 29),
            visit=True,
            stage="s11",
            female=i % 2 == 0,
        )
        if days:
            b.days(made["period"], people.worker, present=3, absent=1)


def login(client: HttpClient, user: object) -> HttpClient:
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_manager_sees_the_dashboard_with_figures_and_suppression(
    client: HttpClient, people: People
) -> None:
    fill(people, 6)
    response = login(client, people.manager).get(f"{DASHBOARD}?{QUERY}")
    assert response.status_code == 200
    page = response.content.decode()
    assert str(_("Metrics of the client pathway")) in page
    assert "<svg" in page
    assert 'role="img"' in page
    assert "&lt;5" in page
    # Pseudonymous: no client's name on the page.
    assert "Mittariasiakas" not in page
    assert "Kalle Asiakas" not in page
    board = response.context["board"]
    shares = board.table("shares")
    two = next(r for r in shares.rows if r.label == str(SHARE_LABELS[0][1]))
    assert two.cells[0].text() == "6"
    assert two.cells[2].text() == "100 %"


@pytest.mark.parametrize(
    "role", ["worker", "decision_maker", "place_supervisor", "client", "administrator"]
)
def test_others_may_not(client: HttpClient, people: People, role: str) -> None:
    login(client, getattr(people, role))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(reverse("metrics:dashboard_export")).status_code == 403
    assert client.get(reverse("metrics:statistics")).status_code == 403


def test_a_manager_of_one_unit_sees_only_that_unit(client: HttpClient, people: People) -> None:
    fill(people, 5, unit=people.unit)
    fill(people, 5, unit=people.other_unit)
    manager = role_user(Role.MANAGER, people.other_unit)
    login(client, manager)
    response = client.get(f"{DASHBOARD}?{QUERY}")
    assert response.status_code == 200
    scope = response.context["scope"]
    assert scope.unit_ids == {people.other_unit.pk}
    # A filter to a unit the manager may not see is refused clearly, with no figures.
    response = client.get(f"{DASHBOARD}?{QUERY}&unit={people.unit.pk}")
    assert response.status_code == 400
    assert "board" not in response.context
    assert response.context["form"].errors["unit"]


def test_a_manager_without_social_services_units_gets_404(
    client: HttpClient, people: People
) -> None:
    lonely = role_user(Role.MANAGER, UnitFactory.create(kind="municipality"))
    assert login(client, lonely).get(DASHBOARD).status_code == 404


def test_a_period_that_ends_before_it_starts_is_refused(client: HttpClient, people: People) -> None:
    response = login(client, people.manager).get(
        f"{DASHBOARD}?starts_on=2026-06-01&ends_on=2026-01-01"
    )
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].errors.as_data()["ends_on"]] == [
        "period_order"
    ]


def test_the_period_fields_show_the_period_counted(client: HttpClient, people: People) -> None:
    """A date typed into the address as 2026-01-01 is shown as 1.1.2026; an end without a
    start counts from the start of the end's year, and the start field says so."""
    login(client, people.manager)
    iso = client.get(f"{DASHBOARD}?starts_on=2026-01-01&ends_on=2026-06-30")
    assert iso.status_code == 200
    form = iso.context["form"]
    assert (form["starts_on"].value(), form["ends_on"].value()) == ("1.1.2026", "30.6.2026")
    assert 'value="1.1.2026"' in iso.content.decode()
    only_end = client.get(f"{DASHBOARD}?ends_on=1.3.2020")
    assert only_end.status_code == 200
    form = only_end.context["form"]
    assert (form["starts_on"].value(), form["ends_on"].value()) == ("1.1.2020", "1.3.2020")
    # A refusal keeps what was typed and shows the start it was compared with.
    wrong = client.get(f"{DASHBOARD}?starts_on=1.6.2026&ends_on=2026-01-01")
    assert wrong.status_code == 400
    form = wrong.context["form"]
    assert (form["starts_on"].value(), form["ends_on"].value()) == ("1.6.2026", "1.1.2026")
    typo = client.get(f"{DASHBOARD}?starts_on=1.6.2026&ends_on=32.1.2026")
    assert typo.status_code == 400
    assert typo.context["form"]["ends_on"].value() == "32.1.2026"


def test_small_days_say_persons_and_an_empty_table_says_so(
    client: HttpClient, people: People
) -> None:
    """Absence days of three persons read "<5 hlö" (not "<5", under five days); a table with
    no rows says there are no figures; a period of over three years has no monthly chart."""
    fill(people, 5, days=False)
    fill(people, 3)
    login(client, people.manager)
    response = client.get(f"{DASHBOARD}?{QUERY}")
    board = response.context["board"]
    own_illness = board.table("absences").rows[0]
    assert [c.text() for c in own_illness.cells] == ["0", "<5 hlö", "<5 hlö"]
    page = response.content.decode()
    assert "Alle viiden henkilön osuus, aste tai päivät näytetään muodossa ”<5 hlö”." in page
    assert 'id="chart-months"' in page
    assert not board.table("traced_partners").rows
    assert "Valinnalla ei ole lukuja." in page
    long = client.get(f"{DASHBOARD}?starts_on=1.1.2023&ends_on=30.6.2026")
    assert long.status_code == 200
    assert len(long.context["board"].table("months").rows) == 42
    assert 'id="chart-months"' not in long.content.decode()


def test_the_pdf(client: HttpClient, people: People) -> None:
    fill(people, 5)
    response = login(client, people.manager).get(f"{reverse('metrics:dashboard_pdf')}?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def _export(client: HttpClient, fmt: str, purpose: str = "Lautakunnan raportti") -> object:
    return client.post(
        f"{reverse('metrics:dashboard_export')}?{QUERY}",
        {"purpose": purpose, "fmt": fmt, "use": "management"},
    )


def test_export_needs_its_capability_and_a_purpose(client: HttpClient, people: People) -> None:
    login(client, people.manager)
    assert client.get(f"{reverse('metrics:dashboard_export')}?{QUERY}").status_code == 200
    response = _export(client, "xlsx", purpose="  ")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert not AuditEvent.objects.filter(what=MetricsEvent.EXPORT).exists()


def test_xlsx_export_read_back_with_suppression_and_the_disclosure(
    client: HttpClient, people: People
) -> None:
    fill(people, 6)
    fill(people, 2, unit=people.other_unit)
    login(client, people.manager)
    response = _export(client, "xlsx")
    assert response.status_code == 200  # type: ignore[attr-defined]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "<5" in flat
    label = str(SHARE_LABELS[0][1])
    two = next(row for row in values if row[0] == label)
    assert two[1] == 8
    assert two[3] == 100
    event = AuditEvent.objects.get(what=MetricsEvent.EXPORT)
    assert event.kind == EventKind.DISCLOSURE
    assert event.actor_id == people.manager.pk
    assert event.purpose == "Lautakunnan raportti"
    assert event.legal_basis == "703/2023; 552/2019 §41 (tietojohtaminen)"
    assert event.client_id is None
    assert event.changes["export"] == [None, "dashboard xlsx"]
    assert event.changes["use"] == [None, "management"]
    assert event.changes["basis"] == [None, "manager"]


def test_csv_export_read_back_and_formula_escaping(client: HttpClient, people: People) -> None:
    fill(people, 5)
    Unit.objects.filter(pk=people.unit.pk).update(name="=HYPERLINK(1)")
    login(client, people.manager)
    response = client.post(
        f"{reverse('metrics:dashboard_export')}?{QUERY}&unit={people.unit.pk}",
        {"purpose": "@Tarkistus", "fmt": "csv", "use": "management"},
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    units = [line for line in lines if line and line[0] == str(_("Unit"))]
    assert units == [[str(_("Unit")), "'=HYPERLINK(1)"]]
    stage_11 = next(line for line in lines if line and line[0].startswith("11."))
    assert stage_11[1] == "5"
    event = AuditEvent.objects.get(what=MetricsEvent.EXPORT)
    assert event.purpose == "@Tarkistus"
    assert "=HYPERLINK(1)" in event.changes["filters"][1]


def test_xlsx_formula_escaping(client: HttpClient, people: People) -> None:
    fill(people, 5)
    Unit.objects.filter(pk=people.unit.pk).update(name="+SUM(A1)")
    login(client, people.manager)
    response = client.post(
        f"{reverse('metrics:dashboard_export')}?{QUERY}&unit={people.unit.pk}",
        {"purpose": "Testi", "fmt": "xlsx", "use": "management"},
    )
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(data)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "+SUM(A1)")
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_statistics_and_its_export(client: HttpClient, people: People) -> None:
    fill(people, 6)
    login(client, people.manager)
    response = client.get(f"{reverse('metrics:statistics')}?vuosi=2026")
    assert response.status_code == 200
    participants = response.context["stats"].tables[0]
    total = participants.rows[-1]
    assert total.cells[-1].text() == "6"
    assert client.get(f"{reverse('metrics:statistics')}?vuosi=19x").status_code == 404
    # Every year the page accepts is in its select, the one shown chosen.
    old_year = client.get(f"{reverse('metrics:statistics')}?vuosi=2000").content.decode()
    assert '<option value="2000" selected>2000</option>' in old_year
    response = client.post(
        f"{reverse('metrics:statistics_export')}?vuosi=2026",
        {"purpose": "THL", "fmt": "csv", "use": "statistics"},
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert str(_("Participants by age and gender")) in text
    event = AuditEvent.objects.get(what=MetricsEvent.EXPORT)
    assert event.changes["export"] == [None, "statistics csv"]
    assert event.legal_basis == services.LEGAL_BASES["statistics"]
    assert "552/2019" in event.legal_basis


def test_a_kind_of_period_of_fewer_than_five_persons_is_hidden_and_cannot_be_computed_back(
    client: HttpClient, people: People
) -> None:
    """Six periods begun, one of them introductory: the introductory one is "<5" by its own
    person, and the full ones "x", since six less them would give it back."""
    fill(people, 6)
    first = Period.objects.filter(relationship__unit=people.unit).order_by("pk").first()
    assert first is not None
    Period.objects.filter(pk=first.pk).update(kind=PeriodKind.INTRODUCTORY)
    login(client, people.manager)
    stats = client.get(f"{reverse('metrics:statistics')}?vuosi=2026").context["stats"]
    table = next(t for t in stats.tables if t.key == "periods")
    assert [r.cells[0].text() for r in table.rows[:3]] == ["6", "<5", "x"]
    assert "x:" in table.note


def test_the_export_form_states_the_use_and_its_legal_basis(
    client: HttpClient, people: People
) -> None:
    login(client, people.manager)
    response = client.get(f"{reverse('metrics:statistics_export')}?vuosi=2026")
    page = response.content.decode()
    assert "703/2023" in page
    assert services.LEGAL_BASES["statistics"] in page
    assert response.context["export_form"]["use"].value() == "statistics"  # preselected
    # Without a use the export is refused and nothing is logged; the purpose typed stays.
    response = client.post(
        f"{reverse('metrics:dashboard_export')}?{QUERY}", {"purpose": "Lautakunta", "fmt": "csv"}
    )
    assert response.status_code == 400
    assert response.context["export_form"].errors["use"]
    assert 'value="Lautakunta"' in response.content.decode()
    assert not AuditEvent.objects.filter(what=MetricsEvent.EXPORT).exists()
    with pytest.raises(ValidationError):
        services.export_disclose(
            actor=people.manager,
            what="dashboard",
            fmt="csv",
            purpose="x",
            use="gossip",
            scope_name="",
            labels=[],
        )


def _queries(client: HttpClient) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{DASHBOARD}?{QUERY}").status_code == 200
    return len(queries)


def test_query_count_stays_flat_as_rows_grow(client: HttpClient, people: People) -> None:
    """From 10 to 1,000 clients (the 990 without attendance days, to keep the test quick)."""
    login(client, people.manager)
    fill(people, 10)
    _queries(client)  # the first request also saves the session
    few = _queries(client)
    fill(people, 990, days=False)
    assert _queries(client) == few
    facts.refresh()  # the lead times and shares from the pathway's facts: the same queries
    assert _queries(client) == few


def test_the_page_says_when_the_pathway_facts_were_counted(
    client: HttpClient, people: People
) -> None:
    """Counted on 1.7. at 2.15: the summary, the persons per month, the lead times and the
    shares say so in the page's language; before any count nothing is said, and the figures
    are the same."""
    fill(people, 6)
    login(client, people.manager)
    before = client.get(f"{DASHBOARD}?{QUERY}")
    assert "yöllisessä laskennassa" not in before.content.decode()
    with clock.frozen(b.at(TODAY, 2) + dt.timedelta(minutes=15)):
        facts.refresh()
    after = client.get(f"{DASHBOARD}?{QUERY}")
    page = after.content.decode()
    assert page.count("yöllisessä laskennassa (laskettu 1.7.2026 klo 02.15)") == 4
    board, old = after.context["board"], before.context["board"]
    assert (board.clients.text(), board.organiser_clients.text()) == (
        old.clients.text(),
        old.organiser_clients.text(),
    )
    for key in ("months", "lead", "shares"):
        rows = [[c.text() for c in r.cells] for r in board.table(key).rows]
        assert rows == [[c.text() for c in r.cells] for r in old.table(key).rows]
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    swedish = client.get(f"{DASHBOARD}?{QUERY}").content.decode()
    assert swedish.count("vid nattens beräkning (beräknad 1.7.2026 kl. 02.15)") == 4


def test_a_chart_shows_a_suppressed_cell_as_its_label_only() -> None:
    from polku.metrics.charts import bar_chart
    from polku.metrics.dashboard import Cell

    svg = bar_chart(
        chart_id="chart-test",
        title="Testi",
        labels=["a", "b"],
        series=[("x", [Cell(70), Cell(4, suppressed=True)])],
    )
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-test-title"' in svg
    assert "&lt;5" in svg
    assert ">4<" not in svg  # the suppressed value is nowhere
    assert "<script" not in svg
    assert "<style" not in svg
    # Side by side, the bars of nothing have no labels to run into each other (the table
    # says which are "<5"); every series' legend box has the fill of its bars (readable
    # without colour).
    svg = bar_chart(
        chart_id="chart-test2",
        title="Testi",
        labels=["a", "b"],
        series=[("x", [Cell(70), Cell(4, suppressed=True)]), ("y", [Cell(50), Cell(0)])],
    )
    assert "&lt;5" not in svg
    assert ">4<" not in svg
    assert svg.count('width="12" height="12"') == 2


def test_figures_with_nothing_to_draw_draw_no_chart() -> None:
    """All zero, empty or suppressed: no chart (the table beside it says so); one figure above
    zero draws one."""
    from polku.metrics.charts import bar_chart
    from polku.metrics.dashboard import Cell

    def chart(*cells: Cell) -> str:
        return bar_chart(chart_id="chart-z", title="Testi", labels="abc", series=[("x", cells)])

    assert chart(Cell(0), Cell(None), Cell(3, suppressed=True)) == ""
    assert chart(Cell(0.0, "percent"), Cell(0), Cell(0)) == ""
    assert 'role="img"' in chart(Cell(0), Cell(0.25, "percent"), Cell(0))


def test_a_horizontal_charts_suppressed_label_starts_right_of_the_axis() -> None:
    """Not centred on the axis over the rows' numbers (1, 2, … at its left)."""
    import re

    from polku.metrics.charts import bar_chart
    from polku.metrics.dashboard import Cell

    svg = bar_chart(
        chart_id="chart-test-h",
        title="Testi",
        labels=["a", "b", "c"],
        series=[("x", [Cell(70), Cell(4, suppressed=True), Cell(3)])],
        horizontal=True,
    )
    labels = dict(
        (text, (float(x), anchor))
        for x, anchor, text in re.findall(
            r'<text x="([\d.]+)"[^>]*class="label"[^>]*text-anchor="(\w+)">([^<]*)</text>', svg
        )
    )
    bars = [float(x) for x in re.findall(r'<rect x="([\d.]+)"[^>]*class="rect', svg)]
    axis = min(bars)
    assert labels["&lt;5"] == (pytest.approx(axis + 3, abs=0.1), "start")
    assert labels["70"][1] == "middle"
    assert labels["70"][0] > axis + 50


def test_the_figures_are_read_with_replica_reads_opted_in(
    client: HttpClient, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside ``replica_reads()`` a configured replica takes the reads (the router's own tests
    show where they go; tests run in a transaction, so here they stay on the primary)."""
    from polku.core import replica
    from polku.metrics import dashboard as dashboard_module
    from polku.metrics import figures

    seen: list[bool] = []
    original = figures.compute_each

    def compute_each(sels: list[figures.Selection]) -> list[figures.Figures]:
        seen.extend(replica._wanted.get() for _sel in sels)
        return original(sels)

    monkeypatch.setattr(dashboard_module.fig, "compute_each", compute_each)
    login(client, people.manager)
    assert client.get(f"{DASHBOARD}?{QUERY}").status_code == 200
    assert seen == [True, True]
    seen.clear()
    assert client.get(f"{reverse('metrics:statistics')}?vuosi=2026").status_code == 200
    response = client.post(
        f"{reverse('metrics:dashboard_export')}?{QUERY}",
        {"purpose": "Testi", "fmt": "csv", "use": "management"},
    )
    b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert seen == [True, True]


def test_the_default_period_is_the_year_so_far_in_d_m_yyyy(
    client: HttpClient, people: People
) -> None:
    response = login(client, people.manager).get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="1.1.2026"' in page
    assert 'value="1.7.2026"' in page
    assert response.context["query"] == "starts_on=1.1.2026&ends_on=1.7.2026"


def test_a_chart_is_drawn_once_for_the_same_figures_and_language() -> None:
    from django.utils import translation

    from polku.metrics import charts
    from polku.metrics.dashboard import Cell

    def draw(value: float) -> str:
        return charts.bar_chart(
            chart_id="chart-cache",
            title="Testi",
            labels=["a"],
            series=[("x", [Cell(value, "mean")])],
        )

    charts._render.cache_clear()
    with translation.override("fi"):
        first = draw(3.14)
        assert draw(3.14) == first
        assert charts._render.cache_info().hits == 1
        assert draw(2.5) != first  # other figures: drawn anew
    with translation.override("en"):
        english = draw(3.14)  # the value's number format is the language's
    assert charts._render.cache_info().misses == 3
    assert ">3,1<" in first
    assert ">3.1<" in english


def test_the_page_says_which_days_the_attendance_summary_gave(
    client: HttpClient, people: People
) -> None:
    """Counted on 1.7. at 2.30: the days to 30.6. from the summary, said under both tables in
    the page's language; before any count nothing is said, and the figures are the same."""
    fill(people, 6)
    login(client, people.manager)
    before = client.get(f"{DASHBOARD}?{QUERY}")
    assert "yöllisestä yhteenvedosta" not in before.content.decode()
    with clock.frozen(b.at(TODAY, 2) + dt.timedelta(minutes=30)):
        summary.refresh()
    after = client.get(f"{DASHBOARD}?{QUERY}")
    page = after.content.decode()
    note = "Päivät 1.1.2026–30.6.2026 yöllisestä yhteenvedosta (laskettu 1.7.2026 klo 02.30)."
    assert page.count(note) == 2
    # A period that reaches the day of the count says the days since came from the records.
    to_today = client.get(f"{DASHBOARD}?starts_on=2026-01-01&ends_on=2026-07-01")
    assert (
        "(laskettu 1.7.2026 klo 02.30); sen jälkeiset päivät kirjauksista"
        in to_today.content.decode()
    )
    for key in ("attendance", "absences"):
        rows = [[c.text() for c in r.cells] for r in after.context["board"].table(key).rows]
        assert rows == [
            [c.text() for c in r.cells] for r in before.context["board"].table(key).rows
        ]
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    swedish = client.get(f"{DASHBOARD}?{QUERY}")
    assert (
        "Dagarna 1.1.2026–30.6.2026 ur nattens sammanställning (beräknad 1.7.2026 kl. 02.30)"
        in swedish.content.decode()
    )
    part = client.get(f"{DASHBOARD}?starts_on=2026-02-10&ends_on=2026-02-20").content.decode()
    # A period wholly counted says nothing of days since.
    assert (
        "Dagarna 10.2.2026–20.2.2026 ur nattens sammanställning (beräknad 1.7.2026 kl. 02.30)."
        in part
    )
    assert "dagarna därefter" not in part
