"""Writes for clients, intake, the responsible worker, meetings and contacts (S1–S3), one module
per entity (HackSoft's ``services/<entity>.py``).

Every service takes ``actor=``, checks the state (``polku.clients.rules``), saves and writes the
audit event in the same transaction; every public one is ``@transaction.atomic``. Views,
commands and tests share these rules. The names are re-exported here, so
``from polku.clients import services; services.meeting_book(...)`` and
``from polku.clients.services import meeting_book`` both work.
"""

from __future__ import annotations

from polku.clients.services.clients import (
    CLIENT_FIELDS,
    age_warning,
    client_create,
    client_update,
    date_in_relationship,
    informing_missing,
)
from polku.clients.services.contacts import contact_log
from polku.clients.services.intake import INTAKE_LOCK, IntakeDuplicates, intake_open, lock_person
from polku.clients.services.meetings import (
    MEETING_RECORD_FIELDS,
    invitation_send,
    meeting_book,
    meeting_cancel,
    meeting_record,
)
from polku.clients.services.omapolku import omapolku_user_for
from polku.clients.services.relationships import (
    INTAKE_DETAIL_FIELDS,
    relationship_correct_intake,
    relationship_open,
)
from polku.clients.services.workers import (
    cover_start,
    handover_decide,
    handover_propose,
    worker_assign,
)

__all__ = [
    "CLIENT_FIELDS",
    "INTAKE_DETAIL_FIELDS",
    "INTAKE_LOCK",
    "MEETING_RECORD_FIELDS",
    "IntakeDuplicates",
    "age_warning",
    "client_create",
    "client_update",
    "contact_log",
    "cover_start",
    "date_in_relationship",
    "handover_decide",
    "handover_propose",
    "informing_missing",
    "intake_open",
    "invitation_send",
    "lock_person",
    "meeting_book",
    "meeting_cancel",
    "meeting_record",
    "omapolku_user_for",
    "relationship_correct_intake",
    "relationship_open",
    "worker_assign",
]
