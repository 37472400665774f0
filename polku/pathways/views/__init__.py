"""Plan pages (S4–S7), pathway transitions and the start pages, by entity. Each view resolves
access, validates its form, calls a service and renders what its page's builder in
``polku.pathways.selectors`` returns. The package re-exports every view for ``urls.py``.
"""

from polku.pathways.views.documents import notice_pdf, plan_pdf
from polku.pathways.views.joint_meetings import (
    joint_invitation,
    joint_meeting_book,
    joint_meeting_held,
)
from polku.pathways.views.plans import (
    option_add,
    option_remove,
    plan_correct,
    plan_detail,
    plan_reflection,
    plan_refuse,
    plan_second,
    plan_sign,
    visit_add,
)
from polku.pathways.views.relationship import (
    DOCUMENT_KINDS,
    document_edit,
    plan_start,
    plans,
    transition,
)
from polku.pathways.views.start import joint_plan, joint_plans, today

__all__ = [
    "DOCUMENT_KINDS",
    "document_edit",
    "joint_invitation",
    "joint_meeting_book",
    "joint_meeting_held",
    "joint_plan",
    "joint_plans",
    "notice_pdf",
    "option_add",
    "option_remove",
    "plan_correct",
    "plan_detail",
    "plan_pdf",
    "plan_reflection",
    "plan_refuse",
    "plan_second",
    "plan_sign",
    "plan_start",
    "plans",
    "today",
    "transition",
    "visit_add",
]
