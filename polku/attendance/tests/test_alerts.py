"""The responsible worker's attendance alerts in the work queue (SPEC §4 "Alerts"): each is
raised by what was recorded and clears when handled; the policy is data with an effective date;
the work queue stays flat as clients and days grow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.urls import reverse

from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, AttendancePolicy
from polku.attendance.services import (
    DayEntry,
    absence_contact_record,
    day_record,
    interruption_resolve,
)
from polku.attendance.tests.builders import running_period
from polku.attendance.tests.worker_builders import (
    TODAY,
    absent,
    frozen_today,
    interrupted,
    present,
    weekday_before,
)
from polku.attendance.workitems import attendance_alerts
from polku.audit.models import AuditEvent
from polku.clients.models import ClientRelationship
from polku.pathways.workqueue import WorkItem
from polku.placements.models import Period
from tests.factories import role_user
from tests.people import People
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    yield from frozen_today()


@pytest.fixture
def period(people: People) -> Period:
    return running_period(people, weekdays="123")


def alerts(people: People, kind: str | None = None) -> list[WorkItem]:
    items = attendance_alerts(people.worker, TODAY)
    return [item for item in items if kind is None or item.kind == kind]


def contact(people: People, period: Period, absence: AttendanceDay | None, on: dt.date) -> None:
    absence_contact_record(
        actor=people.worker, period=period, absence=absence, contacted_on=on, channel="phone"
    )


def record_all_but(people: People, period: Period, *skip: dt.date) -> None:
    """The place records every expected day of the past week but ``skip``."""
    for day in (weekday_before(0), weekday_before(1), weekday_before(2)):
        if day not in skip and not AttendanceDay.objects.filter(period=period, day=day).exists():
            present(people, period, day)


def test_a_first_unexcused_absence_alerts_until_a_contact_after_it(
    people: People, period: Period
) -> None:
    first = absent(people, period, weekday_before(1, weeks=1))
    absent(people, period, weekday_before(1))
    [item] = alerts(people, "first_unexcused_absence")
    assert item.due == first.day
    assert item.client_id == period.relationship.client_id
    assert item.url == reverse("attendance:period_attendance", args=[period.pk])
    assert item.mark == ""
    contact(people, period, first, first.day - dt.timedelta(days=0))
    assert alerts(people, "first_unexcused_absence") == []


def test_a_contact_before_the_absence_does_not_clear_it(people: People, period: Period) -> None:
    contact(people, period, None, weekday_before(0, weeks=2))
    absent(people, period, weekday_before(1))
    assert len(alerts(people, "first_unexcused_absence")) == 1


def test_clients_who_asked_to_be_contacted_are_marked(people: People, period: Period) -> None:
    Period.objects.filter(pk=period.pk).update(contact_during_absences=True)
    absent(people, period, weekday_before(1))
    [item] = alerts(people, "first_unexcused_absence")
    assert item.mark == "Pyysi yhteydenottoa poissaolojen aikana"


def test_absences_reaching_the_policy_alert_and_the_policy_is_data(
    people: People, period: Period
) -> None:
    days = [weekday_before(0, weeks=1), weekday_before(1, weeks=1), weekday_before(2)]
    for day in days[:2]:
        absent(people, period, day, reason="employment")
    assert alerts(people, "repeated_absences") == []
    absent(people, period, days[2], reason="employment")
    [item] = alerts(people, "repeated_absences")
    assert item.label == "3 poissaoloa 30 päivässä: ota yhteyttä asiakkaaseen"
    assert item.due == days[2]
    # A stricter policy from a later date: four absences are needed from then on.
    AttendancePolicy.objects.create(valid_from=TODAY - dt.timedelta(days=1), absences_in_30_days=4)
    assert alerts(people, "repeated_absences") == []
    AttendancePolicy.objects.create(valid_from=TODAY + dt.timedelta(days=1), absences_in_30_days=2)
    assert alerts(people, "repeated_absences") == []  # not in force yet
    AttendancePolicy.objects.filter(absences_in_30_days=4).delete()
    assert len(alerts(people, "repeated_absences")) == 1
    contact(people, period, None, days[2])
    assert alerts(people, "repeated_absences") == []


def test_absences_older_than_30_days_do_not_count(people: People, period: Period) -> None:
    absent(people, period, weekday_before(0, weeks=4), reason="employment", correction_reason="x")
    absent(people, period, weekday_before(1, weeks=1), reason="employment")
    absent(people, period, weekday_before(0), reason="employment")
    assert alerts(people, "repeated_absences") == []


def test_an_illness_over_three_days_without_a_certificate(people: People, period: Period) -> None:
    # Mon–Wed of last week and Monday of this week: four of the client's days in a row (the
    # Thursday to Sunday between are not the client's days).
    run = [
        weekday_before(0, weeks=1),
        weekday_before(1, weeks=1),
        weekday_before(2),  # Wednesday 12.3.
    ]
    for day in run:
        absent(people, period, day, reason="own_illness")
    assert alerts(people, "illness_without_certificate") == []
    monday = absent(people, period, weekday_before(0), reason="own_illness")
    [item] = alerts(people, "illness_without_certificate")
    assert item.due == monday.day
    assert "Sairaana 4 päivää peräkkäin" in item.label
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=monday.day,
            status="absent",
            reason="own_illness",
            notice="not_reported",
            certificate_on=monday.day,
            correction_reason="Todistus saatiin",
            version=monday.version,
        ),
    )
    assert alerts(people, "illness_without_certificate") == []


def test_a_day_present_breaks_the_run(people: People, period: Period) -> None:
    absent(people, period, weekday_before(1, weeks=1), reason="own_illness")
    absent(people, period, weekday_before(2), reason="own_illness")
    present(people, period, weekday_before(0))
    absent(people, period, weekday_before(1), reason="own_illness")
    assert alerts(people, "illness_without_certificate") == []


def test_a_place_that_has_not_recorded_its_latest_day(people: People, period: Period) -> None:
    yesterday = weekday_before(1)  # Tuesday 18.3.
    record_all_but(people, period, yesterday)
    [item] = alerts(people, "place_not_recorded")
    assert item.client_id is None
    assert item.client_name == ""
    assert item.label == "Toimintakeskus Testi ei ole kirjannut läsnäoloja päivältä 18.3.2025"
    assert item.due == yesterday
    present(people, period, yesterday)
    assert alerts(people, "place_not_recorded") == []


def test_the_places_alert_opens_the_missing_day_of_a_client_who_lacks_it(
    people: People, period: Period
) -> None:
    """Two of the worker's clients at the place; only the second one's day is missing: the
    alert opens that client's period at that day, not the first client's."""
    yesterday = weekday_before(1)
    second = running_period(people, weekdays="123")
    record_all_but(people, period)
    record_all_but(people, second, yesterday)
    [item] = alerts(people, "place_not_recorded")
    assert item.url == (
        reverse("attendance:period_attendance", args=[second.pk])
        + f"?kk={yesterday:%Y-%m}&paiva={yesterday.isoformat()}"
    )


def test_a_missing_day_of_another_workers_client_alerts_every_worker_there(
    people: People, period: Period
) -> None:
    record_all_but(people, period)
    other_worker = role_user(Role.WORKER, people.unit)
    other = running_period(people, weekdays="123")
    relationship = other.relationship
    relationship.responsible_worker = other_worker
    relationship.save(update_fields=["responsible_worker"])
    [item] = alerts(people, "place_not_recorded")
    assert other.relationship.client.last_name not in item.label
    present(people, other, weekday_before(1))
    assert alerts(people, "place_not_recorded") == []


def test_a_day_moved_into_the_week_by_another_workers_client_counts_for_the_place(
    people: People,
) -> None:
    """The place's check reads the other clients' days of the past week only, and the days
    they moved in the last two months: a Monday of the week before moved to yesterday makes
    yesterday the place's latest day of activity, still to record."""
    mine = running_period(people, weekdays="1")
    other_worker = role_user(Role.WORKER, people.unit)
    other = running_period(people, weekdays="1")
    relationship = other.relationship
    relationship.responsible_worker = other_worker
    relationship.save(update_fields=["responsible_worker"])
    monday = weekday_before(0)
    present(people, mine, monday)
    present(people, other, monday)
    assert alerts(people, "place_not_recorded") == []
    earlier = weekday_before(0, weeks=1)  # before the past week
    yesterday = weekday_before(1)
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(period=other, day=earlier, status="moved", moved_to=yesterday),
    )
    [item] = alerts(people, "place_not_recorded")
    assert item.due == yesterday
    present(people, other, yesterday)
    assert alerts(people, "place_not_recorded") == []


