"""The appeal deadline (SPEC §3 "Appeal window"): the day of notification by delivery, 30 days
not counting that day, a last day that is not a working day moved to the next one (150/1930)."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from polku.placements import deadlines
from polku.placements.deadlines import DeliveryMethod, appeal_deadline, is_working_day
from polku.placements.errors import PlacementError

D = dt.date
ONE_DAY = dt.timedelta(days=1)

# Easter Sunday by year, from the almanac (not computed, so the test does not share the
# library's algorithm).
EASTER = {
    2024: D(2024, 3, 31),
    2025: D(2025, 4, 20),
    2026: D(2026, 4, 5),
    2027: D(2027, 3, 28),
    2028: D(2028, 4, 16),
    2029: D(2029, 4, 1),
    2030: D(2030, 4, 21),
}


def _first(weekday: int, start: dt.date) -> dt.date:
    """The first ``weekday`` on or after ``start``."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def statute_days(year: int) -> set[dt.date]:
    """The days besides Saturdays and Sundays on which a time limit cannot end: the church
    holidays (pyhäpäivät) and the days 150/1930 §5 names."""
    easter = EASTER[year]
    midsummer_eve = _first(4, D(year, 6, 19))  # the Friday between 19 and 25 June
    return {
        D(year, 1, 1),  # New Year's Day
        D(year, 1, 6),  # Epiphany
        easter - dt.timedelta(days=2),  # Good Friday
        easter,  # Easter Sunday
        easter + ONE_DAY,  # Easter Monday
        easter + dt.timedelta(days=39),  # Ascension Day
        easter + dt.timedelta(days=49),  # Whit Sunday
        midsummer_eve + ONE_DAY,  # Midsummer Day, the Saturday between 20 and 26 June
        _first(5, D(year, 10, 31)),  # All Saints' Day, the Saturday between 31.10 and 6.11
        D(year, 12, 25),  # Christmas Day
        D(year, 12, 26),  # Boxing Day
        # Named by 150/1930 §5 besides the church holidays:
        D(year, 12, 6),  # Independence Day
        D(year, 5, 1),  # May Day
        D(year, 12, 24),  # Christmas Eve
        midsummer_eve,  # Midsummer Eve
    }


def _days_of(year: int) -> list[dt.date]:
    return [
        D(year, 1, 1) + dt.timedelta(days=n)
        for n in range((D(year + 1, 1, 1) - D(year, 1, 1)).days)
    ]


@pytest.mark.parametrize("year", sorted(EASTER))
def test_working_days_follow_the_statutes_list(year: int) -> None:
    expected = statute_days(year)
    # What the package gives: exactly the statute's days, Midsummer Eve and Christmas Eve too.
    assert set(holidays.Finland(years=year)) == expected
    assert set(deadlines.statutory_holidays(year)) == expected
    for day in _days_of(year):
        assert is_working_day(day) == (day.weekday() < 5 and day not in expected), day
    # New Year's Eve is a working day (when not a weekend).
    new_years_eve = D(year, 12, 31)
    assert is_working_day(new_years_eve) == (new_years_eve.weekday() < 5)


def test_polku_adds_the_days_150_1930_names_should_the_package_lack_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deadlines, "_library_holidays", lambda year, language: {})
    for day in (D(2026, 5, 1), D(2026, 6, 19), D(2027, 12, 6), D(2026, 12, 24)):
        assert day.weekday() < 5
        assert not is_working_day(day)
    assert deadlines.non_working_reason(D(2026, 6, 19)) == "juhannusaatto"
    assert is_working_day(D(2026, 12, 25))  # Christmas Day comes from the package only


def test_holiday_names_are_in_the_active_language() -> None:
    day = D(2027, 12, 6)
    assert deadlines.non_working_reason(day) == "itsenäisyyspäivä"
    with translation.override("sv"):
        assert deadlines.non_working_reason(day) == "självständighetsdagen"
        assert deadlines.non_working_reason(D(2026, 5, 14)) == "Kristi himmelsfärdsdag"
    with translation.override("en"):
        assert deadlines.non_working_reason(day) == "Independence Day"
        assert deadlines.non_working_reason(D(2026, 1, 10)) == "Saturday"
    assert deadlines.non_working_reason(D(2026, 1, 11)) == "sunnuntai"
    assert deadlines.non_working_reason(D(2026, 12, 31)) is None


