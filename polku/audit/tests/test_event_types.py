"""Audit event types are registered enums (polku.audit.events): no event is written with a key
no app registered, every label is translated, and no code passes free text as ``what``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from polku.audit import events
from polku.audit import services as audit
from polku.audit.models import AuditEvent
from polku.clients.events import ClientEvent
from tests.people import People

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.django_db


def test_every_app_registers_its_event_types() -> None:
    registered = events.registered()
    modules = {type(member).__module__ for member in registered.values()}
    assert modules == {
        "polku.accounts.events",
        "polku.clients.events",
        "polku.pathways.events",
        "polku.placements.events",
        "polku.portal.events",
        "polku.attendance.events",
        "polku.evaluation.events",
        "polku.closure.events",
        "polku.records.events",
        "polku.metrics.events",
        "polku.eligibility.events",
        "polku.feedback.events",
        "polku.groups.events",
        "polku.network.events",
    }
    assert registered["client created"] is ClientEvent.CLIENT_CREATED


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_event_type_has_a_translated_label(language: str) -> None:
    with translation.override("en"):
        english = {key: str(member.label) for key, member in events.registered().items()}
    with translation.override(language):
        untranslated = [
            key for key, member in events.registered().items() if str(member.label) == english[key]
        ]
    assert untranslated == []


def test_an_unregistered_event_type_is_refused(people: People) -> None:
    client = people.client_record
    before = AuditEvent.objects.count()
    with pytest.raises(events.UnregisteredEventType):
        audit.record_access(actor=people.worker, client=client, what="looked around")
    with pytest.raises(events.UnregisteredEventType):
        audit.record_access_many(actor=people.worker, client_ids=[client.pk], what="x")
    with pytest.raises(events.UnregisteredEventType):
        audit.record_change(
            actor=people.worker,
            record=client,
            client=client,
            what="client changed somehow",
            changes={"phone": ("1", "2")},
        )
    with pytest.raises(events.UnregisteredEventType):
        audit.record_disclosure(
            actor=people.worker,
            client=client,
            what="letter",
            recipient="client",
            purpose="",
            legal_basis="",
        )
    assert AuditEvent.objects.count() == before


def test_a_registered_type_is_stored_as_its_key_and_shown_as_its_label(people: People) -> None:
    event = audit.record_access(
        actor=people.worker, client=people.client_record, what=ClientEvent.CONTACT
    )
    event.refresh_from_db()
    assert event.what == "contact"
    with translation.override("fi"):
        assert events.label(event.what) == str(ClientEvent.CONTACT.label)
    assert events.label("no such key") == "no such key"


def test_a_key_cannot_belong_to_two_enums() -> None:
    class Clash(events.EventType):
        CONTACT = "contact", "Contact"

    with pytest.raises(Exception, match="registered by both"):
        events.register_types(Clash)


def _what_arguments() -> list[tuple[str, int, ast.expr]]:
    found = []
    for path in sorted((ROOT / "polku").rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "what":
                        found.append((str(path.relative_to(ROOT)), node.lineno, keyword.value))
    return found


def test_no_code_passes_free_text_as_an_event_type() -> None:
    """``what=`` is an enum member (or a variable holding one), never a string literal."""
    literals = [
        f"{path}:{line}"
        for path, line, value in _what_arguments()
        if any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in ast.walk(value))
    ]
    assert len(_what_arguments()) > 60
    assert literals == []
