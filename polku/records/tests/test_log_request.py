"""The client's log request (703/2023 §11): recording it, the report's content and its
two-year rule, producing it once, the work queue, and who may open the pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from polku.audit.models import AuditEvent, EventKind
from polku.clients.events import ClientRead
from polku.core import clock
from polku.pathways.workqueue import work_queue
from polku.records.models import LogRequest
from polku.records.services import log_report_produce, log_request_ask, log_request_record
from tests.people import People

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The text of the PDF with its line breaks as spaces (table cells wrap)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def document(request: LogRequest) -> bytes:
    assert request.document is not None
    return bytes(request.document)


def record(people: People, **fields: object) -> LogRequest:
    values: dict[str, object] = {
        "received_on": clock.today(),
        "channel": "letter",
        "language": "fi",
    }
    values.update(fields)
    return log_request_record(
        actor=people.worker,
        relationship=people.relationship,
        **values,  # type: ignore[arg-type]
    )


def event(people: People, *, days_ago: int, what: str = "client page", **fields: object) -> None:
    values: dict[str, object] = {
        "kind": EventKind.ACCESS,
        "occurred_at": clock.now() - dt.timedelta(days=days_ago),
        "actor_id": people.worker.pk,
        "actor_name": people.worker.username,
        "client_id": people.client_record.pk,
        "what": what,
        "basis": "responsible_worker",
    }
    values.update(fields)
    AuditEvent.objects.create(**values)


def codes(error: ValidationError) -> dict[str, set[str | None]]:
    return {field: {e.code for e in errors} for field, errors in error.error_dict.items()}


def test_refusals_name_what_is_wrong(people: People) -> None:
    with pytest.raises(ValidationError) as error:
        record(people, received_on=None, channel="")
    assert codes(error.value) == {"received_on": {"required"}, "channel": {"required"}}
    with pytest.raises(ValidationError) as error:
        record(people, received_on=clock.today() + dt.timedelta(days=1))
    assert codes(error.value) == {"received_on": {"future"}}
    created = timezone.localdate(people.client_record.created_at)
    with pytest.raises(ValidationError) as error:
        record(people, received_on=created - dt.timedelta(days=1))
    assert codes(error.value) == {"received_on": {"before_client"}}
    with pytest.raises(ValidationError) as error:
        record(people, include_older=True, older_reason="  ")
    assert codes(error.value) == {"older_reason": {"older_without_reason"}}
    with pytest.raises(ValidationError) as error:
        record(people, channel="carrier pigeon")
    assert codes(error.value) == {"channel": {"channel"}}
    record(people)
    with pytest.raises(ValidationError) as error:
        record(people)
    assert codes(error.value) == {"received_on": {"resubmitted"}}
    assert LogRequest.objects.count() == 1


def test_a_worker_without_a_basis_may_not_record(people: People) -> None:
    with pytest.raises(PermissionDenied):
        log_request_record(
            actor=people.worker_other_unit,
            relationship=people.relationship,
            received_on=clock.today(),
            channel="letter",
            language="fi",
        )


def test_the_report_names_people_what_and_basis_and_keeps_to_two_years(
    people: People,
) -> None:
    event(people, days_ago=3)
    event(people, days_ago=3)
    event(people, days_ago=3)
    event(
        people,
        days_ago=5,
        kind=EventKind.DISCLOSURE,
        what="activation plan PDF",
        basis="",
        recipient="employment_authority",
        legal_basis="189/2001 §8",
    )
    event(people, days_ago=800, what="client page")  # over two years before the request
    event(people, days_ago=2, kind=EventKind.CHANGE, what="client details", basis="")
    request = record(people)
    produced = log_report_produce(actor=people.worker, request=request)
    text = pdf_text(document(produced))
    assert "Lokitietoraportti" in text
    assert "Sanna Ohjaaja, sosiaaliohjaaja" in text
    assert "Asiakkaan sivu" in text  # the read's label, not its key
    assert "3 kertaa" in text  # three reads of the same day on one line
    assert "Vastuutyöntekijä" in text  # the basis's label
    assert "Luovutettu: Työvoimaviranomaiselle" in text
    assert "189/2001 8 §" in text  # cited as the statute book does, whatever the event holds
    assert "client page" not in text
    # 3 reads + 1 disclosure; the change and the 800-day-old read are not in it.
    assert produced.entries == 4
    disclosure = AuditEvent.objects.filter(what="log report").get()
    assert disclosure.kind == EventKind.DISCLOSURE
    assert disclosure.recipient == "client"
    assert disclosure.legal_basis == "703/2023 §11"


def test_older_events_with_a_special_reason_and_in_swedish(people: People) -> None:
    people.worker.title_sv = "socialhandledare"
    people.worker.save(update_fields=["title_sv"])
    event(people, days_ago=800)
    event(
        people,
        days_ago=5,
        kind=EventKind.DISCLOSURE,
        what="decision notified",
        basis="",
        recipient="client",
        legal_basis="434/2003 §§ 54–62",
    )
    request = record(
        people, include_older=True, older_reason="Asiakas epäilee vanhaa käyttöä.", language="sv"
    )
    produced = log_report_produce(actor=people.worker, request=request)
    text = pdf_text(document(produced))
    assert "Loggrapport" in text
    assert "Asiakas epäilee vanhaa käyttöä." in text
    assert str(ClientRead.CLIENT_PAGE.label) not in text  # Finnish label not in a Swedish report
    # Staff by their Swedish title, in the header and on the lines; sections the Swedish way.
    assert "Sanna Ohjaaja, socialhandledare" in text
    assert "sosiaaliohjaaja" not in text
    assert "Rättslig grund: 434/2003 54–62 §" in text.replace("– ", "–")  # a cell may wrap
    assert produced.entries == 2


def test_the_logged_purposes_are_named_in_the_report_language(people: People) -> None:
    """The services log a disclosure's purpose as a fixed English key and a purpose of use as
    ``key: the worker's words``: the report names them in its language, never by the key."""
    disclosure = {"kind": EventKind.DISCLOSURE, "basis": "", "recipient": "client"}
    event(
        people,
        days_ago=4,
        what="invitation letter",
        purpose="invitation to a meeting",
        **disclosure,
    )
    event(
        people,
        days_ago=3,
        what="attendance report",
        purpose="attendance month report 2026-03 pdf",
        **disclosure,
    )
    event(people, days_ago=2, basis="purpose_of_use", purpose="continuity: jatkuvuus")
    event(people, days_ago=1, basis="team_cover", purpose="Sijaistan Annaa")
    finnish = log_report_produce(actor=people.worker, request=record(people))
    text = pdf_text(document(finnish))
    assert "Käyttötarkoitus: Kutsu tapaamiseen" in text
    assert "Läsnäolon kuukausiraportti 3/2026 (PDF)" in text
    assert "Asiakkaan palvelun jatkuvuus: jatkuvuus" in text
    assert "Sijaistan Annaa" in text  # a worker's own words as written
    for key in ("invitation to a meeting", "attendance month report", "continuity"):
        assert key not in text
    swedish = log_report_produce(
        actor=people.worker,
        request=record(people, language="sv"),  # the first is answered: a new one may be recorded
    )
    assert "Kallelse till möte" in pdf_text(document(swedish))


