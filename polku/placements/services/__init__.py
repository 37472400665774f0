"""The placements app's services, one module per entity; the public names are re-exported."""

from polku.placements.services.decisions import (
    decision_correct,
    decision_deadline,
    decision_deliver,
    decision_draft,
    decision_make,
    decision_makers,
)
from polku.placements.services.info import info_package_deliver, introductory_period_conclude
from polku.placements.services.notices import steward_notice_send
from polku.placements.services.periods import period_plan
from polku.placements.services.visits import visit_record, visit_skip

__all__ = [
    "decision_correct",
    "decision_deadline",
    "decision_deliver",
    "decision_draft",
    "decision_make",
    "decision_makers",
    "info_package_deliver",
    "introductory_period_conclude",
    "period_plan",
    "steward_notice_send",
    "visit_record",
    "visit_skip",
]