def test_the_first_unexcused_absence_is_found_before_the_last_two_months(
    people: People,
) -> None:
    period = running_period(people, starts_on=TODAY - dt.timedelta(days=120), weekdays="123")
    old = absent(people, period, weekday_before(0, weeks=9), correction_reason="Kirjattu myöhään")
    absent(people, period, weekday_before(1))
    [item] = alerts(people, "first_unexcused_absence")
    assert item.due == old.day
    assert old.day < TODAY - dt.timedelta(days=60)


def test_an_open_interruption_is_to_clarify(people: People, period: Period) -> None:
    record_all_but(people, period)
    stop = interrupted(people, period, TODAY)
    [item] = alerts(people, "interruption_open")
    assert item.url == reverse("attendance:interruption", args=[stop.pk])
    interruption_resolve(
        actor=people.worker,
        interruption=stop,
        version=stop.version,
        clarification="Soitettu, palaa ensi viikolla",
        outcome="resumed",
        resolved_on=TODAY + dt.timedelta(days=5),
        shared_with_place="Sairausloma",
    )
    assert alerts(people, "interruption_open") == []


def test_another_worker_sees_no_alert_of_my_client(people: People, period: Period) -> None:
    absent(people, period, weekday_before(1))
    assert attendance_alerts(people.worker_other_unit, TODAY) == []
    assert attendance_alerts(people.decision_maker, TODAY) == []


