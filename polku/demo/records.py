"""Demo data of the records app: two log requests of Sanna Virtanen's clients (one waiting for
its report in her work queue, one answered with its PDF) and the retention page's first dry
run, made by the job's own actor as the monthly job would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from polku.accounts.models import User
from polku.accounts.system import system_actor
from polku.clients.models import ClientRelationship
from polku.core import clock
from polku.records.services import log_report_produce, log_request_record, retention_dry_run


def create_records() -> None:
    worker = User.objects.get(username="sanna.virtanen")
    relationships = list(
        ClientRelationship.objects.filter(responsible_worker=worker, ended_on__isnull=True)
        .select_related("client")
        .order_by("pk")[:2]
    )
    for index, relationship in enumerate(relationships):
        created = timezone.localdate(relationship.client.created_at)
        received = max(created, clock.today() - dt.timedelta(days=20 - 10 * index))
        request = log_request_record(
            actor=worker,
            relationship=relationship,
            received_on=received,
            channel="letter" if index == 0 else "in_person",
            language=relationship.client.language or "fi",
        )
        if index == 1:
            log_report_produce(actor=worker, request=request)
    retention_dry_run(actor=system_actor())
