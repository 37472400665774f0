"""The one write: the inputs of an eligibility check, judged and saved with a change event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.models import ClientRelationship
from polku.clients.rules import relationship_not_ended
from polku.eligibility import rules
from polku.eligibility.access import require_assessor
from polku.eligibility.events import EligibilityEvent
from polku.eligibility.models import EligibilityCheck


@transaction.atomic
def eligibility_check_record(
    *,
    actor: User,
    relationship: ClientRelationship,
    assessed_on: dt.date,
    subsidy_days_total: int,
    subsidy_days_12m: int,
    social_assistance_main_income: bool,
    employment_plan: str,
) -> EligibilityCheck:
    """Judge the inputs by the rule in force on ``assessed_on`` and save them with the route.
    Contradictory inputs are refused (``rules.validate``)."""
    require_assessor(actor, relationship)
    relationship_not_ended(relationship)
    inputs = rules.Inputs(
        birth_date=relationship.client.birth_date,
        subsidy_days_total=subsidy_days_total,
        subsidy_days_12m=subsidy_days_12m,
        social_assistance_main_income=social_assistance_main_income,
        employment_plan=employment_plan,
    )
    result = rules.assess(inputs, on=assessed_on)
    check = EligibilityCheck(
        relationship=relationship,
        assessed_on=assessed_on,
        subsidy_days_total=subsidy_days_total,
        subsidy_days_12m=subsidy_days_12m,
        social_assistance_main_income=social_assistance_main_income,
        employment_plan=employment_plan,
        rule=result.rule,
        route=result.route,
        recorded_by=actor,
    )
    check.full_clean()
    check.save()
    fields = [
        "assessed_on",
        "subsidy_days_total",
        "subsidy_days_12m",
        "social_assistance_main_income",
        "employment_plan",
        "route",
    ]
    audit.record_change(
        actor=actor,
        record=check,
        client=relationship.client,
        changes={name: (None, getattr(check, name)) for name in fields}
        | {"rule": (None, check.rule_id)},
        what=EligibilityEvent.CHECK,
    )
    return check
