"""The pure part: refuse contradictory inputs, and judge inputs by a rule version.

:func:`assess` picks the version in force on the date and returns the route with its reasons,
each a sentence in the language active when it is shown, citing the section and the version's
effective dates. Nothing here writes; nothing here decides (Polku informs; the official
decides, and Kela decides benefit sanctions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from polku.clients.rules import age_on
from polku.core.rules import day_label
from polku.eligibility.citations import cite
from polku.eligibility.errors import EligibilityError
from polku.eligibility.models import (
    AgeGroup,
    EligibilityRule,
    EmploymentPlan,
    Route,
    SanctionRule,
    in_force,
)

YEAR_DAYS = 366


@dataclass(frozen=True)
class Inputs:
    """What the worker enters (the age comes from the client's birth date)."""

    birth_date: dt.date
    subsidy_days_total: int
    subsidy_days_12m: int
    social_assistance_main_income: bool
    employment_plan: str = EmploymentPlan.NONE


@dataclass(frozen=True)
class Reason:
    """One sentence and its citation, rendered in the active language when shown."""

    text: Any  # a lazy msgid with %(name)s placeholders
    params: dict[str, Any] = field(default_factory=dict)
    section: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def citation(self) -> str:
        """The section in the active language's form, with the rule's effective dates."""
        section = cite(self.section)
        if self.valid_from is None:
            return section
        if self.valid_to is None:
            return gettext("%(section)s, rule in force from %(start)s") % {
                "section": section,
                "start": day_label(self.valid_from),
            }
        return gettext("%(section)s, rule in force %(start)s–%(end)s") % {
            "section": section,
            "start": day_label(self.valid_from),
            "end": day_label(self.valid_to),
        }

    def __str__(self) -> str:
        sentence = str(self.text) % self.params if self.params else str(self.text)
        cited = self.citation()
        return f"{sentence} ({cited})" if cited else sentence


@dataclass(frozen=True)
class Assessment:
    route: Route
    age: int
    age_group: AgeGroup | None
    reasons: list[Reason]
    rule: EligibilityRule | None


def validate(inputs: Inputs, on: dt.date) -> None:
    """Refuse inputs that contradict each other, each on its field with its code."""
    errors: dict[str, ValidationError] = {}
    for name in ("subsidy_days_total", "subsidy_days_12m"):
        if getattr(inputs, name) < 0:
            errors[name] = ValidationError(
                _("A number of days cannot be negative."), code=EligibilityError.NEGATIVE_DAYS
            )
    if "subsidy_days_12m" not in errors:
        if inputs.subsidy_days_12m > YEAR_DAYS:
            errors["subsidy_days_12m"] = ValidationError(
                _("12 calendar months hold at most 366 days."),
                code=EligibilityError.YEAR_OVER_366,
            )
        elif (
            "subsidy_days_total" not in errors
            and inputs.subsidy_days_12m > inputs.subsidy_days_total
        ):
            errors["subsidy_days_12m"] = ValidationError(
                _("The days in the last 12 calendar months cannot be more than the days in total."),
                code=EligibilityError.YEAR_OVER_TOTAL,
            )
    if on < inputs.birth_date:
        errors["assessed_on"] = ValidationError(
            _("The date cannot be before the client's date of birth (%(date)s)."),
            code=EligibilityError.BEFORE_BIRTH,
            params={"date": day_label(inputs.birth_date)},
        )
    if errors:
        raise ValidationError(errors)


def rule_in_force(on: dt.date) -> tuple[EligibilityRule | None, dt.date | None]:
    rule, end = in_force(list(EligibilityRule.objects.all()), on)
    return rule, end  # type: ignore[return-value]


def sanction_rule_in_force(on: dt.date) -> tuple[SanctionRule | None, dt.date | None]:
    rule, end = in_force(list(SanctionRule.objects.all()), on)
    return rule, end  # type: ignore[return-value]


def assess(inputs: Inputs, *, on: dt.date) -> Assessment:
    """The route and its reasons by the eligibility rule in force on ``on``."""
    validate(inputs, on)
    rule, end = rule_in_force(on)
    return judge(inputs, on=on, rule=rule, rule_end=end)


def judge(
    inputs: Inputs, *, on: dt.date, rule: EligibilityRule | None, rule_end: dt.date | None
) -> Assessment:
    """The route by one given rule version (``rule_end``: its last day, None when open)."""
    age = age_on(inputs.birth_date, on)
    if rule is None:
        reason = Reason(
            _("No eligibility rule is in force on %(date)s; the organiser adds one."),
            {"date": day_label(on)},
        )
        return Assessment(Route.NO_RULE, age, None, [reason], None)

    def because(text: Any, section: str = "", **params: Any) -> Reason:
        return Reason(text, params, section or rule.section, rule.valid_from, rule_end)

    under = age < rule.age_limit
    group = AgeGroup.UNDER if under else AgeGroup.OVER
    reasons = [
        because(
            _("On %(date)s the client is %(age)s years old, under the age limit of %(limit)s.")
            if under
            else _(
                "On %(date)s the client is %(age)s years old, at or over the age limit of "
                "%(limit)s."
            ),
            date=day_label(on),
            age=age,
            limit=rule.age_limit,
        )
    ]
    mts_section = rule.mts_section or rule.section

    def done(route: Route) -> Assessment:
        return Assessment(route, age, group, reasons, rule)

    if inputs.employment_plan == EmploymentPlan.MTS:
        reasons.append(
            because(
                _(
                    "A multi-sectoral employment plan has been made: rehabilitative work "
                    "activity is agreed in it, and no activation plan is made."
                ),
                mts_section,
            )
        )
        return done(Route.MTS)

    needs_plan = rule.employment_plan_required and inputs.employment_plan == EmploymentPlan.NONE

    if inputs.social_assistance_main_income and rule.assistance_routes_to_activation_plan:
        if needs_plan:
            reasons.append(
                because(
                    _(
                        "Social assistance is the main income, but the rule requires an "
                        "employment plan to have been made first."
                    )
                )
            )
            return done(Route.NOT_WITHIN)
        months = rule.assistance_months_under_limit if under else rule.assistance_months_at_limit
        if months:
            reasons.append(
                because(
                    _(
                        "Social assistance is the main income: the route is the activation "
                        "plan, when social assistance paid because of unemployment has been the "
                        "main income for the last %(months)s months (the official checks this)."
                    ),
                    months=months,
                )
            )
        else:
            reasons.append(
                because(
                    _("Social assistance is the main income: the route is the activation plan.")
                )
            )
        return done(Route.ACTIVATION_PLAN)

    if inputs.subsidy_days_12m > 0 or inputs.subsidy_days_total > 0:
        if rule.benefit_routes_to_mts:
            reasons.append(
                because(
                    _(
                        "The client receives unemployment benefit and social assistance is not "
                        "the main income: no activation plan is made; the route is the "
                        "multi-sectoral employment plan, made when limits of work and "
                        "functional capacity or of managing life need the services together."
                    ),
                    mts_section,
                )
            )
            return done(Route.MTS)
        if needs_plan:
            reasons.append(
                because(
                    _(
                        "The client has received labour-market subsidy, but the rule requires "
                        "an employment plan to have been made first."
                    )
                )
            )
            return done(Route.NOT_WITHIN)
        limit = rule.days_12m_under_limit if under else rule.days_total_at_limit
        days = inputs.subsidy_days_12m if under else inputs.subsidy_days_total
        if limit is None:
            reasons.append(
                because(_("The rule sets no limit of labour-market subsidy days at this age."))
            )
            return done(Route.ACTIVATION_PLAN)
        enough = days >= limit
        if under:
            text = (
                _(
                    "Labour-market subsidy on %(days)s days in the last 12 calendar months, at "
                    "least the %(limit)s the rule requires: the route is the activation plan."
                )
                if enough
                else _(
                    "Labour-market subsidy on %(days)s days in the last 12 calendar months, "
                    "fewer than the %(limit)s the rule requires."
                )
            )
        else:
            text = (
                _(
                    "Labour-market subsidy on %(days)s days in total, at least the %(limit)s "
                    "the rule requires: the route is the activation plan."
                )
                if enough
                else _(
                    "Labour-market subsidy on %(days)s days in total, fewer than the %(limit)s "
                    "the rule requires."
                )
            )
        reasons.append(because(text, days=days, limit=limit))
        return done(Route.ACTIVATION_PLAN if enough else Route.NOT_WITHIN)

    reasons.append(
        because(
            _(
                "Neither labour-market subsidy nor social assistance as the main income: the "
                "client is not within the section."
            )
        )
    )
    return done(Route.NOT_WITHIN)


@dataclass(frozen=True)
class SanctionView:
    failures: int
    reasons: list[Reason]
    rule: SanctionRule | None


def sanction(failures: int, *, on: dt.date) -> SanctionView:
    """What the benefit-sanction rules in force on ``on`` say for the ``failures``-th failure
    within the window. Never a decision: Kela decides."""
    if failures < 0:
        raise ValidationError(
            {
                "failures": ValidationError(
                    _("The number of failures cannot be negative."),
                    code=EligibilityError.NEGATIVE_FAILURES,
                )
            }
        )
    rule, end = sanction_rule_in_force(on)
    if rule is None:
        reason = Reason(
            _("No benefit-sanction rule is in force on %(date)s; the organiser adds one."),
            {"date": day_label(on)},
        )
        return SanctionView(failures, [reason], None)
    params = {"count": failures, "months": rule.window_months}
    if failures == 0:
        text = _("No failure within %(months)s months: the rules set no consequence.")
    elif failures == 1:
        text = (
            _("The first failure within %(months)s months: the rules set a reminder.")
            if rule.first_is_reminder
            else _("The first failure within %(months)s months: the rules set no period.")
        )
    elif failures == 2:
        text = _(
            "The second failure within %(months)s months: the rules set %(days)s days "
            "without benefit."
        )
        params["days"] = rule.second_days
    elif failures == 3 or not rule.fourth_until_work_requirement:
        text = _(
            "Failure number %(count)s within %(months)s months: the rules set %(days)s days "
            "without benefit."
        )
        params["days"] = rule.third_days
    else:
        text = _(
            "Failure number %(count)s within %(months)s months: the rules set no benefit until "
            "the work requirement is met."
        )
    return SanctionView(failures, [Reason(text, params, rule.section, rule.valid_from, end)], rule)
