from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from hypothesis import given
from hypothesis import strategies as st

from polku.core.errors import CommonError
from polku.core.rules import day_label, not_before, not_in_future, not_in_past

TODAY = dt.date(2026, 12, 2)


def _code(error: ValidationError, field: str) -> str | None:
    return error.error_dict[field][0].code


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_future_and_past_split_the_calendar_at_today(day: dt.date) -> None:
    if day > TODAY:
        with pytest.raises(ValidationError) as refused:
            not_in_future("held_on", day, today=TODAY)
        assert _code(refused.value, "held_on") == CommonError.FUTURE
    else:
        not_in_future("held_on", day, today=TODAY)
    if day < TODAY:
        with pytest.raises(ValidationError) as refused:
            not_in_past("due", day, today=TODAY)
        assert _code(refused.value, "due") == CommonError.PAST
    else:
        not_in_past("due", day, today=TODAY)


def test_not_before_names_the_bound_in_d_m_yyyy() -> None:
    message = _("The date cannot be before %(date)s, when the client relationship began.")
    not_before("signed_on", TODAY, None, message, CommonError.MISSING)
    not_before("signed_on", TODAY, TODAY, message, CommonError.MISSING)
    with pytest.raises(ValidationError) as refused:
        not_before(
            "signed_on", dt.date(2026, 1, 4), dt.date(2026, 1, 5), message, CommonError.MISSING
        )
    assert "5.1.2026" in refused.value.error_dict["signed_on"][0].messages[0]
    assert day_label(dt.date(2025, 1, 5)) == "5.1.2025"
