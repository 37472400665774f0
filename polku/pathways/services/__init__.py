"""Writes for S4–S7, by entity: documents, plans, options and visits, signatures, the joint
meeting, what is given out, and pathway transitions. Each public service checks state, saves
and audits in one transaction (``@transaction.atomic``). ``from polku.pathways import services;
services.plan_sign(...)`` keeps working: the package re-exports every public name.
"""

from polku.pathways.services.disclosures import (
    PlanCopy,
    notice_disclose,
    plan_copy_for,
    plan_disclose,
)
from polku.pathways.services.documents import (
    ASSESSMENT_FIELDS,
    CLIENT_PLAN_FIELDS,
    DOCUMENT_FIELDS,
    Doc,
    document_key,
    document_read,
    document_revise,
    document_save,
)
from polku.pathways.services.joint_meetings import joint_meeting_book, joint_meeting_held
from polku.pathways.services.options import option_add, option_remove, visit_add
from polku.pathways.services.plans import (
    PLAN_FIELDS,
    plan_correct,
    plan_reflection,
    plan_refuse,
    plan_second,
    plan_start,
    plan_update,
)
from polku.pathways.services.signatures import plan_sign, signing_missing
from polku.pathways.services.transitions import transition

__all__ = [
    "ASSESSMENT_FIELDS",
    "CLIENT_PLAN_FIELDS",
    "DOCUMENT_FIELDS",
    "PLAN_FIELDS",
    "Doc",
    "PlanCopy",
    "document_key",
    "document_read",
    "document_revise",
    "document_save",
    "joint_meeting_book",
    "joint_meeting_held",
    "notice_disclose",
    "option_add",
    "option_remove",
    "plan_copy_for",
    "plan_correct",
    "plan_disclose",
    "plan_reflection",
    "plan_refuse",
    "plan_second",
    "plan_sign",
    "plan_start",
    "plan_update",
    "signing_missing",
    "transition",
    "visit_add",
]
