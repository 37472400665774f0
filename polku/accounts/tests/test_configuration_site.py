"""The configuration site audits every security-relevant change: roles, passwords, activation.

Each test drives the real admin views with the test client, as an administrator would.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from polku.accounts.models import RoleAssignment, Unit, User
from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from tests.people import People

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Uusi-salasana-2026!"


def user_form(user: User, **changes: Any) -> dict[str, Any]:
    """The user's change form as the browser posts it, with its role rows."""
    assignments = list(RoleAssignment.objects.filter(user=user).order_by("pk"))
    data: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "title": user.title,
        "email": user.email,
        "language": user.language,
        "role_assignments-TOTAL_FORMS": str(len(assignments)),
        "role_assignments-INITIAL_FORMS": str(len(assignments)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    if user.is_active:
        data["is_active"] = "on"
    for n, assignment in enumerate(assignments):
        data |= {
            f"role_assignments-{n}-id": str(assignment.pk),
            f"role_assignments-{n}-user": str(user.pk),
            f"role_assignments-{n}-role": assignment.role,
            f"role_assignments-{n}-unit": str(assignment.unit_id),
        }
    data |= changes
    return {name: value for name, value in data.items() if value is not None}


def change_events(user: User) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            kind="change", record_type="accounts.User", record_id=str(user.pk)
        ).order_by("pk")
    )


@pytest.fixture
def admin_client(client: HttpClient, people: People) -> HttpClient:
    client.force_login(people.administrator)
    return client


