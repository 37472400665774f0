"""The eligibility page's facts: the saved checks with their reasons rebuilt in the viewer's
language, and the benefit-sanction rules for a given count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from polku.clients.models import ClientRelationship
from polku.eligibility import rules
from polku.eligibility.models import EligibilityCheck, EligibilityRule, in_force


@dataclass(frozen=True)
class CheckRow:
    check: EligibilityCheck
    assessment: rules.Assessment


def _row(
    check: EligibilityCheck, relationship: ClientRelationship, versions: list[EligibilityRule]
) -> CheckRow:
    inputs = rules.Inputs(
        birth_date=relationship.client.birth_date,
        subsidy_days_total=check.subsidy_days_total,
        subsidy_days_12m=check.subsidy_days_12m,
        social_assistance_main_income=check.social_assistance_main_income,
        employment_plan=check.employment_plan,
    )
    # The version that judged the check, with the dates it held then and now.
    end = in_force(list(versions), check.rule.valid_from)[1] if check.rule is not None else None
    assessment = rules.judge(inputs, on=check.assessed_on, rule=check.rule, rule_end=end)
    return CheckRow(check, assessment)


def eligibility_page(*, relationship: ClientRelationship) -> dict[str, Any]:
    checks = list(
        EligibilityCheck.objects.filter(relationship=relationship).select_related(
            "rule", "recorded_by"
        )[:10]
    )
    versions = list(EligibilityRule.objects.all())
    rows = [_row(check, relationship, versions) for check in checks]
    return {
        "relationship": relationship,
        "latest": rows[0] if rows else None,
        "earlier": rows[1:],
    }


def sanction_view(*, failures: int | None, on: Any) -> rules.SanctionView | None:
    if failures is None:
        return None
    return rules.sanction(failures, on=on)
