from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.template import Context, Template
from django.utils import translation

from polku.accounts.models import Unit
from polku.clients.models import Client
from polku.core import clock
from polku.core.logging import RedactRequestFilter, RefusalWithoutTracebackFilter
from polku.core.versioning import EditConflict, save_versioned
from tests.people import People

pytestmark = pytest.mark.django_db


def test_clock_can_be_frozen() -> None:
    moment = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    with clock.frozen(moment):
        assert clock.now() == moment
        assert clock.today() == dt.date(2027, 1, 1)  # already New Year in Helsinki
    assert clock.now() != moment


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_dates_are_d_m_yyyy_in_every_language(language: str) -> None:
    with translation.override(language):
        rendered = Template("{{ day|date }} {{ day|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"day": dt.date(2025, 1, 5)})
        )
    assert rendered == "5.1.2025 5.1.2025"


def test_second_concurrent_save_is_refused(people: People) -> None:
    first = Client.objects.get(pk=people.client_record.pk)
    second = Client.objects.get(pk=people.client_record.pk)
    first.phone = "040 111 2222"
    save_versioned(first, expected=first.version, fields=["phone"])
    second.phone = "050 333 4444"
    with pytest.raises(EditConflict) as error:
        save_versioned(second, expected=second.version, fields=["phone"])
    assert "Joku muu" in error.value.messages[0]
    stored = Client.objects.get(pk=people.client_record.pk)
    assert (stored.phone, stored.version) == ("040 111 2222", 2)
    # A deliberate resave with the new version succeeds.
    save_versioned(second, expected=stored.version, fields=["phone"])
    assert Client.objects.get(pk=people.client_record.pk).phone == "050 333 4444"


def test_log_filter_drops_request_and_query_string() -> None:
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /yksikot/?search=Korhonen HTTP/1.1", "200", "123"),
        None,
    )
    record.request = object()
    RedactRequestFilter().filter(record)
    assert "Korhonen" not in record.getMessage()
    assert "/yksikot/" in record.getMessage()
    assert record.request is None  # type: ignore[attr-defined]


def test_a_refusal_is_logged_as_one_line_without_a_traceback(
    client, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    from django.urls import reverse

    client.force_login(people.client)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("pathways:today"))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    line = logging.Formatter("%(levelname)s %(name)s %(message)s").format(record)
    assert (
        line == f"WARNING django.request Forbidden (Permission denied): {reverse('pathways:today')}"
    )
    assert "Traceback" not in caplog.text


def test_server_errors_keep_their_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    error = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), exc_info)
    error.status_code = 500
    RefusalWithoutTracebackFilter().filter(error)
    assert error.exc_info is exc_info
    suspicious = logging.LogRecord(
        "django.security.DisallowedHost", logging.ERROR, __file__, 1, "x", (), exc_info
    )
    RefusalWithoutTracebackFilter().filter(suspicious)
    assert suspicious.exc_info is None


def test_company_place_may_not_produce_kuty(people: People) -> None:
    assert people.place.may_produce_kuty
    assert not people.company_place.may_produce_kuty
    assert not Unit.objects.get(pk=people.unit.pk).may_produce_kuty
