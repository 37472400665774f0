"""The records app's own hold on retention: a client whose log request is not yet answered."""

from __future__ import annotations

from polku.clients.models import ClientRelationship
from polku.records.models import LogRequest


def unanswered_log_requests(due: set[int]) -> set[int]:
    waiting = LogRequest.objects.filter(produced_at__isnull=True).values("client_id")
    return set(
        ClientRelationship.objects.filter(pk__in=due, client_id__in=waiting).values_list(
            "pk", flat=True
        )
    )