def post_user(admin_client: HttpClient, user: User, data: dict[str, Any]) -> None:
    url = reverse("admin:accounts_user_change", args=[user.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.text[:3000]


def test_granting_a_role_writes_a_change_event(admin_client: HttpClient, people: People) -> None:
    worker = people.worker
    post_user(
        admin_client,
        worker,
        user_form(
            worker,
            **{
                "role_assignments-TOTAL_FORMS": "2",
                "role_assignments-1-user": str(worker.pk),
                "role_assignments-1-role": Role.MANAGER,
                "role_assignments-1-unit": str(people.other_unit.pk),
            },
        ),
    )
    [event] = change_events(worker)
    assert (event.what, event.actor_id) == ("roles", people.administrator.pk)
    assert event.changes == {
        "roles": [
            [{"role": "worker", "unit_id": people.unit.pk}],
            [
                {"role": "manager", "unit_id": people.other_unit.pk},
                {"role": "worker", "unit_id": people.unit.pk},
            ],
        ]
    }


def test_removing_a_role_writes_a_change_event(admin_client: HttpClient, people: People) -> None:
    worker = people.worker
    post_user(admin_client, worker, user_form(worker, **{"role_assignments-0-DELETE": "on"}))
    assert not RoleAssignment.objects.filter(user=worker).exists()
    [event] = change_events(worker)
    assert event.what == "roles"
    assert event.changes == {"roles": [[{"role": "worker", "unit_id": people.unit.pk}], []]}


def test_deactivating_and_reactivating_write_change_events(
    admin_client: HttpClient, people: People
) -> None:
    worker = people.worker
    post_user(admin_client, worker, user_form(worker, is_active=None))
    worker.refresh_from_db()
    assert not worker.is_active
    post_user(admin_client, worker, user_form(worker, is_active="on"))
    events = change_events(worker)
    assert [e.changes for e in events] == [
        {"is_active": [True, False]},
        {"is_active": [False, True]},
    ]
    assert {e.actor_id for e in events} == {people.administrator.pk}


def test_saving_without_changes_writes_nothing(admin_client: HttpClient, people: People) -> None:
    post_user(admin_client, people.worker, user_form(people.worker))
    assert change_events(people.worker) == []


def test_resetting_a_password_writes_a_change_event_without_the_hash(
    admin_client: HttpClient, people: People
) -> None:
    worker = people.worker
    url = reverse("admin:auth_user_password_change", args=[worker.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.text[:3000]
    worker.refresh_from_db()
    assert worker.check_password(NEW_PASSWORD)
    [event] = change_events(worker)
    assert (event.what, event.actor_id) == ("password", people.administrator.pk)
    assert event.changes == {"password": ["(set)", "(changed)"]}
    stored = json.dumps(event.changes)
    assert worker.password not in stored
    assert NEW_PASSWORD not in stored


def test_removing_a_password_writes_a_change_event(
    admin_client: HttpClient, people: People
) -> None:
    worker = people.worker
    url = reverse("admin:auth_user_password_change", args=[worker.pk])
    response = admin_client.post(url, {"usable_password": "false", "unset-password": "1"})
    assert response.status_code == 302, response.text[:3000]
    worker.refresh_from_db()
    assert not worker.has_usable_password()
    [event] = change_events(worker)
    assert event.changes == {"password": ["(set)", "(none)"]}


def test_a_refused_password_writes_nothing(admin_client: HttpClient, people: People) -> None:
    url = reverse("admin:auth_user_password_change", args=[people.worker.pk])
    response = admin_client.post(
        url, {"usable_password": "true", "password1": "lyhyt", "password2": "lyhyt"}
    )
    assert response.status_code == 200
    assert change_events(people.worker) == []


def test_adding_a_user_never_stores_the_password(admin_client: HttpClient, people: People) -> None:
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "uusi.kayttaja",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Uusi",
            "last_name": "Käyttäjä",
            "language": "fi",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
            "role_assignments-0-role": Role.WORKER,
            "role_assignments-0-unit": str(people.unit.pk),
        },
    )
    assert response.status_code == 302, response.text[:3000]
    user = User.objects.get(username="uusi.kayttaja")
    events = change_events(user)
    assert events
    stored = json.dumps([e.changes for e in events])
    assert NEW_PASSWORD not in stored
    assert user.password not in stored
    assert events[0].changes["username"] == [None, "uusi.kayttaja"]
    assert events[0].changes["password"] == ["(none)", "(set)"]
    assert events[1].changes == {"roles": [[], [{"role": "worker", "unit_id": people.unit.pk}]]}


ENGLISH_LEFTOVERS = ("Model name", "Add link", "Change or view list link", "If disabled")


@pytest.mark.parametrize(
    ("language", "users", "units", "edit_user", "edit_unit"),
    [
        ("fi", "{n} käyttäjää", "{n} yksikköä", "Muokkaa käyttäjää", "Muokkaa yksikköä"),
        ("sv", "{n} användare", "{n} enheter", "Ändra användare", "Ändra enhet"),
    ],
)
def test_configuration_site_reads_right_in_finnish_and_swedish(
    admin_client: HttpClient,
    people: People,
    settings: Any,
    language: str,
    users: str,
    units: str,
    edit_user: str,
    edit_unit: str,
) -> None:
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = {
        name: admin_client.get(url).text
        for name, url in {
            "index": reverse("admin:index"),
            "users": reverse("admin:accounts_user_changelist"),
            "units": reverse("admin:accounts_unit_changelist"),
            "user": reverse("admin:accounts_user_change", args=[people.worker.pk]),
            "unit": reverse("admin:accounts_unit_change", args=[people.unit.pk]),
            "password": reverse("admin:auth_user_password_change", args=[people.worker.pk]),
            "add": reverse("admin:accounts_user_add"),
        }.items()
    }
    for name, text in pages.items():
        for english in ENGLISH_LEFTOVERS:
            assert english not in text, (name, english)
    assert users.format(n=User.objects.count()) in pages["users"]
    assert units.format(n=Unit.objects.count()) in pages["units"]
    assert f"<h1>{edit_user}</h1>" in pages["user"]
    assert f"<h1>{edit_unit}</h1>" in pages["unit"]
    # Django freezes this help text in the language active at import: it must follow the page.
    other = "Om användaren" if language == "fi" else "Voiko käyttäjä"
    assert other not in pages["password"]
    # No Django-catalogue leftovers that read wrong: "Modellens namn", "Senaste Händelser", an
    # inline's name capitalised mid-sentence ("Lisää toinen Roolimääritys").
    for wrong in (
        "Modellens namn",
        "Senaste Händelser",
        "toinen Roolimääritys",
        "ytterligare Roll",
    ):
        assert all(wrong not in text for text in pages.values()), wrong


def test_one_row_is_singular(admin_client: HttpClient, people: People) -> None:
    response = admin_client.get(reverse("admin:accounts_user_changelist"), {"q": "Ohjaaja"})
    assert "1 käyttäjä\n" in response.text or "1 käyttäjä " in response.text
