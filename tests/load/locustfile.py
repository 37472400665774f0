"""The load generator (locust): workers and place supervisors using Polku as they do.

Run by ``tests/load/run.py``, never imported by the suite (locust patches the standard library
with gevent). Each simulated user logs in with one account of the plan (POLKU_LOAD_PLAN):
password, then the authenticator code computed from the account's TOTP key. Then:

- one user per account of the plan, workers and place supervisors alike;
- a worker reads the caseload, the work queue ("Tänään") and client pages, and logs contacts
  (GET the form, POST it): the write the run counts, each with the form's one-time
  ``submission`` token;
- a place supervisor reads "my place today" and the week grid, and records today's attendance of
  a client expected today (once per client).

Every response is classified (``outcome``): ``ok`` (the expected status), ``outage`` (503 with
Retry-After and the clean "briefly unavailable" page: the database could not be reached) or
``error`` (anything else: a 500, a traceback, a lost session sending to the login page, a
connection refused). Each request and each write answered with success is appended to
POLKU_LOAD_EVENTS as a JSON line when the run stops.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
import uuid
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

from tests.load.totp import totp

PLAN = json.loads(Path(os.environ["POLKU_LOAD_PLAN"]).read_text(encoding="utf-8"))
EVENTS: list[dict[str, Any]] = []
OUTAGE_TEXT = "Polku ei ole hetkeen käytettävissä"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')
DAY_FORM = re.compile(r'action="(/lasnaolo/paikka/\d+/tanaan/(\d+)/)"')
ACCOUNTS = {
    role: [account for account in PLAN if account["role"] == role]
    for role in ("worker", "place_supervisor")
}
_accounts = {role: iter(accounts) for role, accounts in ACCOUNTS.items()}


def outcome(response: Any, expect: tuple[int, ...]) -> str:
    if response.status_code in expect and "Traceback" not in response.text:
        return "ok"
    if (
        response.status_code == 503
        and response.headers.get("Retry-After")
        and OUTAGE_TEXT in response.text
        and "Traceback" not in response.text
    ):
        return "outage"
    return "error"


class PolkuUser(HttpUser):
    abstract = True
    wait_time = between(0.1, 0.5)
    role = ""

    def on_start(self) -> None:
        self.account = next(_accounts[self.role])
        self.logged_in = self._login()

    def _csrf(self, text: str) -> str:
        match = CSRF.search(text)
        return match.group(1) if match else ""

    def _login(self) -> bool:
        page = self.request("get", "/kirjaudu/", "login page", (200,))
        if page is None:
            return False
        answer = self.request(
            "post",
            "/kirjaudu/",
            "login password",
            (302,),
            data={
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": self._csrf(page.text),
            },
        )
        if answer is None:
            return False
        form = self.request("get", "/kaksivaihe/", "login code page", (200,))
        if form is None:
            return False
        code = totp(self.account["totp_key"], time.time())
        done = self.request(
            "post",
            "/kaksivaihe/",
            "login code",
            (302,),
            data={"code": code, "csrfmiddlewaretoken": self._csrf(form.text)},
        )
        return done is not None

    def request(
        self, method: str, path: str, name: str, expect: tuple[int, ...], **kwargs: Any
    ) -> Any:
        """One request; its outcome recorded; the response when it was ``ok``."""
        started = time.time()
        with self.client.request(
            method, path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            kind = outcome(response, expect)
            if response.status_code == 302 and 302 not in expect:
                kind = "error"  # sent away, for example to the login page: a lost session
            if kind == "ok":
                response.success()
            else:
                response.failure(f"{kind}: {response.status_code}")
            EVENTS.append(
                {
                    "t": started,
                    "name": name,
                    "method": method,
                    "status": response.status_code,
                    "outcome": kind,
                    "ms": (time.time() - started) * 1000,
                }
            )
            return response if kind == "ok" else None

    def wrote(self, kind: str, key: str | int) -> None:
        EVENTS.append({"t": time.time(), "write": kind, "key": key})


class Worker(PolkuUser):
    # One simulated user per account: an account logging in twice within a TOTP time step
    # would be refused (a code works once).
    fixed_count = len(ACCOUNTS["worker"])
    role = "worker"

    def on_start(self) -> None:
        super().on_start()
        self.log_contact()  # every run writes, however short

    @task(3)
    def caseload(self) -> None:
        if self.logged_in:
            self.request("get", "/asiakkaat/", "caseload", (200,))

    @task(3)
    def today(self) -> None:
        if self.logged_in:
            self.request("get", "/polku/tanaan/", "work queue", (200,))

    @task(3)
    def client_page(self) -> None:
        if self.logged_in:
            client = random.choice(self.account["clients"])
            self.request("get", f"/asiakkaat/{client}/", "client page", (200,))

    @task(2)
    def log_contact(self) -> None:
        if not self.logged_in:
            return
        relationship = random.choice(self.account["relationships"])
        path = f"/asiakkaat/asiakkuus/{relationship}/yhteydenotto/"
        form = self.request("get", path, "contact form", (200,))
        if form is None:
            return
        match = SUBMISSION.search(form.text)
        submission = match.group(1) if match else str(uuid.uuid4())
        saved = self.request(
            "post",
            path,
            "contact save",
            (302,),
            data={
                "csrfmiddlewaretoken": self._csrf(form.text),
                "kind": "phone",
                "contacted_on": time.strftime("%d.%m.%Y"),
                "outcome": "reached",
                "note": "",
                "submission": submission,
            },
        )
        if saved is not None:
            self.wrote("contact", submission)


class PlaceSupervisor(PolkuUser):
    fixed_count = len(ACCOUNTS["place_supervisor"])
    role = "place_supervisor"

    def on_start(self) -> None:
        super().on_start()
        self.recorded: set[str] = set()

    @task(3)
    def place_today(self) -> None:
        if self.logged_in:
            self.request(
                "get", f"/lasnaolo/paikka/{self.account['place']}/tanaan/", "place today", (200,)
            )

    @task(2)
    def place_week(self) -> None:
        if self.logged_in:
            self.request(
                "get", f"/lasnaolo/paikka/{self.account['place']}/viikko/", "place week", (200,)
            )

    @task(1)
    def record_day(self) -> None:
        if not self.logged_in:
            return
        page = self.request(
            "get", f"/lasnaolo/paikka/{self.account['place']}/tanaan/", "place today", (200,)
        )
        if page is None:
            return
        open_rows = [
            (action, period)
            for action, period in DAY_FORM.findall(page.text)
            if period not in self.recorded
        ]
        if not open_rows:
            return
        action, period = open_rows[0]
        saved = self.request(
            "post",
            action,
            "attendance save",
            (302, 200),  # 200: refused, shown on the page (someone recorded the day meanwhile)
            data={
                "csrfmiddlewaretoken": self._csrf(page.text),
                f"p{period}-status": "present",
                f"p{period}-hours": "4",
                f"p{period}-version": "",
            },
        )
        self.recorded.add(period)
        if saved is not None and saved.status_code == 302:
            self.wrote("attendance", int(period))


@events.test_stop.add_listener
def _write_events(**_: Any) -> None:
    with open(os.environ["POLKU_LOAD_EVENTS"], "a", encoding="utf-8") as handle:
        for event in EVENTS:
            handle.write(json.dumps(event) + "\n")
    EVENTS.clear()
