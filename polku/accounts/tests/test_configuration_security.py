"""The configuration site's user list and page show each user's second factor, and an
administrator lifts a login lock-out there (audited). The tests drive the real admin views."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts import second_factor
from polku.accounts.models import User
from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory
from tests.people import People
from tests.queries import assert_flat_queries
from tests.second_factor import current_code

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:accounts_user_changelist"


@pytest.fixture
def admin_client(people: People) -> HttpClient:
    client = HttpClient()
    client.force_login(people.administrator)
    return client


def enrol(user: User) -> list[str]:
    device = second_factor.enrolment_device(user)
    return second_factor.second_factor_enrol(actor=user, device=device, token=current_code(device))


def row_of(page: str, user: User) -> str:
    """The changelist row of one user (from its checkbox to the end of the row)."""
    match = re.search(rf'value="{user.pk}".*?</tr>', page, re.S)
    assert match, user.username
    return match.group(0)


def test_the_user_list_shows_the_second_factor_and_the_recovery_codes_left(
    admin_client: HttpClient, people: People
) -> None:
    codes = enrol(people.worker)
    second_factor.recovery_code_use(actor=people.worker, code=codes[0])
    page = admin_client.get(reverse(CHANGELIST)).text
    assert "Toinen tunnistautumisvaihe" in page
    assert "Käyttämättömät varakoodit" in page
    worker = row_of(page, people.worker)
    assert "Käytössä" in worker
    assert '<td class="field-recovery_codes">9</td>' in worker
    manager = row_of(page, people.manager)
    assert "Ei käytössä" in manager
    assert '<td class="field-recovery_codes">0</td>' in manager


def test_the_user_page_shows_the_second_factor(admin_client: HttpClient, people: People) -> None:
    enrol(people.worker)
    page = admin_client.get(reverse("admin:accounts_user_change", args=[people.worker.pk])).text
    assert "Käytössä" in page
    assert re.search(r"Käyttämättömät varakoodit.*?<div class=\"readonly\">10</div>", page, re.S)
    other = admin_client.get(reverse("admin:accounts_user_change", args=[people.manager.pk])).text
    assert "Ei käytössä" in other


def test_the_user_list_makes_no_query_per_user(admin_client: HttpClient, people: People) -> None:
    def grow() -> None:
        for _ in range(6):
            user = UserFactory.create()
            user.role_assignments.create(role=Role.WORKER, unit=people.unit)
            enrol(user)

    assert_flat_queries(admin_client, reverse(CHANGELIST), grow=grow)


def post_login(client: HttpClient, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def lift(admin_client: HttpClient, *users: User) -> HttpClient:
    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "lift_login_lockout", "_selected_action": [user.pk for user in users]},
    )
    assert response.status_code == 302
    return admin_client


def test_an_administrator_lifts_a_lock_out_and_the_user_logs_in_again(
    client: HttpClient, admin_client: HttpClient, people: People, settings
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, people.worker.username, "väärin")
    locked = post_login(client, people.worker.username, PASSWORD)
    assert locked.status_code == 429
    assert "pyydä pääkäyttäjää poistamaan esto" in locked.text

    lift(admin_client, people.worker)
    message = admin_client.get(reverse(CHANGELIST)).text
    assert "epäonnistuneet kirjautumiset poistettiin" in message

    again = post_login(client, people.worker.username, PASSWORD)
    assert again.status_code == 302
    assert client.get(again["Location"])["Location"].startswith(reverse("accounts:otp_verify"))
    (event,) = AuditEvent.objects.filter(kind="change", what="login lock-out lifted")
    assert event.actor_id == people.administrator.pk
    assert event.record_type == "accounts.User"
    assert event.record_id == str(people.worker.pk)
    # The refused try while locked out counts too.
    assert event.changes == {"login_failures": [settings.AXES_FAILURE_LIMIT + 1, 0]}


def test_lifting_when_nothing_is_locked_writes_nothing(
    admin_client: HttpClient, people: People
) -> None:
    lift(admin_client, people.worker)
    assert "Kenelläkään valituista" in admin_client.get(reverse(CHANGELIST)).text
    assert not AuditEvent.objects.filter(what="login lock-out lifted").exists()


def test_an_address_locked_by_guesses_at_other_accounts_stays_locked(
    client: HttpClient, admin_client: HttpClient, people: People, settings
) -> None:
    """The action clears the user's own failures; an address that guessed at many accounts
    waits for its cool-off (docs/subsystems/authentication.md)."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, f"arvaus{n}", "väärin")
    assert post_login(client, people.worker.username, PASSWORD).status_code == 429
    lift(admin_client, people.worker)
    assert post_login(client, people.worker.username, PASSWORD).status_code == 429
    assert post_login(client, people.worker.username, PASSWORD, "10.0.0.2").status_code == 302


def test_the_lock_out_without_a_cool_off_names_the_administrator(
    client: HttpClient, people: People, settings
) -> None:
    settings.AXES_COOLOFF_TIME = None
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, people.worker.username, "väärin")
    locked = post_login(client, people.worker.username, PASSWORD)
    assert "kunnes pääkäyttäjä poistaa eston" in locked.text
