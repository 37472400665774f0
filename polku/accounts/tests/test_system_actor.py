"""The system actor (polku.accounts.system): Polku's own work, audited as such."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from polku.accounts.events import AccountEvent
from polku.accounts.models import User
from polku.accounts.system import SYSTEM_USERNAME, is_system, system_actor
from polku.audit import services as audit
from polku.clients.events import ClientEvent
from polku.clients.models import Client
from polku.clients.selectors import timeline_entries
from tests.people import People

pytestmark = pytest.mark.django_db


def test_there_is_one_system_actor() -> None:
    first = system_actor()
    assert system_actor().pk == first.pk
    assert User.objects.filter(username=SYSTEM_USERNAME).count() == 1
    assert is_system(first)
    assert not first.is_active
    assert not first.has_usable_password()
    assert not first.role_assignments.exists()


def test_the_system_actor_cannot_log_in(client: Any) -> None:
    actor = system_actor()
    response = client.post(reverse("accounts:login"), {"username": actor.username, "password": ""})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_the_system_actor_sees_no_client() -> None:
    assert not Client.objects.visible_to(system_actor()).exists()


def test_work_done_by_the_system_is_audited_and_shown_as_such(people: People) -> None:
    actor = system_actor()
    event = audit.record_change(
        actor=actor,
        record=people.client_record,
        client=people.client_record,
        what=ClientEvent.CLIENT_DETAILS,
        changes={"phone": ("1", "2")},
    )
    assert event is not None
    assert (event.actor_id, event.actor_name) == (actor.pk, SYSTEM_USERNAME)
    with translation.override("fi"):
        [entry] = timeline_entries([event], show_address=False)
    assert entry.actor == "Polku (automaattinen)"
    assert AccountEvent.CONFIGURATION.value == "configuration"
