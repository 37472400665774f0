"""Placement events on the client's timeline: labels and values in words, and each event
belongs to its relationship (a notice, a delivery, an info package through their period or
decision), so the timeline is never wider than the relationship's own pages."""

from __future__ import annotations

import pytest
from django.utils import translation

from polku.audit.models import AuditEvent
from polku.clients.selectors.timeline import event_relationships, timeline_entries
from polku.core import clock
from polku.placements import services
from polku.placements.models import PlaceProfile
from tests.people import People
from tests.url_matrix import decision_of

pytestmark = pytest.mark.django_db


def test_placement_events_read_in_words_and_belong_to_their_relationship(people: People) -> None:
    decision = decision_of(people)
    period = decision.period
    assert period is not None
    services.decision_make(
        actor=people.decision_maker,
        decision=decision,
        decided_on=clock.today(),
        version=decision.version,
    )
    services.decision_deliver(
        actor=people.worker, decision=decision, method="letter", sent_on=clock.today()
    )
    PlaceProfile.objects.update_or_create(place=period.place, defaults={"steward_name": "P. P."})
    services.steward_notice_send(
        actor=people.worker, period=period, sent_on=clock.today(), method="letter"
    )
    events = list(
        AuditEvent.objects.filter(client_id=period.relationship.client_id).exclude(kind="access")
    )
    placement_events = [e for e in events if e.record_type.startswith("placements.")]
    assert len(placement_events) >= 5
    belongs = event_relationships(placement_events)
    assert set(belongs.values()) == {period.relationship_id}
    with translation.override("fi"):
        entries = timeline_entries(placement_events, show_address=False)
    values = [
        value for entry in entries for _label, old, new in entry.changes for value in (old, new)
    ]
    assert "Tavallinen kirje" in values  # the delivery's method, not "letter"
    assert "ma, ti, ke" in values  # the period's weekdays, not "123"
    assert "4" in values  # hours a day, as a number in the reader's format
    assert "letter" not in values
    assert "123" not in values
