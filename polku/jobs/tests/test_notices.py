"""The daily notice job: counts and a link to each worker with items, in their language, and
nothing of any client; the schedule that runs it."""

from __future__ import annotations

import pytest
from django.core import mail
from django_q.models import Schedule

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.jobs.tasks import daily_notices, queue_counts
from tests.people import People

pytestmark = pytest.mark.django_db


def test_each_worker_with_items_gets_counts_and_a_link_and_no_client_data(
    people: People,
) -> None:
    people.worker.email = "sanna@example.invalid"
    people.worker.save(update_fields=["email"])
    people.decision_maker.email = "paatos@example.invalid"
    people.decision_maker.language = "sv"
    people.decision_maker.save(update_fields=["email", "language"])
    counts = queue_counts(people.worker, clock.today())
    assert counts.total > 0
    events = AuditEvent.objects.count()

    result = daily_notices()

    assert AuditEvent.objects.count() == events  # counting is not reading: nothing is logged
    sent = {message.to[0]: message for message in mail.outbox}
    assert result["sent"] == len(sent) >= 1
    notice = sent["sanna@example.invalid"]
    assert f"{counts.total}" in notice.subject
    assert "työjonossasi" in notice.body
    assert "http://127.0.0.1:8000/tanaan/" in notice.body or "/tanaan" in notice.body
    for person in (people.client_record, people.other_relationship.client):
        for text in (person.first_name, person.last_name):
            assert text not in notice.body
            assert text not in notice.subject
    if "paatos@example.invalid" in sent:
        assert "arbetskö" in sent["paatos@example.invalid"].body


def test_a_worker_without_items_or_an_address_gets_nothing(people: People) -> None:
    people.worker_other_unit.email = "muu@example.invalid"
    people.worker_other_unit.save(update_fields=["email"])
    assert queue_counts(people.worker_other_unit, clock.today()).total == 0
    daily_notices()
    assert all(message.to != ["muu@example.invalid"] for message in mail.outbox)


def test_the_schedule_is_in_the_database() -> None:
    schedule = Schedule.objects.get(name="polku daily notices")
    assert schedule.func == "polku.jobs.tasks.daily_notices"
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.repeats == -1
