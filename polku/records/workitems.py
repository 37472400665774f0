"""The records app's work-queue items: a client's log request waiting for its report, due two
months after it came (703/2023 §11), shown to the responsible worker of the relationship it
was recorded through; while that relationship has no responsible worker (a request from
OmaPolku before the intake queue has assigned one), to the workers of its unit, as the intake
queue is."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.clients.models import worker_unit_ids
from polku.core.rules import day_label
from polku.pathways import workqueue
from polku.pathways.workqueue import WorkItem
from polku.records.models import LogRequest


def log_requests_waiting(viewer: User, today: dt.date) -> list[WorkItem]:
    """One query, whatever the number of requests."""
    rows = (
        LogRequest.objects.filter(
            Q(relationship__responsible_worker_id=viewer.pk)
            | Q(
                relationship__responsible_worker__isnull=True,
                relationship__unit_id__in=worker_unit_ids(viewer),
            ),
            produced_at__isnull=True,
        )
        .select_related("client")
        .defer("document")
        .order_by("received_on", "pk")
    )
    return [
        WorkItem(
            "log_request",
            _("Log request of %(date)s: the report is due by %(due)s")
            % {"date": day_label(row.received_on), "due": day_label(row.due_on)},
            row.client_id,
            f"{row.client.last_name} {row.client.first_name}",
            reverse("records:log_request", args=[row.pk]),
            row.due_on,
        )
        for row in rows
    ]


def register() -> None:
    workqueue.register(log_requests_waiting)
