"""A real OpenID Connect provider for the tests of strong identification (decision 0015).

:func:`running_provider` starts panva's ``oidc-provider`` (tests/browser/oidc_provider.mjs, from
node_modules: ``npm ci`` in ``make test`` installs it) as a subprocess on a free loopback port,
waits until it listens, points Polku's settings at its discovery document and stops it at the
end. Its test people log in on the provider's own login page with any password; their claims
carry artificial identity codes (individual numbers 900–999).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import select
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polku.clients import identity

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "browser" / "oidc_provider.mjs"
NODE = shutil.which("node") or "/usr/bin/node"
CLIENT_ID = "polku-test"
CLIENT_SECRET = "polku-test-secret-that-is-long-enough"
SCOPES = "openid profile personal_identity_code"
CLAIM = "personal_identity_code"
START_SECONDS = 20

# The test people of the provider: login name → identity code.
CLIENT_CODE = identity.build_code(dt.date(1984, 5, 17), 953, sign="-")
NEW_CLIENT_CODE = identity.build_code(dt.date(1991, 11, 2), 968, sign="Y")
UNKNOWN_CODE = identity.build_code(dt.date(1979, 3, 8), 987, sign="-")
PEOPLE = {"asiakas": CLIENT_CODE, "uusi": NEW_CLIENT_CODE, "tuntematon": UNKNOWN_CODE}


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    discovery_url: str


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_ready(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OIDC provider stopped: exit {process.returncode}")
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if line.startswith("ready "):
                return line.split(" ", 1)[1].strip()
    raise RuntimeError("the OIDC provider did not start in time")


@contextmanager
def running_provider(
    polku_url: str, *, token_clock_offset: int = 0, tamper_id_token: bool = False
) -> Iterator[RunningProvider]:
    """The provider, registered for Polku at ``polku_url`` (its callback and its login page).

    For the tests of a bad answer: ``token_clock_offset`` runs the provider's clock that many
    seconds off at its token endpoint (-7200: the ID token has expired an hour before it
    arrives); ``tamper_id_token`` changes the ID token's claims after signing (the signature
    no longer matches)."""
    port = free_port()
    env = os.environ | {
        "TOKEN_CLOCK_OFFSET_SECONDS": str(token_clock_offset),
        "TAMPER_ID_TOKEN": "1" if tamper_id_token else "0",
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URI": f"{polku_url}/kirjaudu/tunnistus/paluu/",
        "POST_LOGOUT_REDIRECT_URI": f"{polku_url}/kirjaudu/",
        "ACCOUNTS": json.dumps(
            {
                login: {CLAIM: code, "given_name": "Testi", "family_name": "Henkilö"}
                for login, code in PEOPLE.items()
            }
        ),
        "NODE_ENV": "test",
    }
    process = subprocess.Popen(  # noqa: S603 - our own script under node
        [NODE, str(SCRIPT)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        issuer = _wait_until_ready(process)
        yield RunningProvider(
            issuer=issuer, discovery_url=f"{issuer}/.well-known/openid-configuration"
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def point_polku_at(settings: Any, provider: RunningProvider) -> None:
    """Production's way in for clients, through ``provider`` (pytest-django's ``settings``)."""
    settings.POLKU_OIDC_DISCOVERY_URL = provider.discovery_url
    settings.POLKU_OIDC_CLIENT_ID = CLIENT_ID
    settings.POLKU_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.POLKU_OIDC_SCOPES = SCOPES
    settings.POLKU_OIDC_IDENTITY_CLAIM = CLAIM
    settings.POLKU_CLIENT_PASSWORD_LOGIN = False
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(provider.issuer)
    settings.CONTENT_SECURITY_POLICY = policy
