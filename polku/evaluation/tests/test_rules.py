"""The GAS rules: the T-score against hand-computed values and its properties, the levels, the
place's window and the template's shape."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from polku.evaluation.errors import EvaluationError
from polku.evaluation.rules import (
    gas_level,
    in_place_window,
    meeting_date,
    t_score,
    template_problems,
)


def test_three_goals_at_the_expected_level_score_50() -> None:
    assert t_score([(0, 1), (0, 1), (0, 1)]) == pytest.approx(50)


def test_plus_one_zero_minus_one_unweighted_is_50() -> None:
    assert t_score([(1, 1), (0, 1), (-1, 1)]) == pytest.approx(50)


def test_two_goals_at_plus_two() -> None:
    # 50 + 10·4 / √(0.7·2 + 0.3·4) = 50 + 40 / √2.6
    expected = 50 + 40 / math.sqrt(2.6)
    assert t_score([(2, 1), (2, 1)]) == pytest.approx(expected)
    assert round(expected, 2) == 74.81


def test_one_goal_is_50_plus_10_times_its_level() -> None:
    # √(0.7·w² + 0.3·w²) = w: T = 50 + 10·x
    for level in (-2, -1, 0, 1, 2):
        assert t_score([(level, 1)]) == pytest.approx(50 + 10 * level)
        assert t_score([(level, 3)]) == pytest.approx(50 + 10 * level)


def test_weighted_goals_by_hand() -> None:
    # w = (2, 1), x = (+1, −1): Σwx = 1, Σw² = 5, (Σw)² = 9 → √(3.5 + 2.7) = √6.2
    assert t_score([(1, 2), (-1, 1)]) == pytest.approx(50 + 10 / math.sqrt(6.2))
    # w = (3, 1, 1), x = (−1, +2, 0): Σwx = −1, Σw² = 11, (Σw)² = 25 → √(7.7 + 7.5) = √15.2
    assert t_score([(-1, 3), (2, 1), (0, 1)]) == pytest.approx(50 - 10 / math.sqrt(15.2))
    # The weight moves the score towards the heavier goal.
    assert t_score([(1, 2), (-1, 1)]) > 50 > t_score([(1, 1), (-1, 2)])  # type: ignore[operator]


def test_no_goals_no_score() -> None:
    assert t_score([]) is None


def test_a_level_outside_the_scale_is_not_scored() -> None:
    with pytest.raises(ValueError, match="outside"):
        t_score([(3, 1)])


LEVELS = st.sampled_from([-2, -1, 0, 1, 2])
WEIGHTS = st.integers(min_value=1, max_value=10).map(float)


@given(st.lists(st.tuples(LEVELS, WEIGHTS), min_size=1, max_size=12))
def test_t_score_properties(pairs: list[tuple[int, float]]) -> None:
    score = t_score(pairs)
    assert score is not None
    # Symmetric around 50: mirrored levels mirror the score.
    mirrored = t_score([(-x, w) for x, w in pairs])
    assert mirrored is not None
    assert score - 50 == pytest.approx(50 - mirrored)
    # Scaling every weight by the same factor changes nothing.
    assert t_score([(x, w * 3) for x, w in pairs]) == pytest.approx(score)
    # Every goal at 0 is 50; all at +2 is the highest possible for these weights.
    assert t_score([(0, w) for _x, w in pairs]) == pytest.approx(50)
    assert t_score([(2, w) for _x, w in pairs]) >= score - 1e-9  # type: ignore[operator]
    # The order of the goals does not matter.
    assert t_score(list(reversed(pairs))) == pytest.approx(score)


@given(st.lists(st.tuples(LEVELS, WEIGHTS), min_size=1, max_size=12), st.integers(0, 11))
def test_raising_one_goal_never_lowers_the_score(
    pairs: list[tuple[int, float]], index: int
) -> None:
    index %= len(pairs)
    level, weight = pairs[index]
    if level == 2:
        return
    raised = [*pairs[:index], (level + 1, weight), *pairs[index + 1 :]]
    assert t_score(raised) > t_score(pairs)  # type: ignore[operator]


@pytest.mark.parametrize("value", ["-2", "-1", "0", "1", "+1", "2", "+2", 0, -2, 2])
def test_gas_levels_accepted(value: object) -> None:
    assert gas_level("level", value) in (-2, -1, 0, 1, 2)


@pytest.mark.parametrize("value", ["3", "-3", 3, "1.5", 1.5, "", None, "x", True])
def test_anything_else_is_refused(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        gas_level("level", value)
    assert caught.value.error_dict["level"][0].code == EvaluationError.LEVEL_OUT_OF_RANGE


def test_place_window_is_the_period_and_30_days() -> None:
    start, end = dt.date(2026, 1, 5), dt.date(2026, 6, 30)
    assert not in_place_window(start, end, today=dt.date(2026, 1, 4))
    assert in_place_window(start, end, today=start)
    assert in_place_window(start, end, today=end + dt.timedelta(days=30))
    assert not in_place_window(start, end, today=end + dt.timedelta(days=31))


def test_meeting_date_bounds() -> None:
    start = dt.date(2020, 1, 6)
    with pytest.raises(ValidationError) as caught:
        meeting_date(dt.date(2020, 1, 5), period_starts_on=start)
    assert caught.value.error_dict["met_on"][0].code == EvaluationError.BEFORE_PERIOD
    assert "6.1.2020" in caught.value.error_dict["met_on"][0].message
    with pytest.raises(ValidationError):
        meeting_date(dt.date(2999, 1, 1), period_starts_on=start)
    with pytest.raises(ValidationError):
        meeting_date(None, period_starts_on=start)
    assert meeting_date(start, period_starts_on=start) == start


def test_template_shape() -> None:
    text = {"fi": "a", "sv": "b", "en": "c"}
    scales = {"s": [{"value": 1, "text": text}, {"value": 2, "text": text}]}
    assert template_problems([{"key": "k", "text": text, "scale": "s"}], scales) == []
    assert template_problems([{"key": "k", "text": {"fi": "a"}, "scale": "s"}], scales)
    assert template_problems([{"key": "k", "text": text, "scale": "nope"}], scales)
    assert template_problems([], scales)
    assert template_problems([{"key": "k", "text": text, "scale": "s"}], {"s": []})
    twice = [{"key": "k", "text": text, "scale": "s"}] * 2
    assert template_problems(twice, scales)
