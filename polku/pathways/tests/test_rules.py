"""The pathway's rules (polku/pathways/rules.py) as pure functions, tested with hypothesis."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from polku.core.errors import CommonError
from polku.pathways import rules
from polku.pathways.errors import PathwayError
from polku.pathways.models import ActivationPlan

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
MAYBE_DAYS = st.none() | DAYS


def _code(call: object) -> str | None:
    """The code of the one field refusal ``call()`` raises, or None when it passes."""
    try:
        call()  # type: ignore[operator]
    except ValidationError as error:
        ((problem,),) = error.error_dict.values()
        return problem.code
    return None


@given(day=DAYS, started_on=DAYS, notice=MAYBE_DAYS, first=MAYBE_DAYS)
def test_a_pathway_date_is_refused_by_the_first_event_it_predates(
    day: dt.date, started_on: dt.date, notice: dt.date | None, first: dt.date | None
) -> None:
    expected: str | None = None
    for bound, bound_code in (
        (started_on, PathwayError.BEFORE_RELATIONSHIP),
        (notice, PathwayError.BEFORE_NOTICE),
        (first, PathwayError.BEFORE_FIRST_PLAN),
    ):
        if bound is not None and day < bound:
            expected = bound_code
            break
    code = _code(
        lambda: rules.pathway_bounds(
            "signed_on",
            day,
            started_on=started_on,
            notice_given_on=notice,
            first_plan_signed_on=first,
        )
    )
    assert code == expected


@given(held_on=DAYS, started_on=DAYS, booked_on=DAYS, today=DAYS)
def test_the_joint_meeting_is_held_between_its_bounds_and_today(
    held_on: dt.date, started_on: dt.date, booked_on: dt.date, today: dt.date
) -> None:
    code = _code(
        lambda: rules.joint_meeting_held_on(
            held_on, started_on=started_on, booked_on=booked_on, today=today
        )
    )
    if held_on < started_on:
        assert code == PathwayError.BEFORE_RELATIONSHIP
    elif held_on < booked_on:
        assert code == PathwayError.BEFORE_BOOKING
    elif held_on > today:
        assert code == CommonError.FUTURE
    else:
        assert code is None


@given(due=DAYS, today=DAYS)
def test_the_decision_date_is_not_in_the_past(due: dt.date, today: dt.date) -> None:
    code = _code(lambda: rules.reflection_due_date(due, today=today))
    assert code == (CommonError.PAST if due < today else None)


@given(day=DAYS, months=st.integers(0, 36))
def test_add_months_keeps_the_day_or_takes_the_months_last(day: dt.date, months: int) -> None:
    later = rules.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(later.year, later.month)[1]
    assert later.day == min(day.day, last)


@given(chosen=st.sampled_from([None, 1, 2]), back_to_mapping=st.booleans())
def test_the_second_plan_records_one_choice_of_the_first_plans_options(
    chosen: int | None, back_to_mapping: bool
) -> None:
    first = ActivationPlan(pk=1)
    code = _code(
        lambda: rules.second_plan_choice(
            first=first, chosen_option_plan_id=chosen, back_to_mapping=back_to_mapping
        )
    )
    if chosen is None:
        assert code == (None if back_to_mapping else PathwayError.NO_CHOICE)
    elif back_to_mapping:
        assert code == PathwayError.CONTRADICTION
    else:
        assert code == (None if chosen == 1 else PathwayError.NOT_FIRST_PLAN)


def test_a_bound_is_named_in_d_m_yyyy_in_finnish() -> None:
    with pytest.raises(ValidationError) as refused:
        rules.pathway_bounds(
            "visited_on",
            dt.date(2026, 1, 4),
            started_on=dt.date(2025, 1, 5),
            first_plan_signed_on=dt.date(2026, 1, 5),
        )
    assert refused.value.error_dict["visited_on"][0].messages == [
        "Päivämäärä ei voi olla ennen 5.1.2026, jolloin ensimmäinen aktivointisuunnitelma "
        "allekirjoitettiin."
    ]
