"""Strong identification of clients (OpenID Connect, decision 0015): the claims find the client's
user, refusals say why without data, password login refuses clients in production, and the start
of the flow sends PKCE, state and nonce to a real provider (tests/oidc.py). The whole flow in a
browser is tests/browser/test_strong_identification.py."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts import identification
from polku.accounts.errors import AccountError
from polku.accounts.events import AccountEvent
from polku.accounts.models import User
from polku.accounts.roles import Role, roles_of
from polku.accounts.system import SYSTEM_USERNAME
from polku.audit.models import AuditEvent
from polku.clients.events import ClientEvent
from polku.clients.services.omapolku import USERNAME_PREFIX
from tests.factories import PASSWORD, ClientFactory, role_user
from tests.oidc import (
    CLAIM,
    UNKNOWN_CODE,
    RunningProvider,
    point_polku_at,
    running_provider,
)
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_setting(settings: object) -> None:
    settings.POLKU_OIDC_IDENTITY_CLAIM = CLAIM  # type: ignore[attr-defined]


def refusal(claims: dict[str, object]) -> str:
    with pytest.raises(ValidationError) as caught:
        identification.client_user_for(claims=claims)
    return str(caught.value.code)


# The claim → client mapping.


@pytest.mark.usefixtures("claim_setting")
def test_the_identity_code_finds_the_clients_own_user(people: People) -> None:
    code = people.client_record.identity_code
    assert code is not None
    assert identification.client_user_for(claims={"sub": "x", CLAIM: code}) == people.client


@pytest.mark.usefixtures("claim_setting")
def test_the_code_is_normalised_before_the_look_up(people: People) -> None:
    code = people.client_record.identity_code
    assert code is not None
    typed = f"  {code.lower()} "
    assert identification.client_user_for(claims={CLAIM: typed}) == people.client


def test_the_claims_name_is_a_setting(people: People, settings: object) -> None:
    settings.POLKU_OIDC_IDENTITY_CLAIM = "hetu"  # type: ignore[attr-defined]
    code = people.client_record.identity_code
    assert identification.client_user_for(claims={"hetu": code}) == people.client
    assert refusal({CLAIM: code}) == AccountError.IDENTIFICATION_FAILED


@pytest.mark.usefixtures("claim_setting")
@pytest.mark.parametrize("value", [None, "", 131052308, "131052-308U", "131352-308T", "abc"])
def test_a_missing_or_invalid_code_is_a_failed_identification(
    people: People, value: object
) -> None:
    claims = {} if value is None else {CLAIM: value}
    assert refusal(claims) == AccountError.IDENTIFICATION_FAILED


@pytest.mark.usefixtures("claim_setting")
def test_a_code_without_a_client_record_finds_nobody(people: People) -> None:
    users = User.objects.count()
    assert refusal({CLAIM: UNKNOWN_CODE}) == AccountError.NOT_A_CLIENT
    assert User.objects.count() == users


@pytest.mark.usefixtures("claim_setting")
def test_staff_never_log_in_this_way(people: People) -> None:
    person = ClientFactory.create(user=people.worker)
    assert refusal({CLAIM: person.identity_code}) == AccountError.STAFF_IDENTIFIED
    # A worker who also holds the client role is staff too.
    both = role_user(Role.WORKER, people.unit)
    both.role_assignments.create(role=Role.CLIENT, unit=people.unit)
    person = ClientFactory.create(user=both)
    assert refusal({CLAIM: person.identity_code}) == AccountError.STAFF_IDENTIFIED


@pytest.mark.usefixtures("claim_setting")
def test_an_account_not_in_use_finds_nobody(people: People) -> None:
    people.client.is_active = False
    people.client.save(update_fields=["is_active"])
    assert refusal({CLAIM: people.client_record.identity_code}) == AccountError.NOT_A_CLIENT


@pytest.mark.usefixtures("claim_setting")
def test_an_account_without_roles_finds_nobody(people: People) -> None:
    people.client.role_assignments.all().delete()
    assert refusal({CLAIM: people.client_record.identity_code}) == AccountError.NOT_A_CLIENT


@pytest.mark.usefixtures("claim_setting")
def test_a_client_without_an_account_gets_one_at_the_first_identification(
    people: People,
) -> None:
    person = ClientFactory.create(language="sv")
    relationship = build_relationship(
        worker=people.worker_other_unit, unit=people.other_unit, client=person
    )
    user = identification.client_user_for(claims={CLAIM: person.identity_code})
    person.refresh_from_db()
    assert person.user == user
    assert user.username == f"{USERNAME_PREFIX}{person.pk}"
    assert user.language == "sv"
    assert not user.has_usable_password()
    assert roles_of(user) == frozenset({Role.CLIENT})
    assert user.role_assignments.get().unit == relationship.unit
    event = AuditEvent.objects.get(what=ClientEvent.OMAPOLKU_ACCOUNT.value)
    assert event.actor_name == SYSTEM_USERNAME
    assert event.client_id == person.pk
    assert event.changes == {"user": [None, user.username]}
    # The second identification finds the same user.
    assert identification.client_user_for(claims={CLAIM: person.identity_code}) == user
    assert AuditEvent.objects.filter(what=ClientEvent.OMAPOLKU_ACCOUNT.value).count() == 1


@pytest.mark.usefixtures("claim_setting")
def test_a_client_record_without_a_relationship_finds_nobody(people: People) -> None:
    person = ClientFactory.create()
    assert refusal({CLAIM: person.identity_code}) == AccountError.NOT_A_CLIENT
    person.refresh_from_db()
    assert person.user is None


# Password login in production.


def login_post(client: HttpClient, username: str) -> object:
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def test_password_login_refuses_clients_in_production(
    people: People, client: HttpClient, settings: object
) -> None:
    settings.POLKU_CLIENT_PASSWORD_LOGIN = False  # type: ignore[attr-defined]
    response = login_post(client, people.client.username)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "_auth_user_id" not in client.session
    form = response.context["form"]  # type: ignore[attr-defined]
    assert form.non_field_errors().as_data()[0].code == AccountError.STRONG_IDENTIFICATION_ONLY
    assert "vahvalla tunnistautumisella" in response.content.decode()  # type: ignore[attr-defined]


def test_password_login_still_lets_staff_in_in_production(
    people: People, client: HttpClient, settings: object
) -> None:
    settings.POLKU_CLIENT_PASSWORD_LOGIN = False  # type: ignore[attr-defined]
    response = login_post(client, people.worker.username)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert client.session["_auth_user_id"] == str(people.worker.pk)


def test_the_demo_keeps_the_password_login_for_clients(
    people: People, client: HttpClient, settings: object
) -> None:
    settings.POLKU_CLIENT_PASSWORD_LOGIN = True  # type: ignore[attr-defined]
    response = login_post(client, people.client.username)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert client.session["_auth_user_id"] == str(people.client.pk)


# The pages without a provider (the demo).


def test_without_a_provider_the_pages_are_not_there(client: HttpClient) -> None:
    assert client.get(reverse("accounts:identification_start")).status_code == 404
    assert client.get(reverse("accounts:identification_return")).status_code == 404
    assert client.get(reverse("accounts:identification_refused")).status_code == 404
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:identification_start") not in page


# The flow's ends against a real provider (node, tests/oidc.py).


@pytest.fixture(scope="module")
def provider_process() -> Iterator[RunningProvider]:
    with running_provider("http://testserver") as running:
        yield running


@pytest.fixture
def provider(provider_process: RunningProvider, settings: object) -> Iterator[RunningProvider]:
    identification._apps.clear()
    point_polku_at(settings, provider_process)
    yield provider_process
    identification._apps.clear()


def test_the_start_sends_pkce_state_and_nonce(
    provider: RunningProvider, client: HttpClient
) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:identification_start") in page
    response = client.get(reverse("accounts:identification_start"), {"next": "/omapolku/"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == provider.issuer
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["response_type"] == "code"
    assert query["scope"] == "openid profile personal_identity_code"
    assert query["redirect_uri"] == "http://testserver/kirjaudu/tunnistus/paluu/"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) >= 43
    assert query["state"]
    assert query["nonce"]
    assert query["ui_locales"] == "fi"
    # The verifier stays in the session, never in the URL.
    assert "code_verifier" not in query
    stored = [key for key in client.session.keys() if key.endswith(query["state"])]
    assert len(stored) == 1
    assert client.session[stored[0]]["data"]["code_verifier"]


@pytest.mark.parametrize(
    "query",
    [
        {"error": "access_denied", "state": "whatever"},  # cancelled at the provider
        {"code": "forged", "state": "forged"},  # a state this session never sent
        {"code": "forged"},  # no state at all
    ],
)
def test_a_cancelled_or_tampered_answer_gets_a_clear_page_and_no_login(
    provider: RunningProvider, client: HttpClient, query: dict[str, str]
) -> None:
    response = client.get(reverse("accounts:identification_return"), query)
    # The answer leaves the address bar: the refusal page says why from the session.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:identification_refused")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert page.status_code == 400
    text = page.content.decode()
    assert "Tunnistautuminen ei onnistunut" in text
    assert reverse("accounts:identification_start") in text  # try again
    assert not AuditEvent.objects.filter(what=AccountEvent.STRONG_IDENTIFICATION_LOGIN.value)
    # In Swedish after the language switch, still without the answer in the address.
    client.post(reverse("core:set_language"), {"language": "sv", "next": response["Location"]})
    assert "Identifieringen lyckades inte" in client.get(response["Location"]).content.decode()


def test_the_refusal_page_without_a_refusal_goes_to_the_login(
    provider: RunningProvider, client: HttpClient
) -> None:
    response = client.get(reverse("accounts:identification_refused"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


@pytest.mark.parametrize(
    ("code", "status", "words"),
    [
        (AccountError.NOT_A_CLIENT, 403, "Polussa ei ole sinun asiakastietojasi"),
        (AccountError.STAFF_IDENTIFIED, 403, "Henkilöstö kirjautuu käyttäjätunnuksella"),
        ("something else", 400, "Tunnistautuminen ei onnistunut"),
    ],
)
def test_the_refusal_page_says_why(
    provider: RunningProvider, client: HttpClient, code: str, status: int, words: str
) -> None:
    session = client.session
    session[identification.REFUSAL_SESSION_KEY] = code
    session.save()
    response = client.get(reverse("accounts:identification_refused"))
    assert response.status_code == status
    assert words in response.content.decode()


def test_a_used_state_does_not_work_twice(provider: RunningProvider, client: HttpClient) -> None:
    start = client.get(reverse("accounts:identification_start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    # A code the provider never issued: the exchange fails, and the state is used up.
    first = client.get(reverse("accounts:identification_return"), {"code": "x", "state": state})
    assert first["Location"] == reverse("accounts:identification_refused")
    assert client.session[identification.REFUSAL_SESSION_KEY] == AccountError.IDENTIFICATION_FAILED
    assert not [key for key in client.session.keys() if key.endswith(state)]
