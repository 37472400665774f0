"""The metrics' one write: an export is a disclosure (luovutus) of the organiser's figures,
logged with what, by whom, why and on what basis (703/2023; SPEC §8). The figures are
aggregates with small cells suppressed, so the event names no client."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.audit.models import AuditEvent
from polku.core.errors import CommonError, field_error
from polku.metrics.events import MetricsEvent

# Aggregate figures for the organiser's own management (tiedolla johtaminen) and its
# statistics; the organiser confirms the citation (docs/subsystems/metrics.md).
LEGAL_BASIS = "703/2023; 189/2001"
RECIPIENT = "manager_export"
MANAGER = "manager"


@transaction.atomic
def export_disclose(
    *,
    actor: User,
    what: str,
    fmt: str,
    purpose: str,
    scope_name: str,
    labels: Sequence[tuple[str, str]],
) -> AuditEvent:
    """Record the export of ``what`` (``dashboard`` or ``statistics``) as ``fmt`` with its
    purpose (required) and the filters used."""
    purpose = purpose.strip()
    if not purpose:
        raise field_error("purpose", _("State the purpose."), CommonError.REQUIRED)
    return audit.record_disclosure(
        actor=actor,
        client=None,
        what=MetricsEvent.EXPORT,
        recipient=RECIPIENT,
        purpose=purpose,
        legal_basis=LEGAL_BASIS,
        changes={
            "export": (None, f"{what} {fmt}"),
            "basis": (None, MANAGER),
            "scope": (None, scope_name),
            "filters": (None, "; ".join(f"{name}: {value}" for name, value in labels)),
        },
    )
