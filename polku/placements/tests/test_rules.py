"""The legal limits of a kuty period (SPEC §3, issue 15 "Bad input"), as pure rules."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import event, given, settings
from hypothesis import strategies as st

from polku.accounts.models import ProducerType
from polku.placements import rules
from polku.placements.errors import PlacementError
from polku.placements.rules import PeriodLimits

LIMITS = PeriodLimits()
ONE_DAY = dt.timedelta(days=1)
D = dt.date

days_in_range = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))
weekday_sets = st.frozensets(st.integers(min_value=0, max_value=6))


def _codes(error: ValidationError, field: str) -> list[str | None]:
    return [e.code for e in error.error_dict[field]]


def _message(error: ValidationError, field: str) -> str:
    return error.error_dict[field][0].messages[0]


# --- Period length ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "code"),
    [
        (D(2026, 1, 1), D(2026, 2, 28), PlacementError.PERIOD_TOO_SHORT),  # 2 months
        (D(2026, 1, 1), D(2026, 3, 30), PlacementError.PERIOD_TOO_SHORT),  # a day short of 3
        (D(2026, 1, 1), D(2026, 3, 31), None),  # 3 months
        (D(2026, 1, 1), D(2027, 12, 31), None),  # 24 months
        (D(2026, 1, 1), D(2028, 1, 1), PlacementError.PERIOD_TOO_LONG),  # 24 months and a day
        (D(2026, 1, 1), D(2028, 1, 31), PlacementError.PERIOD_TOO_LONG),  # 25 months
        (D(2026, 3, 1), D(2026, 2, 1), PlacementError.PERIOD_TOO_SHORT),  # ends before it starts
        # A month end: 31.1 + 3 months is 30.4, so the period's last day is 29.4 at the earliest.
        (D(2026, 1, 31), D(2026, 4, 30), None),
        (D(2026, 1, 31), D(2026, 4, 29), None),
        (D(2026, 1, 31), D(2026, 4, 28), PlacementError.PERIOD_TOO_SHORT),
        (D(2026, 1, 31), D(2028, 1, 30), None),
        (D(2026, 1, 31), D(2028, 1, 31), PlacementError.PERIOD_TOO_LONG),
        # Leap years: 30.11.2027 + 3 months is 29.2.2028; 30.11.2026 + 3 months is 28.2.2027.
        (D(2027, 11, 30), D(2028, 2, 28), None),
        (D(2027, 11, 30), D(2028, 2, 27), PlacementError.PERIOD_TOO_SHORT),
        (D(2026, 11, 30), D(2027, 2, 27), None),
        (D(2026, 11, 30), D(2027, 2, 26), PlacementError.PERIOD_TOO_SHORT),
        (D(2028, 2, 29), D(2028, 5, 28), None),
        (D(2028, 2, 29), D(2028, 5, 27), PlacementError.PERIOD_TOO_SHORT),
        (D(2028, 2, 29), D(2030, 2, 27), None),  # 29.2.2028 + 24 months is 28.2.2030
        (D(2028, 2, 29), D(2030, 2, 28), PlacementError.PERIOD_TOO_LONG),
        (D(2026, 3, 1), D(2028, 2, 29), None),  # 24 months holding 29.2
        (D(2026, 3, 1), D(2028, 3, 1), PlacementError.PERIOD_TOO_LONG),
    ],
)
def test_a_period_lasts_3_to_24_months(
    starts_on: dt.date, ends_on: dt.date, code: PlacementError | None
) -> None:
    if code is None:
        rules.check_period_length(starts_on, ends_on, limits=LIMITS)
        return
    with pytest.raises(ValidationError) as refused:
        rules.check_period_length(starts_on, ends_on, limits=LIMITS)
    assert _codes(refused.value, "ends_on") == [code]


def test_the_period_refusal_names_the_rule_and_the_allowed_end_dates() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.check_period_length(D(2026, 1, 1), D(2026, 2, 28), limits=LIMITS)
    assert _message(refused.value, "ends_on") == (
        "Jakso kestää vähintään 3 ja enintään 24 kuukautta (189/2001 13 b §): 1.1.2026 alkava "
        "jakso päättyy aikaisintaan 31.3.2026 ja viimeistään 31.12.2027."
    )
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        rules.check_period_length(D(2026, 1, 1), D(2028, 1, 31), limits=LIMITS)
    assert "högst 24 månader (189/2001 13 b §)" in _message(refused.value, "ends_on")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        rules.check_period_length(D(2026, 1, 1), D(2028, 1, 31), limits=LIMITS)
    assert "at most 24 months (189/2001 §13 b)" in _message(refused.value, "ends_on")


@given(starts_on=days_in_range, ends_on=days_in_range)
def test_the_allowed_end_dates_are_3_and_24_calendar_months_on(
    starts_on: dt.date, ends_on: dt.date
) -> None:
    first, last = rules.period_end_bounds(starts_on, LIMITS)

    # The day after the last day is the start's date 3 (24) months later, or that month's last
    # day when it is shorter: counted here from the calendar, not with add_months.
    for bound, months in ((first, 3), (last, 24)):
        after = bound + ONE_DAY
        assert (after.year * 12 + after.month) - (starts_on.year * 12 + starts_on.month) == months
        if starts_on.day <= 28:
            assert after.day == starts_on.day
        else:
            assert after.day == starts_on.day or (after + ONE_DAY).day == 1
    assert 88 <= (first - starts_on).days <= 91  # 89–92 days, the last day included
    assert 729 <= (last - starts_on).days <= 730  # 730 or 731 days

    # Exactly the days from first to last are accepted.
    if first <= ends_on <= last:
        rules.check_period_length(starts_on, ends_on, limits=LIMITS)
    else:
        with pytest.raises(ValidationError) as refused:
            rules.check_period_length(starts_on, ends_on, limits=LIMITS)
        expected = (
            PlacementError.PERIOD_TOO_SHORT if ends_on < first else PlacementError.PERIOD_TOO_LONG
        )
        assert _codes(refused.value, "ends_on") == [expected]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 15), 3, D(2027, 2, 15)),
        (D(2028, 2, 29), -12, D(2027, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
    ],
)
def test_add_months_keeps_the_date_or_takes_the_months_last_day(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert rules.add_months(day, months) == expected


# --- Days a week --------------------------------------------------------------------------------


@given(weekdays=weekday_sets)
def test_a_period_has_1_to_4_days_a_week(weekdays: frozenset[int]) -> None:
    if 1 <= len(weekdays) <= 4:
        rules.check_days_per_week(weekdays, limits=LIMITS)
        return
    with pytest.raises(ValidationError) as refused:
        rules.check_days_per_week(weekdays, limits=LIMITS)
    expected = (
        PlacementError.TOO_FEW_DAYS_A_WEEK if not weekdays else PlacementError.TOO_MANY_DAYS_A_WEEK
    )
    assert _codes(refused.value, "weekdays") == [expected]


def test_five_days_a_week_are_refused_since_1_7_2015_only() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.check_days_per_week({0, 1, 2, 3, 4}, limits=LIMITS)
    assert _message(refused.value, "weekdays") == (
        "Valitse viikonpäivät: jaksossa on toimintaa vähintään 1 ja enintään 4 päivänä "
        "kalenteriviikossa (189/2001 13 b §)."
    )
    rules.check_days_per_week({0, 1, 2, 3, 4}, limits=PeriodLimits(max_days_per_week=5))


def test_weekdays_are_0_to_6() -> None:
    with pytest.raises(ValueError, match="weekdays"):
        rules.check_days_per_week({7}, limits=LIMITS)


@pytest.mark.django_db
def test_the_limits_of_a_period_are_those_of_its_start() -> None:
    assert rules.limits_on(D(2015, 6, 30)).max_days_per_week == 5
    assert rules.limits_on(D(2015, 7, 1)).max_days_per_week == 4
    assert rules.limits_on(D(2026, 12, 2)) == PeriodLimits()


def test_overlapping_periods_together_hold_at_most_4_days_in_a_calendar_week() -> None:
    monday_to_wednesday = (D(2026, 1, 5), D(2026, 6, 30), {0, 1, 2})
    wednesday_and_thursday = (D(2026, 3, 1), D(2026, 9, 30), {2, 3})
    thursday_and_friday = (D(2026, 3, 1), D(2026, 9, 30), {3, 4})
    # Wednesday in both counts once: 4 days.
    assert rules.first_week_over([monday_to_wednesday, wednesday_and_thursday], max_days=4) is None
    rules.check_calendar_weeks([monday_to_wednesday, wednesday_and_thursday], limits=LIMITS)
    # 1.3.2026 is a Sunday: the first week with five days starts on Monday 2.3.2026.
    periods = [monday_to_wednesday, thursday_and_friday]
    assert rules.first_week_over(periods, max_days=4) == D(2026, 3, 2)
    with pytest.raises(ValidationError) as refused:
        rules.check_calendar_weeks(periods, limits=LIMITS)
    assert _codes(refused.value, "weekdays") == [PlacementError.TOO_MANY_DAYS_A_WEEK]
    assert _message(refused.value, "weekdays").startswith(
        "Viikolla, joka alkaa 2.3.2026, asiakas osallistuisi toimintaan yhteensä 5 päivänä"
    )
    # Periods one after the other never share a week.
    later = (D(2026, 7, 1), D(2026, 12, 31), {3, 4})
    assert rules.first_week_over([monday_to_wednesday, later], max_days=4) is None


# --- Hours ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "code"),
    [
        (3, PlacementError.TOO_FEW_HOURS_A_DAY),
        (Decimal("3.75"), PlacementError.TOO_FEW_HOURS_A_DAY),
        (4, None),
        (Decimal("6.5"), None),
        (8, None),
        (Decimal("8.25"), PlacementError.TOO_MANY_HOURS_A_DAY),
        (9, PlacementError.TOO_MANY_HOURS_A_DAY),
    ],
)
def test_a_day_lasts_4_to_8_hours(hours: Decimal | int, code: PlacementError | None) -> None:
    if code is None:
        rules.check_hours(hours, {0, 1, 2, 3}, limits=LIMITS)
        return
    with pytest.raises(ValidationError) as refused:
        rules.check_hours(hours, {0, 1, 2, 3}, limits=LIMITS)
    assert _codes(refused.value, "hours_per_day") == [code]


def test_the_hours_refusals_name_their_sections() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.check_hours(3, {0}, limits=LIMITS)
    assert _message(refused.value, "hours_per_day") == (
        "Toimintapäivä kestää vähintään 4 tuntia (189/2001 13 b §)."
    )
    with pytest.raises(ValidationError) as refused:
        rules.check_hours(9, {0}, limits=LIMITS)
    assert _message(refused.value, "hours_per_day") == (
        "Toimintapäivä kestää enintään 8 tuntia (189/2001 14 § 1 mom.; 872/2019 5 §)."
    )


def test_at_most_40_hours_a_week() -> None:
    # Under the 4-day rule 8 hours make 32 at most; with 5 days (before 1.7.2015) exactly 40.
    rules.check_hours(8, {0, 1, 2, 3, 4}, limits=PeriodLimits(max_days_per_week=5))
    tighter = PeriodLimits(max_hours_per_week=Decimal(30))
    with pytest.raises(ValidationError) as refused:
        rules.check_hours(Decimal("7.5"), {0, 1, 2, 3, 4}, limits=tighter)
    assert _codes(refused.value, "hours_per_day") == [PlacementError.TOO_MANY_HOURS_A_WEEK]
    assert "kertyy 37,5 tuntia" in _message(refused.value, "hours_per_day")


@given(
    quarter_hours=st.integers(min_value=0, max_value=48),
    weekdays=st.frozensets(st.integers(min_value=0, max_value=6), min_size=1, max_size=4),
)
def test_hours_within_4_to_8_a_day_keep_within_40_a_week(
    quarter_hours: int, weekdays: frozenset[int]
) -> None:
    hours = Decimal(quarter_hours) / 4
    if Decimal(4) <= hours <= Decimal(8):
        rules.check_hours(hours, weekdays, limits=LIMITS)
    else:
        with pytest.raises(ValidationError):
            rules.check_hours(hours, weekdays, limits=LIMITS)


def test_a_period_is_checked_at_once_each_refusal_on_its_field() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.check_period(D(2026, 1, 1), D(2026, 2, 28), {0, 1, 2, 3, 4}, 9, limits=LIMITS)
    assert _codes(refused.value, "ends_on") == [PlacementError.PERIOD_TOO_SHORT]
    assert _codes(refused.value, "weekdays") == [PlacementError.TOO_MANY_DAYS_A_WEEK]
    assert _codes(refused.value, "hours_per_day") == [PlacementError.TOO_MANY_HOURS_A_DAY]
    rules.check_period(D(2026, 1, 1), D(2026, 12, 31), {0, 2}, 6, limits=LIMITS)


# --- 178 participation days in any 12 months ------------------------------------------------------


def _leap_day_between(first: dt.date, last: dt.date) -> bool:
    return any(
        first <= D(year, 2, 29) <= last
        for year in range(first.year, last.year + 1)
        if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    )


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (D(2026, 12, 31), D(2026, 1, 1)),
        (D(2026, 6, 15), D(2025, 6, 16)),
        (D(2028, 2, 28), D(2027, 3, 1)),  # 365 days
        (D(2028, 2, 29), D(2027, 3, 1)),  # 366 days
        (D(2028, 3, 1), D(2027, 3, 2)),  # 366 days
        (D(2029, 2, 28), D(2028, 2, 29)),  # 366 days
        (D(2029, 3, 1), D(2028, 3, 2)),  # 365 days
    ],
)
def test_the_12_months_end_on_the_day_and_start_the_day_after_it_a_year_before(
    day: dt.date, start: dt.date
) -> None:
    assert rules.window_start(day) == start


@given(day=days_in_range)
def test_the_12_months_are_366_days_exactly_when_they_hold_29_february(day: dt.date) -> None:
    start = rules.window_start(day)
    length = (day - start).days + 1
    assert length == (366 if _leap_day_between(start, day) else 365)


def _attended(count: int, start: dt.date, weekdays: set[int]) -> list[dt.date]:
    """The first ``count`` days of a period from ``start`` on ``weekdays``."""
    span = dt.timedelta(days=count * 7 // len(weekdays) + 14)
    days = rules.period_dates(start, start + span, weekdays)[:count]
    assert len(days) == count
    return days


def test_the_179th_day_within_12_months_is_refused_across_periods_and_years() -> None:
    # 100 days from August 2025 and 78 from February 2026 at another place: 178 days.
    autumn = _attended(100, D(2025, 8, 4), {0, 1, 2, 3})
    spring = _attended(78, D(2026, 2, 2), {0, 1, 2, 3})
    existing = autumn + spring
    assert len(set(existing)) == 178
    assert max(existing) < D(2026, 7, 6)
    new = rules.period_dates(D(2026, 7, 6), D(2026, 12, 31), {0, 1})
    # Every existing day is within 12 months of the new period's first day: it is the 179th.
    assert rules.first_excess_day(existing, new) == D(2026, 7, 6)
    with pytest.raises(ValidationError) as refused:
        rules.check_participation_days(existing, new, limits=LIMITS)
    assert _codes(refused.value, "starts_on") == [PlacementError.PARTICIPATION_DAYS_EXCEEDED]
    assert _message(refused.value, "starts_on") == (
        "Ajalla 7.7.2025–6.7.2026 asiakkaalle kertyisi 179 osallistumispäivää; minkä tahansa "
        "12 kuukauden aikana niitä saa olla enintään 178 (189/2001 14 § 1 mom.)."
    )
    # A day counts once however many periods hold it: repeating the spring changes nothing.
    assert rules.first_excess_day(existing + spring, new) == D(2026, 7, 6)


def test_a_day_is_allowed_once_the_first_day_has_left_the_12_months() -> None:
    existing = _attended(178, D(2025, 8, 4), {0, 1, 2, 3, 4})
    first = existing[0]  # Monday 4.8.2025
    a_year_on = rules.add_months(first, 12)  # 4.8.2026: its 12 months start on 5.8.2025
    assert rules.first_excess_day(existing, [a_year_on]) is None
    assert rules.first_excess_day(existing, [a_year_on - ONE_DAY]) == a_year_on - ONE_DAY
    # A new period from the day before: its first day is refused, whatever follows.
    new = rules.period_dates(a_year_on - ONE_DAY, a_year_on + dt.timedelta(days=60), {0, 1, 2})
    assert rules.first_excess_day(existing, new) == a_year_on - ONE_DAY


def test_the_12_months_ending_on_29_february_hold_366_days() -> None:
    # 1.3.2027 is within the 12 months ending on 29.2.2028 (a 365-day window would miss it).
    existing = [D(2027, 3, 1), *_attended(177, D(2027, 3, 2), {0, 1, 2, 3, 4})]
    assert max(existing) < D(2028, 2, 29)
    assert rules.first_excess_day(existing, [D(2028, 2, 29)]) == D(2028, 2, 29)
    assert rules.first_excess_day(existing, [D(2028, 3, 1)]) is None
    # And the 12 months ending on 28.2.2029 start on 29.2.2028.
    existing = [D(2028, 2, 29), *_attended(177, D(2028, 3, 1), {0, 1, 2, 3, 4})]
    assert rules.first_excess_day(existing, [D(2029, 2, 28)]) == D(2029, 2, 28)
    assert rules.first_excess_day(existing, [D(2029, 3, 1)]) is None


def test_a_new_period_may_push_a_later_period_over_the_limit() -> None:
    later = _attended(170, D(2026, 9, 7), {0, 1, 2, 3, 4})
    new = rules.period_dates(D(2026, 6, 1), D(2026, 6, 29), {0, 1})  # 9 days
    assert len(new) == 9
    # The 179th day is the last of the later period's days.
    assert rules.first_excess_day(later, new) == later[-1]
    # An excess the new days take no part in is not theirs.
    far_away = rules.period_dates(D(2029, 1, 1), D(2029, 3, 31), {0})
    too_many = _attended(200, D(2026, 1, 5), {0, 1, 2, 3, 4})
    assert rules.first_excess_day(too_many, far_away) is None


def _brute_force_first_excess(
    existing: set[dt.date], new: set[dt.date], limit: int
) -> dt.date | None:
    """The same rule counted day by day, with the 12 months taken from the calendar."""
    days = sorted(existing | new)
    for day in days:
        try:
            year_before = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            year_before = D(day.year - 1, 2, 28)
        window = [d for d in days if year_before < d <= day]
        if len(window) > limit and any(d in new for d in window):
            return day
    return None


periods = st.tuples(
    st.dates(min_value=D(2025, 1, 1), max_value=D(2029, 12, 31)),
    st.integers(min_value=0, max_value=150),
    st.frozensets(st.integers(min_value=0, max_value=6), min_size=1, max_size=4),
)


@settings(deadline=None)
@given(
    earlier=st.lists(periods, min_size=1, max_size=4),
    planned=periods,
    limit=st.integers(min_value=5, max_value=80),
)
def test_the_rolling_count_agrees_with_counting_day_by_day(
    earlier: list[tuple[dt.date, int, frozenset[int]]],
    planned: tuple[dt.date, int, frozenset[int]],
    limit: int,
) -> None:
    def expand(period: tuple[dt.date, int, frozenset[int]]) -> list[dt.date]:
        start, length, weekdays = period
        return rules.period_dates(start, start + dt.timedelta(days=length), weekdays)

    existing = {day for period in earlier for day in expand(period)}
    new = set(expand(planned))
    expected = _brute_force_first_excess(existing, new, limit)
    event("refused" if expected else "accepted")
    assert rules.first_excess_day(existing, new, limit=limit) == expected
    limits = PeriodLimits(max_participation_days=limit)
    if expected is None:
        rules.check_participation_days(existing, new, limits=limits)
    else:
        with pytest.raises(ValidationError) as refused:
            rules.check_participation_days(existing, new, limits=limits)
        assert _codes(refused.value, "starts_on") == [PlacementError.PARTICIPATION_DAYS_EXCEEDED]


def test_period_dates_are_its_weekdays_between_start_and_end_without_closed_days() -> None:
    days = rules.period_dates(
        D(2026, 12, 21), D(2027, 1, 3), {0, 3}, closed={D(2026, 12, 24), D(2027, 1, 1)}
    )
    assert days == [D(2026, 12, 21), D(2026, 12, 28), D(2026, 12, 31)]


# --- Distance, producer, order ---------------------------------------------------------------------


HELSINKI = (60.1699, 24.9384)
TAMPERE = (61.4978, 23.7610)


def test_distance_is_the_great_circle_distance() -> None:
    # One degree of longitude on the equator is 2πR/360.
    assert rules.distance_km((0, 0), (0, 1)) == pytest.approx(111.195, abs=0.001)
    assert rules.distance_km(HELSINKI, HELSINKI) == 0
    assert rules.distance_km(HELSINKI, TAMPERE) == pytest.approx(
        rules.distance_km(TAMPERE, HELSINKI)
    )
    assert rules.distance_km(HELSINKI, TAMPERE) == pytest.approx(160, abs=5)  # as the crow flies
    coordinates = (Decimal("60.169900"), Decimal("24.938400"))  # as a DecimalField holds them
    assert rules.distance_km(coordinates, TAMPERE) == rules.distance_km(HELSINKI, TAMPERE)


def _north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    return (point[0] + km / (rules.EARTH_RADIUS_KM * math.pi / 180), point[1])


def test_a_place_over_80_km_away_needs_the_clients_consent() -> None:
    far = _north_of(HELSINKI, 120)
    assert rules.distance_km(HELSINKI, far) == pytest.approx(120, abs=0.01)
    with pytest.raises(ValidationError) as refused:
        rules.check_distance(HELSINKI, far, consent=False, limits=LIMITS)
    assert _codes(refused.value, "place") == [PlacementError.TOO_FAR_WITHOUT_CONSENT]
    assert _message(refused.value, "place") == (
        "Paikka on 120,0 km:n päässä asiakkaan kotoa, yli 80 km: se edellyttää asiakkaan "
        "suostumusta (189/2001 14 § 3 mom.; 380/2023 10 §)."
    )
    rules.check_distance(HELSINKI, far, consent=True, limits=LIMITS)
    rules.check_distance(HELSINKI, _north_of(HELSINKI, 79.99), consent=False, limits=LIMITS)


@pytest.mark.parametrize("producer", list(ProducerType))
def test_a_company_cannot_produce_kuty(producer: ProducerType) -> None:
    if producer != ProducerType.COMPANY:
        rules.check_producer(producer)
        return
    with pytest.raises(ValidationError) as refused:
        rules.check_producer(producer.value)
    assert _codes(refused.value, "place") == [PlacementError.COMPANY_PRODUCER]
    assert "(189/2001 13 § 2 mom.)" in _message(refused.value, "place")


def test_a_period_starts_after_its_decision_and_the_steward_notice() -> None:
    start = D(2026, 3, 2)
    rules.check_start_order(start, decided_on=start, notice_on=start)
    rules.check_start_order(start, decided_on=D(2026, 2, 1), notice_on=D(2026, 2, 20))
    with pytest.raises(ValidationError) as refused:
        rules.check_start_order(start, decided_on=None, notice_on=None)
    assert _codes(refused.value, "starts_on") == [
        PlacementError.START_BEFORE_DECISION,
        PlacementError.START_BEFORE_NOTICE,
    ]
    with pytest.raises(ValidationError) as refused:
        rules.check_start_order(start, decided_on=D(2026, 3, 3), notice_on=D(2026, 2, 1))
    assert _codes(refused.value, "starts_on") == [PlacementError.START_BEFORE_DECISION]
    assert _message(refused.value, "starts_on") == (
        "Jakso ei voi alkaa ennen siitä 3.3.2026 tehtyä päätöstä (1301/2014 45 §)."
    )
    with pytest.raises(ValidationError) as refused:
        rules.check_start_order(start, decided_on=D(2026, 2, 1), notice_on=D(2026, 3, 5))
    assert _codes(refused.value, "starts_on") == [PlacementError.START_BEFORE_NOTICE]
    assert _message(refused.value, "starts_on") == (
        "Jakso ei voi alkaa ennen pääluottamusmiehelle 5.3.2026 tehtyä ilmoitusta (189/2001 16 §)."
    )
