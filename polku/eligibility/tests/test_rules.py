"""The rules at their boundaries: the 25th birthday, 179/180 and 499/500 days, the date a
rule version takes effect, contradictory inputs, and the benefit-sanction steps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from polku.eligibility.models import EligibilityRule, EmploymentPlan, Route
from polku.eligibility.rules import Inputs, assess, sanction, validate

pytestmark = pytest.mark.django_db

BORN = dt.date(2000, 6, 15)
BIRTHDAY_25 = dt.date(2025, 6, 15)
OLD_RULE_DAY = dt.date(2025, 12, 31)
NEW_RULE_DAY = dt.date(2026, 1, 1)


def inputs(**overrides: object) -> Inputs:
    data: dict[str, object] = {
        "birth_date": BORN,
        "subsidy_days_total": 0,
        "subsidy_days_12m": 0,
        "social_assistance_main_income": False,
        "employment_plan": EmploymentPlan.EMPLOYMENT_PLAN,
    }
    data.update(overrides)
    return Inputs(**data)  # type: ignore[arg-type]


def codes(error: ValidationError) -> dict[str, set[str | None]]:
    return {field: {e.code for e in errors} for field, errors in error.error_dict.items()}


def text(result: object) -> str:
    return " ".join(str(r) for r in result.reasons)  # type: ignore[attr-defined]


def test_the_day_before_the_25th_birthday_is_under_25_and_the_birthday_is_25() -> None:
    # 180 days in 12 months but only 180 in total: under 25 the 12-month rule applies,
    # from the birthday the 500-day rule does.
    data = inputs(subsidy_days_total=180, subsidy_days_12m=180)
    before = assess(data, on=BIRTHDAY_25 - dt.timedelta(days=1))
    on = assess(data, on=BIRTHDAY_25)
    assert (before.age, before.age_group, before.route) == (24, "under", Route.ACTIVATION_PLAN)
    assert (on.age, on.age_group, on.route) == (25, "over", Route.NOT_WITHIN)
    assert "24-vuotias" in text(before)
    assert "alle 25" in text(before)
    assert "500" in text(on)


@pytest.mark.parametrize(("days", "route"), [(179, Route.NOT_WITHIN), (180, Route.ACTIVATION_PLAN)])
def test_under_25_needs_180_days_in_the_last_12_months(days: int, route: Route) -> None:
    result = assess(inputs(subsidy_days_total=400, subsidy_days_12m=days), on=dt.date(2025, 3, 1))
    assert result.route == route
    assert f"{days}" in text(result)
    assert "180" in text(result)


@pytest.mark.parametrize(("days", "route"), [(499, Route.NOT_WITHIN), (500, Route.ACTIVATION_PLAN)])
def test_25_and_over_needs_500_days_in_total(days: int, route: Route) -> None:
    result = assess(inputs(subsidy_days_total=days, subsidy_days_12m=200), on=dt.date(2025, 9, 1))
    assert result.age_group == "over"
    assert result.route == route


def test_a_case_is_judged_by_the_rule_in_force_on_its_own_date() -> None:
    # An unemployment-benefit recipient with enough days: the activation plan until the
    # HE 109/2025 change, the multi-sectoral employment plan from the day it takes effect.
    data = inputs(subsidy_days_total=600, subsidy_days_12m=200)
    old = assess(data, on=OLD_RULE_DAY)
    new = assess(data, on=NEW_RULE_DAY)
    assert old.route == Route.ACTIVATION_PLAN
    assert old.rule is not None
    assert old.rule.valid_from == dt.date(2025, 1, 1)
    assert "1.1.2025–31.12.2025" in text(old)
    assert new.route == Route.MTS
    assert new.rule is not None
    assert new.rule.valid_from == NEW_RULE_DAY
    assert "HE 109/2025" in text(new)
    assert "1.1.2026 alkaen" in text(new)
    assert "381/2023" in text(new)


def test_social_assistance_as_main_income_leads_to_the_activation_plan_in_both_versions() -> None:
    data = inputs(social_assistance_main_income=True)
    assert assess(data, on=OLD_RULE_DAY).route == Route.ACTIVATION_PLAN
    assert assess(data, on=NEW_RULE_DAY).route == Route.ACTIVATION_PLAN
    assert "12 kuukauden" in text(assess(data, on=OLD_RULE_DAY))


def test_without_an_employment_plan_the_old_rule_is_not_met() -> None:
    data = inputs(subsidy_days_total=600, subsidy_days_12m=200, employment_plan="none")
    result = assess(data, on=OLD_RULE_DAY)
    assert result.route == Route.NOT_WITHIN
    assert "työllistymissuunnitelma" in text(result)


def test_a_multi_sectoral_plan_routes_to_it() -> None:
    result = assess(inputs(employment_plan=EmploymentPlan.MTS), on=OLD_RULE_DAY)
    assert result.route == Route.MTS
    assert "381/2023" in text(result)


def test_neither_subsidy_nor_social_assistance_is_not_within_the_section() -> None:
    assert assess(inputs(), on=NEW_RULE_DAY).route == Route.NOT_WITHIN


def test_a_new_version_added_later_takes_over_from_its_date() -> None:
    EligibilityRule.objects.create(
        valid_from=dt.date(2027, 1, 1),
        section="189/2001 3 § (uusi)",
        age_limit=30,
        benefit_routes_to_mts=True,
        employment_plan_required=False,
    )
    data = inputs(subsidy_days_total=10, subsidy_days_12m=10)
    assert assess(data, on=dt.date(2026, 12, 31)).age_group == "over"
    later = assess(data, on=dt.date(2027, 1, 1))
    assert later.age_group == "under"
    # The 2026 version now ends the day before the new one.
    assert "1.1.2026–31.12.2026" in text(assess(data, on=dt.date(2026, 12, 31)))


def test_no_rule_in_force_says_so() -> None:
    result = assess(inputs(), on=dt.date(2014, 12, 31))
    assert result.route == Route.NO_RULE
    assert "31.12.2014" in text(result)


def test_reasons_follow_the_viewers_language() -> None:
    result = assess(inputs(subsidy_days_total=600, subsidy_days_12m=200), on=OLD_RULE_DAY)
    with translation.override("sv"):
        swedish = text(result)
    assert "aktiveringsplan" in swedish
    assert "189/2001 3 §" in swedish
    assert "1.1.2025–31.12.2025" in swedish
    assert "aktivointisuunnitelma" in text(result)


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (
            {"subsidy_days_total": 100, "subsidy_days_12m": 101},
            "subsidy_days_12m",
            "year_over_total",
        ),
        ({"subsidy_days_total": 900, "subsidy_days_12m": 367}, "subsidy_days_12m", "year_over_366"),
        ({"subsidy_days_total": -1}, "subsidy_days_total", "negative_days"),
        ({"subsidy_days_total": 5, "subsidy_days_12m": -1}, "subsidy_days_12m", "negative_days"),
    ],
)
def test_contradictory_inputs_are_refused(overrides: dict, field: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(inputs(**overrides), dt.date(2025, 1, 1))
    assert code in codes(caught.value)[field]


def test_366_days_in_12_months_is_accepted() -> None:
    validate(inputs(subsidy_days_total=366, subsidy_days_12m=366), dt.date(2025, 1, 1))


def test_a_date_before_the_birth_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        assess(inputs(), on=BORN - dt.timedelta(days=1))
    assert codes(caught.value) == {"assessed_on": {"before_birth"}}
    assert "15.6.2000" in str(caught.value)


@pytest.mark.parametrize(
    ("failures", "words"),
    [
        (0, "eivät aseta seuraamusta"),
        (1, "muistutus"),
        (2, "7 päivää"),
        (3, "14 päivää"),
        (4, "työssäolovelvoite"),
        (6, "työssäolovelvoite"),
    ],
)
def test_benefit_sanctions_by_the_count(failures: int, words: str) -> None:
    view = sanction(failures, on=dt.date(2026, 6, 1))
    shown = " ".join(str(r) for r in view.reasons)
    assert words in shown
    assert "1290/2002" in shown
    assert "2.5.2022 alkaen" in shown


def test_a_negative_count_of_failures_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        sanction(-1, on=dt.date(2026, 6, 1))
    assert codes(caught.value) == {"failures": {"negative_failures"}}
