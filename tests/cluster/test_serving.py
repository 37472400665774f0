"""Production serving: gunicorn processes keep no state of their own (config/gunicorn.py).

Two servers on two loopback ports, as two machines behind a load balancer would be: a user logs
in on one and goes on, request by request, on the other and back; a write on one is read on the
other; logging out on one ends the session on both. Their log lines carry no client data."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import requests

from polku.clients.models import Client
from tests.load.run import database_url, serving
from tests.load.seed import secret_key, seed
from tests.load.totp import totp

# serialized_rollback: the rows the migrations seed (statutory values) come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')


def csrf(page: requests.Response) -> str:
    match = CSRF.search(page.text)
    assert match, page.text[:500]
    return match.group(1)


def test_two_server_processes_serve_one_session_alternately(tmp_path: Path) -> None:
    ((worker, _),) = (plan.accounts for plan in seed(1, clients=2, periods=0))
    client = Client.objects.get(pk=worker.clients[0])
    options = {"database": database_url(), "secret_key": secret_key(), "workers": 1}
    with (
        serving(log=tmp_path / "a.log", **options) as a,
        serving(log=tmp_path / "b.log", **options) as b,
    ):
        browser = requests.Session()
        # The health check of each: 200, no cookie, no client data.
        for server in (a, b):
            health = requests.get(f"{server.url}/terveys/", timeout=10)
            assert health.status_code == 200
            assert health.json() == {"status": "ok", "database": "ok"}
            assert "Set-Cookie" not in health.headers

        # Password on A, the authenticator code on B.
        page = browser.get(f"{a.url}/kirjaudu/", timeout=10)
        sent = browser.post(
            f"{a.url}/kirjaudu/",
            data={
                "username": worker.username,
                "password": worker.password,
                "csrfmiddlewaretoken": csrf(page),
            },
            allow_redirects=False,
            timeout=30,
        )
        assert sent.status_code == 302
        form = browser.get(f"{b.url}/kaksivaihe/", timeout=10)
        assert form.status_code == 200
        verified = browser.post(
            f"{b.url}/kaksivaihe/",
            data={"code": totp(worker.totp_key, time.time()), "csrfmiddlewaretoken": csrf(form)},
            allow_redirects=False,
            timeout=10,
        )
        assert verified.status_code == 302

        # The caseload, alternately from each process.
        for server in (a, b, a, b):
            caseload = browser.get(f"{server.url}/asiakkaat/", allow_redirects=False, timeout=10)
            assert caseload.status_code == 200
            assert client.last_name in caseload.text

        # A contact logged on B (the form fetched from A) is on the client's page on A.
        path = f"/asiakkaat/asiakkuus/{worker.relationships[1]}/yhteydenotto/"
        form = browser.get(f"{a.url}{path}", timeout=10)
        submission = SUBMISSION.search(form.text)
        assert submission
        saved = browser.post(
            f"{b.url}{path}",
            data={
                "csrfmiddlewaretoken": csrf(form),
                "kind": "phone",
                "contacted_on": time.strftime("%d.%m.%Y"),
                "outcome": "reached",
                "submission": submission.group(1),
            },
            allow_redirects=False,
            timeout=10,
        )
        assert saved.status_code == 302, saved.text[:2000]
        detail = browser.get(f"{a.url}{saved.headers['Location']}", timeout=10)
        assert "Yhteydenotto kirjattiin." in detail.text or "kirjattiin" in detail.text

        # A search with the client's name in the query string (kept out of the logs).
        found = browser.get(f"{b.url}/asiakkaat/haku/", params={"q": client.last_name}, timeout=10)
        assert found.status_code == 200

        # Logging out on A ends the session on B too.
        home = browser.get(f"{a.url}/asiakkaat/", timeout=10)
        out = browser.post(
            f"{a.url}/kirjaudu-ulos/",
            data={"csrfmiddlewaretoken": csrf(home)},
            allow_redirects=False,
            timeout=10,
        )
        assert out.status_code == 302
        after = browser.get(f"{b.url}/asiakkaat/", allow_redirects=False, timeout=10)
        assert after.status_code == 302
        assert after.headers["Location"].startswith("/kirjaudu/")

    logs = {"a": a.log_text(), "b": b.log_text()}
    for log in logs.values():
        assert '"GET /asiakkaat/" 200' in log  # each process served the session
        assert client.last_name not in log
        assert client.first_name not in log
        assert worker.username not in log
        assert "?" not in "".join(line for line in log.splitlines() if '"GET ' in line)
    assert '"GET /asiakkaat/haku/" 200' in logs["b"]