@pytest.mark.parametrize(
    ("method", "sent_on", "received_on", "notified_on", "deadline"),
    [
        # A letter sent on Friday 4.12.2026 is received on the 7th day, Friday 11.12.2026;
        # the 30th day after it is Sunday 10.1.2027, so the deadline is Monday 11.1.2027.
        (DeliveryMethod.LETTER, D(2026, 12, 4), None, D(2026, 12, 11), D(2027, 1, 11)),
        # Shown to have been received later: the receipt counts (13.1.2027 is a Wednesday).
        (DeliveryMethod.LETTER, D(2026, 12, 4), D(2026, 12, 14), D(2026, 12, 14), D(2027, 1, 13)),
        # An electronic message on Wednesday 3.11.2027 is received on Saturday 6.11.2027: not
        # moved. 6.12.2027 is Independence Day, a Monday: Tuesday 7.12.2027.
        (DeliveryMethod.ELECTRONIC, D(2027, 11, 3), None, D(2027, 11, 6), D(2027, 12, 7)),
        # Received the next day: Saturday 4.12.2027, then Sunday and Independence Day.
        (DeliveryMethod.ELECTRONIC, D(2027, 11, 3), D(2027, 11, 4), D(2027, 11, 4), D(2027, 12, 7)),
        # Handed over: that day. Christmas Eve, a Friday, then Christmas and Boxing Day on the
        # weekend: Monday 27.12.2027.
        (DeliveryMethod.HANDED_OVER, D(2027, 11, 24), None, D(2027, 11, 24), D(2027, 12, 27)),
        # Midsummer Eve, Friday 19.6.2026: Monday 22.6.2026.
        (DeliveryMethod.HANDED_OVER, D(2026, 5, 20), None, D(2026, 5, 20), D(2026, 6, 22)),
        # May Day, Friday 1.5.2026: Monday 4.5.2026.
        (DeliveryMethod.HANDED_OVER, D(2026, 4, 1), None, D(2026, 4, 1), D(2026, 5, 4)),
        # Good Friday 26.3.2027 to Easter Monday 29.3.2027: Tuesday 30.3.2027.
        (DeliveryMethod.HANDED_OVER, D(2027, 2, 24), None, D(2027, 2, 24), D(2027, 3, 30)),
        # Ascension Day, Thursday 14.5.2026: Friday 15.5.2026.
        (DeliveryMethod.HANDED_OVER, D(2026, 4, 14), None, D(2026, 4, 14), D(2026, 5, 15)),
        # Epiphany, Thursday 6.1.2028: Friday 7.1.2028.
        (DeliveryMethod.HANDED_OVER, D(2027, 12, 7), None, D(2027, 12, 7), D(2028, 1, 7)),
        # New Year's Eve, Thursday 31.12.2026, is a working day.
        (DeliveryMethod.HANDED_OVER, D(2026, 12, 1), None, D(2026, 12, 1), D(2026, 12, 31)),
        # 29 February 2028 is a Tuesday and an ordinary last day.
        (DeliveryMethod.HANDED_OVER, D(2028, 1, 30), None, D(2028, 1, 30), D(2028, 2, 29)),
        # A letter sent on 24.12.2025 is received on 31.12.2025 (the 7th day, whatever the
        # holidays in between); the 30th day, Friday 30.1.2026, is a working day.
        (DeliveryMethod.LETTER, D(2025, 12, 24), None, D(2025, 12, 31), D(2026, 1, 30)),
    ],
)
def test_hand_computed_deadlines(
    method: DeliveryMethod,
    sent_on: dt.date,
    received_on: dt.date | None,
    notified_on: dt.date,
    deadline: dt.date,
) -> None:
    result = appeal_deadline(method=method, sent_on=sent_on, received_on=received_on)
    assert (result.notified_on, result.deadline) == (notified_on, deadline)


