"""Reads for the worker's client pages, scoped to the viewer in SQL and logged; one module per
page family (the lists, one client's pages, the stepper, the timeline).

The names are re-exported here, so ``from polku.clients import selectors;
selectors.client_page(...)`` and ``from polku.clients.selectors import timeline_entries`` both
work.
"""

from __future__ import annotations

from polku.clients.selectors.caseload import (
    CASELOAD_SORTS,
    PAGE_SIZE,
    active_covers,
    caseload_page,
    cover_colleagues,
    cover_unit,
    covered_caseload,
    intake_queue,
    pending_handovers,
    unit_workers,
    worker_units,
)
from polku.clients.selectors.clients import (
    ClientPage,
    client_page,
    client_relationships,
    earlier_relationship,
    earlier_relationship_read,
    earlier_relationships,
    find_clients_for_intake,
    meeting_record_initial,
    open_relationship,
    stored_version,
    submitted_intake,
    visible_relationship_ids,
)
from polku.clients.selectors.stepper import (
    StepperStage,
    meeting_page,
    next_steps,
    register_meeting_page,
    register_stage_done,
    stepper,
)
from polku.clients.selectors.timeline import (
    ADDRESS_FIELDS,
    INFORMED,
    NOT_RELEVANT,
    RECIPIENTS,
    SIGNATURE_LABELS,
    SIGNATURE_VOIDED,
    UNRESOLVED,
    TimelineEntry,
    _field_label,
    booked_joint_meetings,
    client_timeline,
    event_relationships,
    register_timeline_hide,
    relationship_timeline,
    timeline_entries,
)

__all__ = [
    "ADDRESS_FIELDS",
    "CASELOAD_SORTS",
    "INFORMED",
    "NOT_RELEVANT",
    "PAGE_SIZE",
    "RECIPIENTS",
    "SIGNATURE_LABELS",
    "SIGNATURE_VOIDED",
    "UNRESOLVED",
    "ClientPage",
    "StepperStage",
    "TimelineEntry",
    "_field_label",
    "active_covers",
    "booked_joint_meetings",
    "caseload_page",
    "client_page",
    "client_relationships",
    "client_timeline",
    "cover_colleagues",
    "cover_unit",
    "covered_caseload",
    "earlier_relationship",
    "earlier_relationship_read",
    "earlier_relationships",
    "event_relationships",
    "find_clients_for_intake",
    "intake_queue",
    "meeting_page",
    "meeting_record_initial",
    "next_steps",
    "open_relationship",
    "pending_handovers",
    "register_meeting_page",
    "register_stage_done",
    "register_timeline_hide",
    "relationship_timeline",
    "stepper",
    "stored_version",
    "submitted_intake",
    "timeline_entries",
    "unit_workers",
    "visible_relationship_ids",
    "worker_units",
]
