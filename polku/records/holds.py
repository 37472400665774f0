"""What holds records back from retention (703/2023 annex, SPEC §8): something still pending
for the client. Registered from ``RecordsConfig.ready()`` with
:func:`polku.records.retention.register_hold`; each takes the ids of the relationships due and
returns those it holds, in a query or two whatever their number.

- **A log request not yet answered** (703/2023 §11): every relationship of the client.
- **A complaint not yet answered** (*muistutus*, 812/2000 §23): every relationship of the
  client, since the complaint may concern any of them.
- **A decision that may still be appealed or is being corrected**: a decision of the
  relationship whose time for a request for rectification (*oikaisuvaatimus*, 434/2003 §49 c)
  has not yet run out, or a correction of one of its decisions waiting as a draft (a request
  for rectification being handled). Appeals to the administrative court are not records in
  Polku and cannot hold anything here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.feedback.models import Complaint, ComplaintState
from polku.placements.models import Decision, DecisionStatus, Delivery
from polku.placements.services.decisions import decision_deadline
from polku.records.models import LogRequest

#: A delivery older than this cannot start a time limit still running: notification at most
#: 7 days after sending (434/2003 §59), 30 days to appeal, a few non-working days at the end.
APPEAL_LOOK_BACK_DAYS = 60


def _of_clients(due: set[int], clients: QuerySet[Any]) -> set[int]:
    return set(
        ClientRelationship.objects.filter(pk__in=due, client_id__in=clients).values_list(
            "pk", flat=True
        )
    )


def unanswered_log_requests(due: set[int]) -> set[int]:
    waiting = LogRequest.objects.filter(produced_at__isnull=True).values("client_id")
    return _of_clients(due, waiting)


def unanswered_complaints(due: set[int]) -> set[int]:
    waiting = Complaint.objects.exclude(state=ComplaintState.ANSWERED).values("client_id")
    return _of_clients(due, waiting)


def appeals_pending(due: set[int]) -> set[int]:
    """Relationships with a decision still open to a request for rectification (today on or
    before its deadline) or with a correction of a decision waiting as a draft."""
    held = set(
        Decision.objects.filter(
            relationship_id__in=due, status=DecisionStatus.DRAFT, corrects__isnull=False
        ).values_list("relationship_id", flat=True)
    )
    today = clock.today()
    since = today - dt.timedelta(days=APPEAL_LOOK_BACK_DAYS)
    recent = Decision.objects.filter(
        Q(deliveries__sent_on__gte=since) | Q(deliveries__received_on__gte=since),
        relationship_id__in=due,
        status=DecisionStatus.DECIDED,
    ).distinct()
    for decision in recent.prefetch_related(
        Prefetch("deliveries", queryset=Delivery.objects.order_by("sent_on", "pk"))
    ):
        deadline = decision_deadline(decision)
        if deadline is not None and today <= deadline.deadline:
            held.add(decision.relationship_id)
    return held
