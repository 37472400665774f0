"""The worker's client pages: intake, queue, caseload, client page, meetings (S1–S3), one module
per entity; ``polku/clients/urls.py`` names them through this package.

Each view: resolve (access helper), validate (form), call the service, render. What a page
shows comes from a selector; no view builds a query or writes the audit log
(``polku/clients/tests/test_thin_views.py``).
"""

from __future__ import annotations

from polku.clients.views.clients import (
    caseload,
    detail,
    edit,
    relationship_purpose,
    reveal_identity_code,
)
from polku.clients.views.contacts import contact_new
from polku.clients.views.intake import (
    intake_correct,
    intake_existing,
    intake_new,
    intake_queue,
    search,
)
from polku.clients.views.meetings import (
    meeting_cancel,
    meeting_invitation,
    meeting_new,
    meeting_record,
)
from polku.clients.views.workers import assign, cover, covered, handover, handover_decide

__all__ = [
    "assign",
    "caseload",
    "contact_new",
    "cover",
    "covered",
    "detail",
    "edit",
    "handover",
    "handover_decide",
    "intake_correct",
    "intake_existing",
    "intake_new",
    "intake_queue",
    "meeting_cancel",
    "meeting_invitation",
    "meeting_new",
    "meeting_record",
    "relationship_purpose",
    "reveal_identity_code",
    "search",
]
