"""The 178-day rule counts recorded days (189/2001 §14 1 mom; SPEC §3, issue 16 item 7): the
days recorded present and the expected days not yet recorded, across all of the client's
periods; an absence frees its day for a later period, and recording or planning a 179th day is
refused. Checked with hypothesis over two periods that span the leap day 29.2.2028, against an
oracle that counts the rolling 12 months by brute force; and the days left the worker sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from polku.attendance.services import DayEntry, day_record
from polku.attendance.tests.worker_builders import moment
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.placements import services as placement_services
from polku.placements.deadlines import statutory_holidays
from polku.placements.models import Period
from polku.placements.participation import participation_days
from polku.placements.rules import period_dates
from polku.placements.tests.builders import at_s8
from tests.people import People

pytestmark = pytest.mark.django_db

LIMIT = 178
A_START, A_END = dt.date(2027, 12, 6), dt.date(2028, 6, 4)  # holds 29.2.2028, a Tuesday
B_START, B_END = dt.date(2028, 6, 5), dt.date(2028, 12, 4)
TODAY = dt.date(2028, 6, 2)  # the last Friday of the first period


def year_before(day: dt.date) -> dt.date:
    """The same date a year earlier (28.2 for 29.2), written apart from ``rules.window_start``."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def most_in_a_window(days: Iterable[dt.date], touching: Iterable[dt.date]) -> int:
    """Brute force: the most days in any 12 months (after the same date a year earlier, up to
    the day) that end on one of ``days`` and hold one of ``touching``."""
    days = sorted(set(days))
    touching = set(touching)
    best = 0
    for end in days:
        window = [d for d in days if year_before(end) < d <= end]
        if touching & set(window):
            best = max(best, len(window))
    return best


def refused_codes(action: Callable[[], object]) -> set[str] | None:
    """The codes of the refusal ``action`` raised, or None when it went through."""
    try:
        action()
    except ValidationError as error:
        return {str(e.code) for errors in error.error_dict.values() for e in errors}
    return None


def expected(first: dt.date, last: dt.date, weekdays: str) -> set[dt.date]:
    """The client's days by the definition: a weekday of the period, the place open (Monday to
    Friday), not a holiday."""
    result = set()
    day = first
    while day <= last:
        if str(day.isoweekday()) in weekdays and day.weekday() < 5:
            if day not in statutory_holidays(day.year):
                result.add(day)
        day += dt.timedelta(days=1)
    return result


def plan(
    people: People, relationship: ClientRelationship, start: dt.date, end: dt.date, weekdays: str
) -> Period:
    return placement_services.period_plan(
        actor=people.worker,
        relationship=relationship,
        place=people.place,
        kind="full",
        starts_on=start,
        ends_on=end,
        weekdays=weekdays,
        hours_per_day=Decimal(6),
        goal="Päivärytmi",
        description="Puutyöt",
        tasks="Puutyöt",
        support_and_guidance="Ohjaaja",
        other_services="Ei muita",
        evaluate_by=start + dt.timedelta(days=60),
    )


@pytest.fixture
def first_period(people: People) -> Period:
    with clock.frozen(moment(dt.date(2027, 11, 1))):
        relationship = at_s8(people)
        return plan(people, relationship, A_START, A_END, "1234")


