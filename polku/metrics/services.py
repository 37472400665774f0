"""The metrics' one write: an export is a disclosure (luovutus) of the organiser's figures,
logged with what, by whom, why and on what basis (703/2023; SPEC §8). The figures are
aggregates with small cells suppressed, so the event names no client."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from polku.accounts.models import User
from polku.audit import services as audit
from polku.audit.models import AuditEvent
from polku.core.errors import CommonError, field_error
from polku.metrics.events import MetricsEvent

# What an export is for (its use), and the legal basis stored in the disclosure event and shown
# on the export form. The figures are aggregates with small cells suppressed, made from the
# client records of social welfare (703/2023) for the organiser's knowledge-based management
# (tietojohtaminen, 552/2019 §41): steering and following its own services, or statistics of
# them such as THL's municipal survey on rehabilitative work activity (189/2001). The
# organiser's data protection officer confirms the citations (docs/subsystems/metrics.md).
MANAGEMENT, STATISTICS = "management", "statistics"
USES = {
    MANAGEMENT: gettext_lazy(
        "Knowledge-based management: planning, steering and following the organiser's own services"
    ),
    STATISTICS: gettext_lazy(
        "Statistics of the services, such as THL's municipal survey on rehabilitative work activity"
    ),
}
LEGAL_BASES = {
    MANAGEMENT: "703/2023; 552/2019 §41 (tietojohtaminen)",
    STATISTICS: "703/2023; 552/2019 §41 (tietojohtaminen, tilastointi); 189/2001",
}
RECIPIENT = "manager_export"
MANAGER = "manager"


@transaction.atomic
def export_disclose(
    *,
    actor: User,
    what: str,
    fmt: str,
    purpose: str,
    use: str,
    scope_name: str,
    labels: Sequence[tuple[str, str]],
) -> AuditEvent:
    """Record the export of ``what`` (``dashboard`` or ``statistics``) as ``fmt`` with its
    purpose (required), its use (``USES``: management or statistics, which decides the legal
    basis stored) and the filters used."""
    purpose = purpose.strip()
    if not purpose:
        raise field_error("purpose", _("State the purpose."), CommonError.REQUIRED)
    if use not in LEGAL_BASES:
        raise field_error("use", _("Choose what the export is for."), CommonError.REQUIRED)
    return audit.record_disclosure(
        actor=actor,
        client=None,
        what=MetricsEvent.EXPORT,
        recipient=RECIPIENT,
        purpose=purpose,
        legal_basis=LEGAL_BASES[use],
        changes={
            "export": (None, f"{what} {fmt}"),
            "use": (None, use),
            "basis": (None, MANAGER),
            "scope": (None, scope_name),
            "filters": (None, "; ".join(f"{name}: {value}" for name, value in labels)),
        },
    )
