"""The idle timeout without a session write on every request (SessionIdleMiddleware): a GET
within the renewal interval commits nothing for the session; after it the expiry is renewed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse

from polku.core import clock
from tests.people import People

pytestmark = pytest.mark.django_db


def _session_writes(client: Any, url: str) -> list[str]:
    writes: list[str] = []

    def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "django_session" in sql and not sql.lstrip().upper().startswith("SELECT"):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        assert client.get(url).status_code == 200
    return writes


def test_a_session_is_renewed_once_per_interval_not_on_every_request(
    client, people: People, settings
) -> None:
    settings.POLKU_SESSION_RENEW_SECONDS = 60
    start = clock.now().replace(second=5, microsecond=0)
    url = reverse("pathways:today")
    with clock.frozen(start):
        client.force_login(people.worker)
        client.get(url)
    key = client.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    with clock.frozen(start + dt.timedelta(seconds=30)):
        assert _session_writes(client, url) == []
    with clock.frozen(start + dt.timedelta(seconds=70)):
        assert _session_writes(client, url) != []
    assert Session.objects.get(session_key=key).expire_date > expiry
