"""Reads for OmaPolku, the client's own pages: what the client sees of their own record, one
module per page family; the public names are re-exported here.

The client's own record is resolved, and the read logged, by ``access_own_client`` (or the
helpers of ``portal.access`` for one record); these build the page from it.
"""

from polku.portal.selectors.days import (
    absence_page,
    coming_absences,
    coming_group_sessions,
    current_periods,
    decided_periods,
    group_schedules,
    my_attendance,
    participation,
    period_days,
    schedules,
)
from polku.portal.selectors.documents import (
    decision_document,
    decision_page,
    documents_page,
    info_package_document,
    info_package_page,
    plan_document,
)
from polku.portal.selectors.start import own_reachable_time, own_relationship, start_page

__all__ = [
    "absence_page",
    "coming_absences",
    "coming_group_sessions",
    "current_periods",
    "decided_periods",
    "decision_document",
    "decision_page",
    "documents_page",
    "group_schedules",
    "info_package_document",
    "info_package_page",
    "my_attendance",
    "own_reachable_time",
    "own_relationship",
    "participation",
    "period_days",
    "plan_document",
    "schedules",
    "start_page",
]
