"""Producing a month report as a document (PDF, XLSX) gives out client data: a disclosure
(luovutus) per client row, written in one INSERT per chunk of rows (703/2023)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from polku.accounts.models import User
from polku.attendance.events import AttendanceEvent
from polku.attendance.reports import ClientMonth
from polku.attendance.selectors.reports import Scope
from polku.audit import services as audit

LEGAL_BASIS = "189/2001 §§ 17, 23"  # the allowance and the state compensation are paid on it


@transaction.atomic
def report_disclose(
    *, actor: User, scope: Scope, rows: Sequence[ClientMonth], what: str, fmt: str
) -> int:
    """Record that ``rows`` (one per client's period) were given out in a report of ``what``
    (``2026-03``, or ``2026`` for a year) as ``fmt``. Each period is logged once; returns how
    many events were written."""
    seen: dict[int, ClientMonth] = {}
    for row in rows:
        seen.setdefault(row.period.pk, row)
    events = audit.record_disclosure_many(
        actor=actor,
        records=[(row.period.relationship.client_id, row.period) for row in seen.values()],
        what=AttendanceEvent.REPORT,
        recipient=scope.recipient,
        purpose=f"attendance month report {what} {fmt}",
        legal_basis=LEGAL_BASIS,
        basis=scope.basis,
    )
    return len(events)
