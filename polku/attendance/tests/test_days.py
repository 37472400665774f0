"""Recording a day (SPEC §4): who may record what and when, the absence rules, corrections
and two people recording at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from polku.accounts.roles import Role
from polku.attendance.models import AttendanceDay, DayStatus, Notice, Source
from polku.attendance.services import DayEntry, day_record, place_close
from polku.attendance.tests.builders import monday_of, running_period
from polku.audit.models import AuditEvent
from polku.core import clock
from polku.core.versioning import EditConflict
from tests.people import People, role_user

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def client_login(period):
    """A login for the period's client (the builder's clients have none)."""
    client = period.relationship.client
    client.user = role_user(Role.CLIENT, period.relationship.unit)
    client.save(update_fields=["user"])
    return client.user


@pytest.fixture
def period(people: People):
    return running_period(people, weekdays="123")


def last(weekday: int) -> dt.date:
    """The latest past day (before today) with ``weekday`` (0 Monday)."""
    day = clock.today() - dt.timedelta(days=1)
    while day.weekday() != weekday:
        day -= dt.timedelta(days=1)
    return day


def test_the_place_records_a_present_day_with_the_period_hours(people: People, period) -> None:
    day = last(0)
    record = day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=day, status="present")
    )
    assert record.hours == Decimal(6)
    assert record.reported_via == Source.PLACE
    event = AuditEvent.objects.filter(what="attendance day").latest("pk")
    assert event.changes["status"] == [None, "present"]


def test_a_day_outside_the_schedule_or_the_period_is_refused(people: People, period) -> None:
    thursday = last(3)
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=thursday, status="present"),
        )
    assert codes(error.value) == {"not_scheduled"}
    before = period.starts_on - dt.timedelta(days=7)
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=before, status="present"),
        )
    assert codes(error.value) == {"outside_period"}


def test_a_closed_day_is_not_organised_not_an_absence(people: People, period) -> None:
    day = last(1)
    place_close(
        actor=people.place_supervisor,
        place=period.place,
        first_day=day,
        last_day=day,
        reason="Inventaario",
    )
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(
                period=period, day=day, status="absent", reason="other", notice="not_reported"
            ),
        )
    assert codes(error.value) == {"not_organised"}
    assert "Inventaario" in str(error.value)


def test_hours_over_the_daily_maximum_are_refused(people: People, period) -> None:
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=last(0), status="present", hours=Decimal(9)),
        )
    assert codes(error.value) == {"too_many_hours"}


def test_the_future_takes_only_an_absence_reported_in_advance(people: People, period) -> None:
    future = monday_of(clock.today()) + dt.timedelta(days=7)
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=future, status="present"),
        )
    assert codes(error.value) == {"future_day"}
    record = day_record(
        actor=people.place_supervisor,
        entry=DayEntry(
            period=period, day=future, status="absent", reason="employment", notice="in_advance"
        ),
    )
    assert record.excused


def test_the_client_reports_an_absence_and_it_stays_theirs(people: People, period) -> None:
    client_user = client_login(period)
    future = monday_of(clock.today()) + dt.timedelta(days=7)
    record = day_record(
        actor=client_user,
        entry=DayEntry(
            period=period, day=future, status="absent", reason="own_illness", note="Flunssa"
        ),
    )
    assert record.notice == Notice.IN_ADVANCE
    corrected = day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=future,
            status="absent",
            reason="child_illness",
            notice="in_advance",
            version=record.version,
        ),
    )
    assert corrected.reported_via == Source.CLIENT
    assert corrected.recorded_via == Source.WORKER


def test_a_second_supervisor_does_not_overwrite_the_first(people: People, period) -> None:
    day = last(0)
    day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=day, status="present")
    )
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(
                period=period, day=day, status="absent", reason="other", notice="not_reported"
            ),
        )
    assert codes(error.value) == {"already_recorded"}
    assert AttendanceDay.objects.get(day=day).status == DayStatus.PRESENT


def test_a_stale_version_is_an_edit_conflict(people: People, period) -> None:
    day = last(0)
    record = day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=day, status="present")
    )
    day_record(
        actor=people.worker,
        entry=DayEntry(
            period=period,
            day=day,
            status="present",
            hours=Decimal(5),
            version=record.version,
            correction_reason="Lähti aiemmin",
        ),
    )
    with pytest.raises(EditConflict):
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(
                period=period,
                day=day,
                status="present",
                hours=Decimal(4),
                version=record.version,
                correction_reason="x",
            ),
        )


def test_a_correction_of_a_past_day_needs_a_reason_and_keeps_the_old_value(
    people: People, period
) -> None:
    day = last(0)
    record = day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=day, status="present")
    )
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(
                period=period,
                day=day,
                status="absent",
                reason="other",
                notice="not_reported",
                version=record.version,
            ),
        )
    assert codes(error.value) == {"correction_reason"}
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(
            period=period,
            day=day,
            status="absent",
            reason="other",
            notice="not_reported",
            version=record.version,
            correction_reason="Merkitty väärälle",
        ),
    )
    event = AuditEvent.objects.filter(what="attendance day").latest("pk")
    assert event.changes["status"] == ["present", "absent"]
    assert event.changes["correction_reason"] == ["", "Merkitty väärälle"]


def test_a_correction_names_every_empty_field_at_once(people: People, period) -> None:
    """Turning a present day absent with nothing else filled in: the answer names the reason,
    whether it was reported and why it is corrected, not one of them per save."""
    day = last(0)
    record = day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=day, status="present")
    )
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor,
            entry=DayEntry(period=period, day=day, status="absent", version=record.version),
        )
    assert set(error.value.error_dict) == {"reason", "notice", "correction_reason"}
    assert AttendanceDay.objects.get(pk=record.pk).status == DayStatus.PRESENT


def test_the_place_records_only_the_past_14_days(people: People) -> None:
    period = running_period(people, starts_on=monday_of(clock.today()) - dt.timedelta(days=35))
    old = monday_of(clock.today()) - dt.timedelta(days=21)
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.place_supervisor, entry=DayEntry(period=period, day=old, status="present")
        )
    assert codes(error.value) == {"too_late_for_place"}
    with pytest.raises(ValidationError) as error:
        day_record(actor=people.worker, entry=DayEntry(period=period, day=old, status="present"))
    assert codes(error.value) == {"correction_reason"}
    record = day_record(
        actor=people.worker,
        entry=DayEntry(period=period, day=old, status="present", correction_reason="Paikka unohti"),
    )
    assert record.recorded_via == Source.WORKER


def test_others_may_not_record(people: People, period) -> None:
    with pytest.raises(PermissionDenied):
        day_record(
            actor=people.worker_other_unit,
            entry=DayEntry(period=period, day=last(0), status="present"),
        )


def test_a_childs_illness_is_at_most_four_days_in_a_row(people: People) -> None:
    period = running_period(
        people, weekdays="1234", starts_on=monday_of(clock.today()) - dt.timedelta(days=35)
    )
    monday = monday_of(clock.today()) - dt.timedelta(days=7)
    for offset in range(4):
        day_record(
            actor=people.worker,
            entry=DayEntry(
                period=period,
                day=monday + dt.timedelta(days=offset),
                status="absent",
                reason="child_illness",
                notice="on_the_day",
            ),
        )
    with pytest.raises(ValidationError) as error:
        day_record(
            actor=people.worker,
            entry=DayEntry(
                period=period,
                day=monday + dt.timedelta(days=7),
                status="absent",
                reason="child_illness",
                notice="on_the_day",
            ),
        )
    assert codes(error.value) == {"child_illness_too_long"}


def test_a_day_moved_by_agreement_moves_the_participation_day(people: People, period) -> None:
    monday, thursday = last(0), last(0) + dt.timedelta(days=3)
    if thursday >= clock.today():
        thursday -= dt.timedelta(days=7)
        monday -= dt.timedelta(days=7)
    day_record(
        actor=people.place_supervisor,
        entry=DayEntry(period=period, day=monday, status="moved", moved_to=thursday),
    )
    record = day_record(
        actor=people.place_supervisor, entry=DayEntry(period=period, day=thursday, status="present")
    )
    assert record.status == DayStatus.PRESENT
