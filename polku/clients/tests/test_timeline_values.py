"""The timeline shows every value as its label in the viewer's language (issue 13, item 8)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.audit.models import AuditEvent
from polku.clients import selectors, services
from polku.clients.models import ContactLog
from polku.core import clock
from polku.pathways import services as pathway_services
from polku.pathways.models import ActivationPlan
from tests.builders import draft_plan
from tests.factories import role_user
from tests.people import People

pytestmark = pytest.mark.django_db

FINNISH_LEFTOVERS = ("Asiakkaan oma vaihtoehto", "Kutsu tapaamiseen", "tiedotettu")


def pathway_with_references(people: People) -> ActivationPlan:
    """A plan with the employment authority set, the client's own option, a notice given
    out, an invitation sent and the first meeting recorded (informing ticked)."""
    plan = draft_plan(worker=people.worker, unit=people.unit)
    pathway_services.plan_update(
        actor=people.worker,
        plan=plan,
        version=plan.version,
        employment_authority=people.employment_authority,
    )
    pathway_services.option_add(actor=people.worker, plan=plan, kind="own", note="Puutyöpaja")
    pathway_services.notice_disclose(actor=people.worker, plan=plan)
    meeting = services.meeting_book(
        actor=people.worker,
        relationship=plan.relationship,
        starts_at=clock.now() + dt.timedelta(days=3),
        duration_minutes=60,
        channel="phone",
    )
    services.invitation_send(actor=people.worker, meeting=meeting)
    return plan


@pytest.mark.parametrize("language", ["en", "sv"])
def test_no_raw_values_or_finnish_leftovers_on_the_timeline(
    client, people: People, language: str
) -> None:
    plan = pathway_with_references(people)
    client.force_login(people.worker)
    client.cookies["polku_language"] = language
    page = client.get(reverse("clients:detail", args=[plan.relationship.client_id])).text
    timeline = page[page.index('id="timeline-title"') :]
    assert people.employment_authority.name in timeline  # the unit's name, not its id
    assert f"→ <ins>{people.employment_authority.pk}</ins>" not in timeline
    assert "<ins>client</ins>" not in timeline
    assert "Puutyöpaja" in timeline
    for leftover in FINNISH_LEFTOVERS:
        assert leftover not in page
    if language == "en":
        assert "<ins>The client&#x27;s own option</ins>" in timeline
        assert "<ins>The client</ins>" in timeline  # recipient
        assert "(Invitation to the meeting)" in page
    else:
        assert "<ins>informerad</ins>" in timeline
        assert "(Kallelse till mötet)" in page


def test_finnish_timeline_uses_labels(client, people: People) -> None:
    plan = pathway_with_references(people)
    client.force_login(people.worker)
    page = client.get(reverse("clients:detail", args=[plan.relationship.client_id])).text
    assert "<ins>tiedotettu</ins>" in page
    assert "<ins>Asiakkaalle</ins>" in page  # the recipient
    assert "<ins>Asiakkaan oma vaihtoehto</ins>" in page
    assert "(Kutsu tapaamiseen)" in page
    assert not ContactLog.objects.exclude(note="").exists()  # Polku's own words are not stored


def test_not_relevant_is_shown_with_its_reason_in_words(people: People) -> None:
    meeting = people.meeting
    services.meeting_record(
        actor=people.worker,
        meeting=meeting,
        version=meeting.version,
        informing={"benefits": (False, "Tuet jo selvitetty")},
        mark_held=False,
    )
    from django.utils import translation

    with translation.override("en"):
        entries = selectors.client_timeline(client=people.client_record)
    values = [new for entry in entries for _label, _old, new in entry.changes]
    assert "not relevant: Tuet jo selvitetty" in values
    assert "informed" not in values


def test_referenced_names_are_looked_up_once_not_per_row(
    people: People, django_assert_num_queries
) -> None:
    """One query per referenced type: the count does not grow with the number of events."""
    person = people.client_record

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        events = list(AuditEvent.objects.for_client(person.pk))
        with CaptureQueriesContext(connection) as queries:
            selectors.timeline_entries(events, show_address=True)
        return len(queries)

    before = count()
    colleague = role_user(Role.WORKER, people.unit)
    for _ in range(4):  # four more events naming a user (the hand-over) and a relationship
        services.handover_propose(
            actor=people.worker, relationship=people.relationship, worker=colleague, note="x"
        )
        assignment = people.relationship.assignments.get(status="pending")
        services.handover_decide(actor=colleague, assignment=assignment, accept=False)
    assert count() == before


def test_every_text_column_wraps_long_words() -> None:
    css = Path(__file__).resolve().parents[2] / "core/static/polku/polku.css"
    assert re.search(r"main\s*\{[^}]*overflow-wrap:\s*anywhere", css.read_text())
