"""The month report's pages and documents: who may produce which report, the PDF and the XLSX
read back, formula injection, the disclosure events, and flat query counts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from polku.accounts.models import Unit
from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay
from polku.attendance.reports import Month
from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.builders import running_period
from polku.audit.models import AuditEvent, EventKind
from polku.clients.models import Client as ClientRecord
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.placements.deadlines import statutory_holidays
from polku.placements.models import Period
from tests.factories import ClientFactory, PlaceFactory
from tests.people import People, role_user
from tests.queries import assert_flat_queries, count_queries

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def xlsx(response: Any) -> Workbook:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def last(weekday: int) -> dt.date:
    """The latest past day (before today) with ``weekday`` (0 Monday)."""
    day = clock.today() - dt.timedelta(days=1)
    while day.weekday() != weekday:
        day -= dt.timedelta(days=1)
    return day


def absence_day(present_on: dt.date, starts_on: dt.date) -> dt.date:
    """A Tuesday or a Wednesday of the client's in the month of ``present_on`` (a Monday),
    before today and within the period."""
    holidays = statutory_holidays(present_on.year)
    for offset in (1, 2, -6, -5, -13, -12, -20, -19, -27, -26):
        day = present_on + dt.timedelta(days=offset)
        if (
            day < clock.today()
            and day.month == present_on.month
            and day >= starts_on
            and day not in holidays
        ):
            return day
    raise AssertionError("no day for the absence")


@pytest.fixture
def period(people: People) -> Period:
    """A period of `worker`'s client at `people.place`, Mondays to Wednesdays, with a day
    present (the last Monday) and an unexcused absence in the same month."""
    found = running_period(people, weekdays="123")
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(period=found, day=last(0), status="present"),
    )
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=found,
            day=absence_day(last(0), found.starts_on),
            status="absent",
            reason="other",
            notice="not_reported",
            correction_reason="Kirjattu jälkikäteen.",
        ),
    )
    return found


def month_of(day: dt.date) -> str:
    return Month.of(day).key


def more_periods(base: Period, count: int) -> list[Period]:
    """``count`` more clients with a period like ``base`` at its place, each with a present
    and an absent day (rows made directly: the query counts need many)."""
    made = []
    relationship = base.relationship
    template = list(AttendanceDay.objects.filter(period=base))
    for _ in range(count):
        other = ClientRelationship.objects.create(
            client=ClientFactory.create(),
            unit=relationship.unit,
            started_on=relationship.started_on,
            source=relationship.source,
            reason=relationship.reason,
            received_by=relationship.received_by,
            responsible_worker=relationship.responsible_worker,
            stage=relationship.stage,
        )
        copy = Period.objects.get(pk=base.pk)
        copy.pk = None
        copy.relationship = other
        copy.save()
        for row in template:
            row.pk = None
            row.period = copy
            row.relationship = other
            row.save()
        made.append(copy)
    return made


# --- Who may -----------------------------------------------------------------------------------


def test_the_supervisor_of_another_place_gets_404(client: Client, people: People, period) -> None:
    other = role_user(Role.PLACE_SUPERVISOR, PlaceFactory.create(parent=people.organiser))
    client.force_login(other)
    for url in (
        reverse("attendance:report_period", args=[period.pk]),
        reverse("attendance:report_place", args=[people.place.pk]),
        reverse("attendance:report_place_xlsx", args=[people.place.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_supervisor_sees_a_period_only_for_months_it_overlaps(
    client: Client, people: People, period
) -> None:
    client.force_login(people.place_supervisor)
    url = reverse("attendance:report_period", args=[period.pk])
    before = Month.of(period.starts_on).previous().key
    assert client.get(url, {"kuukausi": before}).status_code == 404
    assert client.get(url, {"kuukausi": month_of(period.starts_on)}).status_code == 200
    # The responsible worker sees any month of their client's period.
    client.force_login(people.worker)
    assert client.get(url, {"kuukausi": before}).status_code == 200


def test_a_manager_sees_only_the_organiser_and_places_they_manage(
    client: Client, people: People, period
) -> None:
    client.force_login(role_user(Role.MANAGER, people.employment_authority))
    organiser = reverse("attendance:report_organiser", args=[people.organiser.pk])
    assert client.get(organiser).status_code == 404
    assert client.get(reverse("attendance:report_place", args=[people.place.pk])).status_code == 404
    # A unit that is not an organiser has no organiser report.
    client.force_login(people.manager)
    assert (
        client.get(reverse("attendance:report_organiser", args=[people.unit.pk])).status_code == 404
    )
    assert client.get(organiser).status_code == 200


def test_a_unit_manager_gets_the_unit_clients_of_the_organiser(
    client: Client, people: People, period
) -> None:
    """A manager holding the role in a unit under the organiser: that unit's clients only."""
    unit_manager = role_user(Role.MANAGER, people.other_unit)
    client.force_login(unit_manager)
    url = reverse("attendance:report_organiser_xlsx", args=[people.organiser.pk])
    book = xlsx(client.get(url, {"kuukausi": month_of(last(0))}))
    assert book["Asiakkaat"].max_row == 1  # the header only: the client is of another unit
    client.force_login(people.manager)
    book = xlsx(client.get(url, {"kuukausi": month_of(last(0))}))
    assert book["Asiakkaat"].max_row >= 2


