"""The month report's arithmetic (SPEC §3 money, §4): participation days, absences by reason,
days not organised, days moved by agreement, interruptions, and the amounts due with the
statutory value in force on each day. Days are recorded through the real services, each on its
own day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from polku.accounts.models import User
from polku.attendance.models import Interruption
from polku.attendance.reports import ClientMonth, Month
from polku.attendance.selectors.reports import Scope, chunks
from polku.attendance.services import DayEntry, day_record, place_close
from polku.attendance.tests.builders import running_period
from polku.core import clock
from polku.core.models import StatutoryValue
from polku.placements.models import Period
from tests.people import People

pytestmark = pytest.mark.django_db

D = dt.date


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def record(
    actor: User,
    period: Period,
    day: dt.date,
    status: str,
    *,
    on: dt.date | None = None,
    **fields: object,
) -> None:
    """Record ``day`` as the place does, on that day (or on ``on``)."""
    with clock.frozen(at(on or day)):
        period.refresh_from_db()
        day_record(actor=actor, entry=DayEntry(period=period, day=day, status=status, **fields))  # type: ignore[arg-type]


def present(people: People, period: Period, *days: dt.date) -> None:
    for day in days:
        record(people.place_supervisor, period, day, "present")


def month_of(period: Period, month: Month, *, today: dt.date) -> ClientMonth:
    scope = Scope(
        kind="period",
        name="",
        unit=None,
        period=period,
        periods=Period.objects.filter(pk=period.pk),
        basis="responsible_worker",
        recipient="print",
    )
    with clock.frozen(at(today)):
        rows = [row for part in chunks(scope, [month]) for row in part]
        counted = [row for part in chunks(scope, [month], cells=False) for row in part]
    assert len(rows) == 1
    # The database's counts (a place's and an organiser's reports) give what the cells give.
    assert [(c.figures, c.rates, c.allowance_basis) for c in counted] == [
        (rows[0].figures, rows[0].rates, rows[0].allowance_basis)
    ]
    return rows[0]


def test_a_month_with_a_holiday_absences_and_a_day_moved_by_agreement(people: People) -> None:
    # April 2026 on Mondays to Wednesdays: 13 of the client's days; Easter Monday (6.4.) is a
    # holiday, not an absence.
    period = running_period(people, starts_on=D(2026, 3, 30), weekdays="123")
    present(people, period, D(2026, 4, 1))
    record(
        people.place_supervisor,
        period,
        D(2026, 4, 7),
        "absent",
        reason="own_illness",
        notice="on_the_day",
    )
    record(
        people.place_supervisor,
        period,
        D(2026, 4, 8),
        "absent",
        reason="other",
        notice="not_reported",
    )
    # Monday 13.4. moves by agreement to Thursday 16.4., which is attended.
    record(people.place_supervisor, period, D(2026, 4, 13), "moved", moved_to=D(2026, 4, 16))
    present(people, period, D(2026, 4, 14), D(2026, 4, 15), D(2026, 4, 16))
    present(people, period, D(2026, 4, 20), D(2026, 4, 21), D(2026, 4, 22))
    present(people, period, D(2026, 4, 27), D(2026, 4, 28))
    # 29.4. is left unrecorded.

    row = month_of(period, Month(2026, 4), today=D(2026, 5, 10))
    f = row.figures
    assert f.scheduled == 13
    assert f.holidays == 1
    assert f.closed == 0
    assert f.present == 9  # the day moved to counts, the day moved away does not
    assert f.hours == Decimal(54)
    assert (f.absent, f.excused, f.unexcused) == (2, 1, 1)
    assert (f.own_illness, f.other_reason) == (1, 1)
    assert (f.in_advance, f.on_the_day, f.not_reported) == (0, 1, 1)
    assert f.moved == 1
    assert f.not_recorded == 1
    assert f.planned == 0
    # Every one of the client's days is accounted for once.
    assert f.present - 1 + f.absent + f.moved + f.not_organised + f.not_recorded == f.scheduled
    # The period has toimintaraha from the organiser and no travel compensation.
    assert row.allowance_basis == "toimintaraha"
    assert (f.allowance_days, f.allowance_amount) == (9, Decimal("81.00"))
    assert f.travel_days == 0
    assert (f.state_days, f.state_amount) == (9, Decimal("90.81"))


def test_a_period_starting_mid_month_with_a_summer_closure_and_a_new_amount(
    people: People,
) -> None:
    # The period starts on Wednesday 8.7.2026; the place is closed 20.–31.7.; Kela's
    # kulukorvaus rises to 9,50 € from 14.7.
    period = running_period(people, starts_on=D(2026, 7, 8), weekdays="123")
    Period.objects.filter(pk=period.pk).update(compensation="kulukorvaus", travel_compensation=True)
    StatutoryValue.objects.filter(key="kulukorvaus_per_day").update(valid_until=D(2026, 7, 13))
    StatutoryValue.objects.create(
        key="kulukorvaus_per_day",
        value=Decimal("9.50"),
        valid_from=D(2026, 7, 14),
        legal_basis="189/2001 §17; Kela",
        description="Test: a new amount.",
    )
    with clock.frozen(at(D(2026, 7, 1))):
        place_close(
            actor=people.place_supervisor,
            place=people.place,
            first_day=D(2026, 7, 20),
            last_day=D(2026, 7, 31),
            reason="Kesäsulku",
        )
    present(people, period, D(2026, 7, 8), D(2026, 7, 13), D(2026, 7, 14), D(2026, 7, 15))

    row = month_of(period, Month(2026, 7), today=D(2026, 8, 3))
    f = row.figures
    assert f.scheduled == 10  # from 8.7. on: 8, 13–15, 20–22, 27–29
    assert f.closed == 6
    assert f.holidays == 0
    assert f.present == 4
    assert f.absent == 0
    assert f.not_recorded == 0
    assert row.allowance_basis == "kulukorvaus"
    # 2 × 9,00 € before the change and 2 × 9,50 € after it.
    assert (f.allowance_days, f.allowance_amount) == (4, Decimal("37.00"))
    assert row.rates["kulukorvaus_per_day"] == {Decimal("9.00"), Decimal("9.50")}
    assert f.travel_days == 4  # days only: travel is paid on actual costs
    assert (f.state_days, f.state_amount) == (4, Decimal("40.36"))
    # June is outside the period: the report has no row for it.
    scope = Scope(
        kind="period",
        name="",
        unit=None,
        period=period,
        periods=Period.objects.filter(pk=period.pk),
        basis="responsible_worker",
        recipient="print",
    )
    assert list(chunks(scope, [Month(2026, 6)])) == []


def test_an_interrupted_period_and_an_absence_reported_in_advance(people: People) -> None:
    # September 2026 from Monday 7.9., Mondays to Wednesdays: 12 of the client's days.
    period = running_period(people, starts_on=D(2026, 9, 7), weekdays="123")
    present(people, period, D(2026, 9, 7), D(2026, 9, 8), D(2026, 9, 9))
    present(people, period, D(2026, 9, 14), D(2026, 9, 15))
    # Interrupted from 16.9.; resumes on 28.9.
    Interruption.objects.create(
        period=period,
        starts_on=D(2026, 9, 16),
        reason="health",
        initiated_by="client",
        reported_by=people.place_supervisor,
        clarification="Sovittu asiakkaan kanssa.",
        outcome="resumed",
        resolved_on=D(2026, 9, 28),
        shared_with_place="Terveyssyy.",
        resolved_by=people.worker,
    )
    # The client's job interview on 30.9., reported on 25.9.
    record(
        people.worker,
        period,
        D(2026, 9, 30),
        "absent",
        on=D(2026, 9, 25),
        reason="employment",
        notice="in_advance",
    )
    present(people, period, D(2026, 9, 28), D(2026, 9, 29))

    f = month_of(period, Month(2026, 9), today=D(2026, 10, 5)).figures
    assert f.scheduled == 12
    assert f.interrupted == 4  # 16, 21, 22, 23
    assert f.present == 7
    assert (f.absent, f.excused, f.employment, f.in_advance) == (1, 1, 1, 1)
    assert f.not_recorded == 0
    # No absence and no interrupted day earns anything.
    assert (f.allowance_days, f.allowance_amount) == (7, Decimal("63.00"))
    assert (f.state_days, f.state_amount) == (7, Decimal("70.63"))


def test_days_still_to_come_are_planned_and_past_ones_not_recorded(people: People) -> None:
    period = running_period(people, starts_on=D(2026, 3, 30), weekdays="123")
    present(people, period, D(2026, 4, 1))
    # On 15.4.: 1.4. present; 7, 8, 13, 14 not recorded (6.4. a holiday); 15.4. on are planned.
    f = month_of(period, Month(2026, 4), today=D(2026, 4, 15)).figures
    assert f.present == 1
    assert f.not_recorded == 4
    assert f.planned == 7  # 15, 20, 21, 22, 27, 28, 29
    assert f.state_days == 1


def test_a_month_parses_and_steps() -> None:
    assert Month.parse("2026-03") == Month(2026, 3)
    assert Month.parse("2026-3") == Month(2026, 3)
    for bad in ("", "2026-13", "1999-01", "maaliskuu", "2026-03-01", "=1+1"):
        assert Month.parse(bad) is None
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2024, 2).last == D(2024, 2, 29)
    assert Month(2026, 3).key == "2026-03"