def test_produced_once_and_the_kept_report_is_shown(client, people: People) -> None:
    request = record(people)
    log_report_produce(actor=people.worker, request=request)
    with pytest.raises(ValidationError) as error:
        log_report_produce(actor=people.worker, request=request)
    assert error.value.code == "already_produced"
    assert AuditEvent.objects.filter(what="log report").count() == 1
    client.force_login(people.worker)
    response = client.post(reverse("records:log_report_produce", args=[request.pk]), follow=True)
    assert "tuotettiin jo" in response.content.decode()
    pdf = client.get(reverse("records:log_report_pdf", args=[request.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    request.refresh_from_db()
    assert pdf.content == document(request)


def test_the_work_queue_reminds_until_the_report_is_produced(people: People) -> None:
    type(people.client_record).objects.filter(pk=people.client_record.pk).update(
        created_at=clock.now() - dt.timedelta(days=30)
    )
    people.relationship.client.refresh_from_db()
    request = record(people, received_on=clock.today() - dt.timedelta(days=3))
    items = [i for i in work_queue(viewer=people.worker) if i.kind == "log_request"]
    assert len(items) == 1
    assert items[0].due == request.due_on
    assert request.due_on.month != request.received_on.month
    log_report_produce(actor=people.worker, request=request)
    assert [i for i in work_queue(viewer=people.worker) if i.kind == "log_request"] == []


def test_the_pages_record_and_show_the_request(client, people: People) -> None:
    client.force_login(people.worker)
    url = reverse("records:log_requests", args=[people.relationship.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "muodossa p.k.vvvv" in page.content.decode().lower()
    bad = client.post(url, {"received_on": "32.13.2026", "channel": "letter", "language": "fi"})
    assert bad.status_code == 200
    assert LogRequest.objects.count() == 0
    assert 'value="letter" selected' in bad.content.decode()
    today = clock.today()
    response = client.post(
        url,
        {
            "received_on": f"{today.day}.{today.month}.{today.year}",
            "channel": "phone",
            "language": "fi",
        },
    )
    request = LogRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("records:log_request", args=[request.pk])
    shown = client.get(response["Location"]).content.decode()
    assert "Puhelimitse" in shown
    assert request.due_on.strftime("%-d.%-m.%Y") in shown


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("worker", 200),
        ("worker_other_unit", 404),
        ("place_supervisor", 403),
        ("client", 403),
        ("manager", 403),
        ("anonymous", 302),
    ],
)
def test_who_may_open_the_pages(client, people: People, who: str, status: int) -> None:
    request = record(people)
    if who != "anonymous":
        client.force_login(getattr(people, who))
    for url in (
        reverse("records:log_requests", args=[people.relationship.pk]),
        reverse("records:log_request", args=[request.pk]),
    ):
        assert client.get(url).status_code == status


def test_the_list_of_requests_costs_the_same_queries_with_more_requests(
    client, people: People
) -> None:
    from tests.queries import assert_flat_queries

    type(people.client_record).objects.filter(pk=people.client_record.pk).update(
        created_at=clock.now() - dt.timedelta(days=60)
    )
    people.relationship.client.refresh_from_db()
    first = record(people, received_on=clock.today() - dt.timedelta(days=40))
    log_report_produce(actor=people.worker, request=first)
    client.force_login(people.worker)

    def grow() -> None:
        log_request_ask(actor=people.client, client=people.client_record)
        for days in (30, 20, 10, 1):
            made = record(people, received_on=clock.today() - dt.timedelta(days=days))
            if days == 30:
                log_report_produce(actor=people.worker, request=made)

    assert_flat_queries(
        client, reverse("records:log_requests", args=[people.relationship.pk]), grow=grow
    )