# --- The page ----------------------------------------------------------------------------------


def test_the_period_page_shows_the_figures_and_days(client: Client, people: People, period) -> None:
    client.force_login(people.worker)
    day = last(0)
    response = client.get(
        reverse("attendance:report_period", args=[period.pk]), {"kuukausi": month_of(day)}
    )
    text = response.content.decode()
    assert "Osallistumispäivät" in text
    assert f"{day.day}.{day.month}.{day.year}" in text
    assert reverse("placements:period", args=[period.pk]) in text
    event = AuditEvent.objects.filter(kind=EventKind.ACCESS).latest("pk")
    assert (event.what, event.basis) == ("attendance month report", "responsible_worker")


def test_a_month_that_is_not_one_is_refused_clearly(client: Client, people: People, period) -> None:
    client.force_login(people.worker)
    url = reverse("attendance:report_period", args=[period.pk])
    response = client.get(url, {"kuukausi": "=1+1"})
    assert response.status_code == 200
    assert "Anna kuukausi" in response.content.decode()
    pdf = reverse("attendance:report_period_pdf", args=[period.pk])
    assert client.get(pdf, {"kuukausi": "2026-13"}).status_code == 404
    organiser = reverse("attendance:report_organiser_xlsx", args=[people.organiser.pk])
    client.force_login(people.manager)
    assert client.get(organiser, {"vuosi": "20x6"}).status_code == 404


def test_the_place_page_logs_every_client_shown(client: Client, people: People, period) -> None:
    client.force_login(people.place_supervisor)
    more_periods(period, 2)
    before = AuditEvent.objects.count()
    response = client.get(
        reverse("attendance:report_place", args=[people.place.pk]), {"kuukausi": month_of(last(0))}
    )
    assert response.status_code == 200
    events = AuditEvent.objects.filter(pk__gt=0).order_by("-pk")[
        : AuditEvent.objects.count() - before
    ]
    reads = [e for e in events if e.what == "attendance month report"]
    assert len(reads) == 3
    assert {e.basis for e in reads} == {"place_supervisor"}
    assert period.relationship.client.last_name in response.content.decode()


def test_the_organiser_page_shows_places_not_clients(
    client: Client, people: People, period
) -> None:
    client.force_login(people.manager)
    response = client.get(
        reverse("attendance:report_organiser", args=[people.organiser.pk]),
        {"kuukausi": month_of(last(0))},
    )
    text = response.content.decode()
    assert people.place.name in text
    assert period.relationship.client.last_name not in text


# --- The documents -----------------------------------------------------------------------------


