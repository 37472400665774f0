"""The reminder before a group starts: to each participant with an address, in their
language, the group's facts only, once; and its schedule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django_q.models import Schedule

from polku.audit.models import AuditEvent
from polku.core import clock
from polku.groups.events import GroupEvent
from polku.groups.models import GroupKind
from polku.groups.tests.builders import a_group, enrol
from polku.jobs.tasks import group_reminders
from tests.people import People, build_relationship

pytestmark = pytest.mark.django_db


def test_participants_get_the_groups_facts_in_their_language_once(people: People) -> None:
    group = a_group(
        people, kind=GroupKind.LOW_THRESHOLD, starts_on=clock.today() + dt.timedelta(days=2)
    )
    later = a_group(people, starts_on=clock.today() + dt.timedelta(days=20))
    finnish = build_relationship(worker=people.worker, unit=people.unit, days_ago=1)
    finnish.client.email = "aino@example.invalid"
    finnish.client.save(update_fields=["email"])
    swedish = build_relationship(worker=people.worker, unit=people.unit, days_ago=1)
    swedish.client.email = "johan@example.invalid"
    swedish.client.language = "sv"
    swedish.client.save(update_fields=["email", "language"])
    no_address = build_relationship(worker=people.worker, unit=people.unit, days_ago=1)
    for relationship in (finnish, swedish, no_address):
        enrol(people, group, relationship)
    enrol(people, later, build_relationship(worker=people.worker, unit=people.unit, days_ago=1))

    result = group_reminders()

    assert result == {"groups": 1, "reminders": 2, "sent": 2}
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"aino@example.invalid", "johan@example.invalid"}
    fi, sv = sent["aino@example.invalid"], sent["johan@example.invalid"]
    assert group.name in fi.subject
    assert group.starts_on.strftime("%-d.%-m.%Y") in fi.subject
    assert "Muistutus" in fi.subject
    assert "Påminnelse" in sv.subject
    assert people.place.name in fi.body
    for message in (fi, sv):
        for person in (finnish.client, swedish.client, no_address.client):
            text = f"{message.subject} {message.body}"
            assert person.first_name not in text
            assert person.last_name not in text
    event = AuditEvent.objects.get(what=GroupEvent.REMINDER.value)
    assert event.record_id == str(group.pk)
    assert event.client_id is None
    assert event.actor_name  # the system actor

    assert group_reminders() == {"groups": 0, "reminders": 0, "sent": 0}  # once only
    assert len(mail.outbox) == 2


def test_the_schedule_is_in_the_database() -> None:
    schedule = Schedule.objects.get(name="polku group reminders")
    assert schedule.func == "polku.jobs.tasks.group_reminders"
    assert schedule.schedule_type == Schedule.DAILY