def test_the_reasons_explain_the_deadline_in_the_clients_language() -> None:
    result = appeal_deadline(method=DeliveryMethod.LETTER, sent_on=D(2026, 12, 4))
    assert result.lines() == [
        "Lähetetty tavallisena kirjeenä 4.12.2026: tiedoksisaannin katsotaan tapahtuneen 7. "
        "päivänä lähettämisestä, 11.12.2026 (434/2003 59 §).",
        "30 päivää tiedoksisaannista, tiedoksisaantipäivää lukuun ottamatta: viimeinen päivä on "
        "10.1.2027 (434/2003 49 c §; 150/1930 2 §).",
        "10.1.2027 (sunnuntai) ei ole arkipäivä, joten määräaika päättyy seuraavana "
        "arkipäivänä 11.1.2027 (150/1930 5 §).",
    ]
    with translation.override("sv"):
        lines = result.lines()
    assert lines[0].endswith("den 7:e dagen efter avsändandet, 11.12.2026 (434/2003 59 §).")
    assert lines[2] == (
        "10.1.2027 (söndag) är ingen vardag, så tidsfristen går ut följande vardag, 11.1.2027 "
        "(150/1930 5 §)."
    )
    moved = appeal_deadline(method=DeliveryMethod.ELECTRONIC, sent_on=D(2027, 11, 3))
    assert moved.lines()[2].startswith("6.12.2027 (itsenäisyyspäivä) ei ole arkipäivä")
    with translation.override("en"):
        assert moved.lines()[0] == (
            "Sent as an electronic message on 3.11.2027: notified on day 3 after sending, "
            "6.11.2027 (13/2003 §19)."
        )
    on_time = appeal_deadline(method=DeliveryMethod.HANDED_OVER, sent_on=D(2026, 12, 1))
    assert len(on_time.reasons) == 2  # nothing to move


def test_a_receipt_before_the_sending_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        appeal_deadline(
            method=DeliveryMethod.LETTER, sent_on=D(2026, 12, 4), received_on=D(2026, 12, 3)
        )
    error = refused.value.error_dict["received_on"][0]
    assert error.code == PlacementError.RECEIPT_BEFORE_SENDING
    assert error.messages == ["Vastaanottopäivä ei voi olla ennen lähetyspäivää 4.12.2026."]


def _non_working(day: dt.date) -> bool:
    """From the package and the weekday only, not through deadlines."""
    return day.weekday() >= 5 or day in holidays.Finland(years=day.year)


@settings(deadline=None)
@given(
    method=st.sampled_from(DeliveryMethod),
    sent_on=st.dates(min_value=D(2024, 1, 1), max_value=D(2035, 12, 31)),
    shown_later=st.one_of(st.none(), st.integers(min_value=0, max_value=20)),
)
def test_the_deadline_is_the_first_working_day_from_the_30th_day(
    method: DeliveryMethod, sent_on: dt.date, shown_later: int | None
) -> None:
    received_on = None if shown_later is None else sent_on + dt.timedelta(days=shown_later)
    result = appeal_deadline(method=method, sent_on=sent_on, received_on=received_on)

    presumed = {
        DeliveryMethod.HANDED_OVER: 0,
        DeliveryMethod.LETTER: 7,
        DeliveryMethod.ELECTRONIC: 3,
    }[method]
    expected = received_on if received_on is not None else sent_on + dt.timedelta(days=presumed)
    assert result.notified_on == expected

    thirtieth = result.notified_on + dt.timedelta(days=30)
    assert result.deadline >= thirtieth
    assert not _non_working(result.deadline)
    assert result.deadline.weekday() < 5
    # Every day skipped is a weekend day or a holiday, so a working 30th day is the deadline.
    day = thirtieth
    while day < result.deadline:
        assert _non_working(day)
        day += ONE_DAY
    if not _non_working(thirtieth):
        assert result.deadline == thirtieth
    # At most five days: a Saturday 22 December, then Sunday, Christmas Eve, Christmas Day and
    # St Stephen's Day (Good Friday to Easter Monday is four).
    assert (result.deadline - thirtieth).days <= 5
    assert len(result.lines()) == (2 if result.deadline == thirtieth else 3)