def test_the_period_pdf_is_a_real_pdf_and_a_disclosure(
    client: Client, people: People, period
) -> None:
    client.force_login(people.place_supervisor)
    day = last(0)
    response = client.get(
        reverse("attendance:report_period_pdf", args=[period.pk]), {"kuukausi": month_of(day)}
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert period.relationship.client.full_name in text
    assert "Osallistumispäivät" in text
    assert "Poissa: Muu syy (ei hyväksyttävä)" in text
    assert f"{day.day}.{day.month}.{day.year}" in text
    event = AuditEvent.objects.filter(kind=EventKind.DISCLOSURE).latest("pk")
    assert event.what == "attendance report"
    assert event.client_id == period.relationship.client_id
    assert (event.recipient, event.basis) == ("work_activity_place", "place_supervisor")
    assert event.legal_basis == "189/2001 §§ 17, 23"
    assert event.purpose == f"attendance month report {month_of(day)} pdf"
    assert (event.record_type, event.record_id) == ("placements.Period", str(period.pk))


def test_the_place_pdf_lists_the_clients_in_swedish(client: Client, people: People, period) -> None:
    client.force_login(people.place_supervisor)
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    response = client.get(
        reverse("attendance:report_place_pdf", args=[people.place.pk]),
        {"kuukausi": month_of(last(0))},
    )
    text = pdf_text(response.content)
    assert period.relationship.client.last_name in text
    assert "Deltagardagar" in text


def test_the_xlsx_reads_back_with_the_figures_and_formulas_as_text(
    client: Client, people: People, period
) -> None:
    ClientRecord.objects.filter(pk=period.relationship.client_id).update(
        last_name='=HYPERLINK("http://example.com")', first_name="@SUM(A1)"
    )
    client.force_login(people.worker)
    day = last(0)
    response = client.get(
        reverse("attendance:report_period_xlsx", args=[period.pk]), {"kuukausi": month_of(day)}
    )
    assert "lasnaolo-jakso-" in response["Content-Disposition"]
    book = xlsx(response)
    sheet = book["Asiakkaat"]
    header = [cell.value for cell in sheet[1]]
    row = {label: cell for label, cell in zip(header, sheet[2], strict=True)}
    name = row["Asiakas"]
    assert name.value == '=HYPERLINK("http://example.com") @SUM(A1)'
    assert name.data_type == "s"  # text, not a formula
    assert row["Osallistumispäivät"].value >= 1
    assert row["Poissaolot"].value >= 1
    assert row["Ilman hyväksyttävää syytä"].value >= 1
    assert row["Kulukorvaus tai toimintaraha (€)"].value == pytest.approx(
        9 * row["Osallistumispäivät"].value
    )
    valtio = row["Valtionkorvaus (€)"].value
    assert Decimal(str(valtio)) == Decimal("10.09") * row["Osallistumispäivät"].value
    assert row["Jakso alkaa"].value.date() == period.starts_on
    days = [r[1].value for r in book["Päivät"].iter_rows(min_row=2)]
    assert "Läsnä, 6 h" in days
    event = AuditEvent.objects.filter(kind=EventKind.DISCLOSURE).latest("pk")
    assert (event.recipient, event.basis) == ("print", "responsible_worker")


def test_the_organisers_year_is_a_row_per_client_and_each_a_disclosure(
    client: Client, people: People, period
) -> None:
    more_periods(period, 2)
    client.force_login(people.manager)
    year = last(0).year
    before = AuditEvent.objects.filter(kind=EventKind.DISCLOSURE).count()
    response = client.get(
        reverse("attendance:report_organiser_xlsx", args=[people.organiser.pk]), {"vuosi": year}
    )
    assert f"lasnaolo-jarjestaja-{year}.xlsx" in response["Content-Disposition"]
    book = xlsx(response)
    rows = list(book["Asiakkaat"].iter_rows(min_row=1, values_only=True))
    assert rows[0][0] == "Vuosi"
    assert len(rows) == 1 + 3  # one row per client's period with the year's sums
    assert {row[0] for row in rows[1:]} == {str(year)}
    present = rows[0].index("Osallistumispäivät")
    totals = list(book["Yhteensä"].iter_rows(values_only=True))
    assert len(totals) == 1 + 13  # twelve months and the year
    year_present = totals[-1][totals[0].index("Osallistumispäivät")]
    assert year_present == sum(row[present] for row in rows[1:]) >= 3
    # One disclosure per client's period, with the manager's key.
    events = AuditEvent.objects.filter(kind=EventKind.DISCLOSURE).order_by("pk")[before:]
    assert len(events) >= 3
    assert {e.recipient for e in events} == {"print"}
    assert {e.basis for e in events} == {"manager"}
    assert {e.client_id for e in events} == set(
        Period.objects.filter(place=people.place, starts_on=period.starts_on).values_list(
            "relationship__client_id", flat=True
        )
    )


# --- Query counts ------------------------------------------------------------------------------


def grow(period: Period, count: int) -> None:
    more_periods(period, count)


def test_the_place_report_keeps_its_query_count(client: Client, people: People, period) -> None:
    client.force_login(people.place_supervisor)
    month = {"kuukausi": month_of(last(0))}
    url = reverse("attendance:report_place", args=[people.place.pk])
    assert_flat_queries(client, url, data=month, grow=lambda: grow(period, 59))


def test_the_period_report_keeps_its_query_count(client: Client, people: People, period) -> None:
    client.force_login(people.worker)
    url = reverse("attendance:report_period", args=[period.pk])
    before = count_queries(client, url, {"kuukausi": month_of(last(0))})
    assert before < 30


def xlsx_queries(client: Client, url: str, data: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response: Any = client.get(url, data)
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


def test_the_organiser_xlsx_keeps_its_query_count_per_chunk(
    client: Client, people: People, period, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(people.manager)
    url = reverse("attendance:report_organiser_xlsx", args=[people.organiser.pk])
    month = {"kuukausi": month_of(last(0))}
    xlsx_queries(client, url, month)
    one = xlsx_queries(client, url, month)
    more_periods(period, 59)
    assert xlsx_queries(client, url, month) == one  # 1 and 60 clients: one chunk each
    # In chunks of 20, every chunk costs the same few queries, whatever the rows.
    monkeypatch.setattr("polku.attendance.selectors.reports.CHUNK", 20)
    sixty = xlsx_queries(client, url, month)
    more_periods(period, 20)
    eighty = xlsx_queries(client, url, month)
    per_chunk = eighty - sixty
    # The periods, their records counted by the database, the days moved into the month,
    # their interruptions, and the disclosure's INSERT in its own transaction (a savepoint
    # here).
    assert 0 < per_chunk <= 7
    assert sixty == one + 2 * per_chunk


def test_the_organiser_overview_keeps_its_query_count(
    client: Client, people: People, period
) -> None:
    client.force_login(people.manager)
    url = reverse("attendance:report_organiser", args=[people.organiser.pk])
    assert_flat_queries(
        client, url, data={"kuukausi": month_of(last(0))}, grow=lambda: grow(period, 59)
    )


def test_a_place_report_counts_a_place_without_clients(client: Client, people: People) -> None:
    client.force_login(people.place_supervisor)
    response = client.get(reverse("attendance:report_place", args=[people.place.pk]))
    assert response.status_code == 200
    assert "Kenelläkään ei ollut jaksoa" in response.content.decode()
    assert Unit.objects.filter(pk=people.place.pk).exists()


def test_the_period_page_links_to_the_month_report(client: Client, people: People, period) -> None:
    client.force_login(people.worker)
    response = client.get(reverse("placements:period", args=[period.pk]))
    assert reverse("attendance:report_period", args=[period.pk]) in response.content.decode()


def test_a_month_without_a_statutory_value_is_a_clear_message_not_an_error(
    client: Client, people: People, period
) -> None:
    """No value in force for a day of the month (the administrator has not added the new
    year's amounts): the report says so in the viewer's language, it does not fail (500)."""
    from polku.attendance.reports import STATE_KEY
    from polku.core.models import StatutoryValue

    StatutoryValue.objects.filter(key=STATE_KEY).delete()
    client.force_login(people.worker)
    month = {"kuukausi": month_of(last(0))}
    for name in ("report_period", "report_period_pdf", "report_period_xlsx"):
        response = client.get(reverse(f"attendance:{name}", args=[period.pk]), month)
        assert response.status_code == 409, name
        assert "Kuukausiraporttia ei voida muodostaa" in response.content.decode()
    client.force_login(people.place_supervisor)
    response = client.get(reverse("attendance:report_place", args=[people.place.pk]), month)
    assert response.status_code == 409
    client.force_login(people.manager)
    response = client.get(reverse("attendance:report_organiser", args=[people.organiser.pk]), month)
    assert response.status_code == 409


def test_the_excused_columns_and_the_absence_tags_have_their_own_words(
    client: Client, people: People, period
) -> None:
    """ "Excused"/"Unexcused" head a column of day counts in the report and tag one absence on
    the period's page: Finnish and Swedish need different words for each (own contexts)."""
    client.force_login(people.worker)
    month = {"kuukausi": month_of(last(0))}
    page = reverse("attendance:period_attendance", args=[period.pk])
    for language, column, tag in (
        ("fi", "Ilman hyväksyttävää syytä", "Ei hyväksyttävää syytä"),
        ("sv", "Utan godtagbart skäl", "Inget godtagbart skäl"),
    ):
        client.post(reverse("core:set_language"), {"language": language, "next": "/"})
        response = client.get(reverse("attendance:report_period_xlsx", args=[period.pk]), month)
        header = [cell.value for cell in xlsx(response).worksheets[0][1]]
        assert column in header
        assert tag not in header
        text = client.get(page, month).content.decode()
        assert tag in text
        assert column not in text
