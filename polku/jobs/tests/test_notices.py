"""The daily notice job: counts and a link to each worker with items, in their language, and
nothing of any client; the schedule that runs it."""

from __future__ import annotations

import datetime as dt

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


def test_each_clock_alert_is_counted_on_its_own_line_in_the_staff_members_language(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attendance not recorded, an illness without a certificate, a certificate not given and
    the follow-up calls (a first one and one to make again) each have their line; the items'
    own labels, which name clients and places, never reach the e-mail."""
    from polku.pathways import workqueue
    from polku.pathways.workqueue import WorkItem

    person = people.client_record
    name = f"{person.last_name} {person.first_name}"
    today = clock.today()

    def alerts(user: object, on: object) -> list[WorkItem]:
        if user != people.worker:
            return []
        label = f"{name}, Toimintakeskus Testi"
        yesterday = today - dt.timedelta(days=1)
        return [
            WorkItem("place_not_recorded", label, None, "", "/x/", yesterday),
            WorkItem("place_not_recorded", label, None, "", "/x/", yesterday),
            WorkItem("illness_without_certificate", label, person.pk, name, "/x/", today),
            WorkItem("certificate", label, person.pk, name, "/x/", today),
            WorkItem("follow_up_call", label, person.pk, name, "/x/", today),
            WorkItem("follow_up_call_again", label, person.pk, name, "/x/", today),
            WorkItem("review", label, person.pk, name, "/x/", today),
        ]

    monkeypatch.setattr(workqueue, "providers", lambda: (alerts,))
    notice = queue_counts(people.worker, today)
    assert notice.by_kind == {
        "attendance_not_recorded": 2,
        "illness_certificate": 1,
        "certificate_not_given": 1,
        "calls_due": 2,
        "other": 1,
    }
    assert notice.overdue == 2
    for language, lines in (
        (
            "fi",
            [
                "Läsnäoloja kirjaamatta: 2",
                "Sairauspoissaoloja ilman lääkärin tai terveydenhoitajan todistusta: 1",
                "Todistuksia antamatta: 1",
                "Seurantayhteydenottoja tehtävänä: 2",
                "Muut tehtävät: 1",
            ],
        ),
        (
            "sv",
            [
                "Närvaro inte registrerad: 2",
                "Sjukfrånvaro utan läkar- eller hälsovårdarintyg: 1",
                "Intyg inte givna: 1",
                "Uppföljningskontakter att göra: 2",
                "Övriga uppgifter: 1",
            ],
        ),
    ):
        mail.outbox.clear()
        people.worker.email = "sanna@example.invalid"
        people.worker.language = language
        people.worker.save(update_fields=["email", "language"])
        assert daily_notices() == {"notices": 1, "sent": 1}
        (message,) = mail.outbox
        for line in lines:
            assert f"- {line}" in message.body
        assert "/tanaan/" in message.body
        for text in (person.first_name, person.last_name, "Toimintakeskus", "/x/"):
            assert text not in message.body
            assert text not in message.subject


def test_the_retention_job_makes_a_dry_run_as_the_system(people: People) -> None:
    from polku.accounts.system import system_actor
    from polku.clients.models import ClientRelationship
    from polku.core.rules import add_months
    from polku.jobs.tasks import retention_dry_run
    from polku.records.models import RetentionRun, RetentionStatus

    ClientRelationship.objects.filter(pk=people.relationship.pk).update(
        ended_on=add_months(clock.today(), -120)
    )
    result = retention_dry_run()
    run = RetentionRun.objects.get()
    assert result == {"run": run.pk, "relationships": 1, "audit_events": 0}
    assert run.status == RetentionStatus.PROPOSED
    event = AuditEvent.objects.get(what="retention dry run")
    assert event.actor_id == system_actor().pk
    # It destroys nothing: the client is still there.
    assert ClientRelationship.objects.filter(pk=people.relationship.pk).exists()
    schedule = Schedule.objects.get(name="polku retention dry run")
    assert schedule.func == "polku.jobs.tasks.retention_dry_run"
    assert schedule.schedule_type == Schedule.MONTHLY


def test_a_day_the_place_did_not_record_reaches_the_workers_notice(people: People) -> None:
    """From real state: the place recorded the past week but yesterday; the morning's notice
    counts it on its line, and names neither the client nor the place."""
    from polku.attendance.models import AttendanceDay
    from polku.attendance.tests.builders import running_period
    from polku.attendance.tests.worker_builders import frozen_today, present, weekday_before

    for _ in frozen_today():
        period = running_period(people, weekdays="123")
        yesterday = weekday_before(1)
        for day in (weekday_before(0), yesterday, weekday_before(2)):
            if (
                day != yesterday
                and not AttendanceDay.objects.filter(period=period, day=day).exists()
            ):
                present(people, period, day)
        people.worker.email = "sanna@example.invalid"
        people.worker.save(update_fields=["email"])
        daily_notices()
    message = next(m for m in mail.outbox if m.to == ["sanna@example.invalid"])
    assert "- Läsnäoloja kirjaamatta: 1" in message.body
    person = period.relationship.client
    for text in (person.first_name, person.last_name, period.place.name):
        assert text not in message.body