@settings(
    max_examples=16,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_absences_free_days_for_a_later_period_and_a_179th_day_is_refused(
    people: People, first_period: Period, data: st.DataObject
) -> None:
    period = first_period
    a_days = sorted(expected(A_START, A_END, "1234"))
    assert dt.date(2028, 2, 29) in a_days
    weekdays = data.draw(st.sampled_from(["1234", "123", "12"]), label="second period's weekdays")
    absences = data.draw(
        st.lists(st.sampled_from([d for d in a_days if d < TODAY]), unique=True, max_size=45),
        label="absences",
    )
    with clock.frozen(moment(TODAY)), transaction.atomic():
        for day in absences:
            day_record(
                actor=people.worker,
                entry=DayEntry(
                    period=period,
                    day=day,
                    status="absent",
                    reason="other",
                    notice="not_reported",
                    correction_reason="Jälkikirjaus",
                ),
            )
        # Recorded days replace planned ones: the count is the expected days less the absences.
        counted = participation_days([period])
        assert sorted(counted) == sorted(set(a_days) - set(absences))
        # Planning the second period: refused exactly when some 12 months would hold 179 days.
        b_new = period_dates(B_START, B_END, [int(d) - 1 for d in weekdays])
        too_many = most_in_a_window([*counted, *b_new], b_new) > LIMIT
        refusal = refused_codes(lambda: plan(people, period.relationship, B_START, B_END, weekdays))
        if refusal is not None:
            assert too_many
            assert "participation_days_exceeded" in refusal
            event("plan refused")
        else:
            assert not too_many
            event("plan allowed")
            second = period.relationship.periods.get(starts_on=B_START)
            # Turning an absence back into a present day: refused exactly when it would be a
            # 179th day in some 12 months (the second period's expected days count now).
            if absences:
                day = absences[0]
                now = participation_days([period, second])
                over = most_in_a_window([*now, day], [day]) > LIMIT
                record = period.attendance_days.get(day=day)
                refusal = refused_codes(
                    lambda: day_record(
                        actor=people.worker,
                        entry=DayEntry(
                            period=period,
                            day=day,
                            status="present",
                            correction_reason="Oli sittenkin paikalla",
                            version=record.version,
                        ),
                    )
                )
                assert (refusal == {"participation_days_exceeded"}) == over, refusal
                event("179th refused" if over else "present allowed")
        transaction.set_rollback(True)


def test_a_179th_day_is_refused_and_the_page_shows_no_days_left(
    client, people: People, first_period: Period
) -> None:
    """Enough absences let the second period in with exactly no day to spare; then an absence
    turned present is the 179th day and is refused; the page shows 0 days left."""
    period = first_period
    b_new = period_dates(B_START, B_END, [0, 1, 2, 3])
    a_days = sorted(d for d in expected(A_START, A_END, "1234") if d < TODAY)
    with clock.frozen(moment(TODAY)):
        total = most_in_a_window([*participation_days([period]), *b_new], b_new)
        spare = total - LIMIT
        assert spare > 0
        for day in a_days[:spare]:
            day_record(
                actor=people.worker,
                entry=DayEntry(
                    period=period,
                    day=day,
                    status="absent",
                    reason="own_illness",
                    notice="on_the_day",
                    correction_reason="Jälkikirjaus",
                ),
            )
        plan(people, period.relationship, B_START, B_END, "1234")
        record = period.attendance_days.get(day=a_days[0])
        with pytest.raises(ValidationError) as error:
            day_record(
                actor=people.worker,
                entry=DayEntry(
                    period=period,
                    day=a_days[0],
                    status="present",
                    correction_reason="Oli paikalla",
                    version=record.version,
                ),
            )
        assert {e.code for errors in error.value.error_dict.values() for e in errors} == {
            "participation_days_exceeded"
        }
        client.force_login(people.worker)
        page = client.get(f"/lasnaolo/jakso/{period.pk}/").context["page"]
    # The window that binds holds the holidays of the second period as planned days too
    # (planning counts the new period's weekdays), so the page may show a few days left.
    assert page.participation.count <= LIMIT
    assert page.participation.remaining == LIMIT - page.participation.count


@given(
    days=st.sets(
        st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2029, 12, 31)), max_size=60
    ),
    today=st.dates(min_value=dt.date(2027, 6, 1), max_value=dt.date(2029, 6, 1)),
)
def test_the_days_left_are_counted_in_the_fullest_12_months_still_ahead(
    days: set[dt.date], today: dt.date
) -> None:
    from polku.attendance.selectors.worker import participation_window

    found = participation_window(sorted(days), today=today, limit=LIMIT)
    ahead = [d for d in days if d >= today] or [today]
    counts = {end: sum(1 for d in days if year_before(end) < d <= end) for end in ahead}
    assert found.count == max(counts.values())
    assert counts[found.last] == found.count
    assert found.remaining == max(LIMIT - found.count, 0)
    assert year_before(found.last) < found.first <= found.last