def test_the_work_queue_shows_the_alerts_with_the_mark(
    client, people: People, period: Period
) -> None:
    Period.objects.filter(pk=period.pk).update(contact_during_absences=True)
    absent(people, period, weekday_before(1))
    client.force_login(people.worker)
    text = client.get(reverse("pathways:today")).content.decode()
    assert "Ensimmäinen ei hyväksyttävä poissaolo" in text
    assert "Pyysi yhteydenottoa poissaolojen aikana" in text
    assert AuditEvent.objects.filter(
        what="work queue", client_id=period.relationship.client_id
    ).exists()


def test_the_work_queue_stays_flat_as_clients_and_days_grow(
    client, people: People, period: Period
) -> None:
    absent(people, period, weekday_before(1))
    client.force_login(people.worker)

    other_worker = role_user(Role.WORKER, people.unit)

    def grow() -> None:
        for _ in range(2):
            more = running_period(people, weekdays="123")
            Period.objects.filter(pk=more.pk).update(contact_during_absences=True)
            absent(people, more, weekday_before(1))
            absent(people, more, weekday_before(0), reason="own_illness")
            interrupted(people, more, TODAY)
            contact(people, more, None, weekday_before(0))
            # Another worker's client at the same place, with days of its own.
            theirs = running_period(people, weekdays="123")
            present(people, theirs, weekday_before(0))
            absent(people, theirs, weekday_before(1))
            ClientRelationship.objects.filter(pk=theirs.relationship_id).update(
                responsible_worker=other_worker
            )

    assert_flat_queries(client, reverse("pathways:today"), grow=grow)


def test_the_policy_is_edited_on_the_configuration_site_and_audited(client, people: People) -> None:
    assert AttendancePolicy.objects.get().absences_in_30_days == 3  # the migration's default
    client.force_login(people.administrator)
    response = client.post(
        reverse("admin:attendance_attendancepolicy_add"),
        {"valid_from": "1.4.2025", "absences_in_30_days": "0"},
    )
    assert response.status_code == 200  # at least one absence
    response = client.post(
        reverse("admin:attendance_attendancepolicy_add"),
        {"valid_from": "1.4.2025", "absences_in_30_days": "5"},
    )
    assert response.status_code == 302
    policy = AttendancePolicy.objects.get(valid_from=dt.date(2025, 4, 1))
    event = AuditEvent.objects.filter(record_id=str(policy.pk), what="configuration").get()
    assert event.changes["absences_in_30_days"] == [None, 5]
