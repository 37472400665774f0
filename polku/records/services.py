"""Writes of the records app: recording a client's log request and producing its report.
Keyword-only, atomic, audited in the same transaction (STYLE.md §6)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from polku.accounts.access import require_capability
from polku.accounts.models import User
from polku.accounts.roles import Capability
from polku.audit import services as audit
from polku.clients.access import require_caseworker
from polku.clients.models import Client, ClientLanguage, ClientRelationship, Recipient
from polku.core import clock
from polku.core.errors import CommonError, field_error, fields_error, refuse_null_characters
from polku.core.rules import day_label, not_in_future
from polku.feedback.selectors import routing_relationship
from polku.records import documents, retention
from polku.records.errors import RecordsError
from polku.records.events import RecordsEvent
from polku.records.models import (
    STAFF_CHANNELS,
    LogRequest,
    RequestChannel,
    RetentionRun,
    RetentionStatus,
)

LEGAL_BASIS = "703/2023 §11"
FIELDS = ("received_on", "channel", "language", "include_older", "older_reason")


@transaction.atomic
def log_request_record(
    *,
    actor: User,
    relationship: ClientRelationship,
    received_on: dt.date | None,
    channel: str,
    language: str,
    include_older: bool = False,
    older_reason: str = "",
) -> LogRequest:
    """Record a client's log request. Refused: a worker without a basis for the relationship's
    client, an empty date or channel, a date in the future or before the client's record
    existed, older events without a special reason, the same request recorded twice (one
    not yet answered with the same date)."""
    require_caseworker(actor, relationship)
    refuse_null_characters(older_reason=older_reason)
    client = relationship.client
    missing = [
        name for name, value in (("received_on", received_on), ("channel", channel)) if not value
    ]
    if missing or received_on is None:
        raise fields_error(missing, _("This is needed."), CommonError.REQUIRED)
    if channel not in STAFF_CHANNELS:
        raise field_error("channel", _("Choose how the request came."), RecordsError.CHANNEL)
    not_in_future("received_on", received_on)
    first = timezone.localdate(client.created_at)
    if received_on < first:
        raise field_error(
            "received_on",
            _("The client's record was created on %(date)s; the request cannot be earlier.")
            % {"date": day_label(first)},
            RecordsError.BEFORE_CLIENT,
        )
    older_reason = older_reason.strip()
    if include_older and not older_reason:
        raise field_error(
            "older_reason",
            _("Say the special reason for including events older than two years."),
            RecordsError.OLDER_WITHOUT_REASON,
        )
    if language not in ClientLanguage.values:
        language = client.language or ClientLanguage.FI
    if LogRequest.objects.filter(
        client=client, received_on=received_on, produced_at__isnull=True
    ).exists():
        raise field_error(
            "received_on",
            _("A request of %(date)s is already recorded and waits for its report.")
            % {"date": day_label(received_on)},
            CommonError.RESUBMITTED,
        )
    request = LogRequest(
        client=client,
        relationship=relationship,
        received_on=received_on,
        channel=channel,
        language=language,
        include_older=include_older,
        older_reason=older_reason if include_older else "",
        recorded_by=actor,
    )
    request.full_clean()
    request.save()
    audit.record_change(
        actor=actor,
        record=request,
        client=client,
        what=RecordsEvent.LOG_REQUEST,
        changes={name: (None, getattr(request, name)) for name in FIELDS},
    )
    return request


@transaction.atomic
def log_request_ask(*, actor: User, client: Client) -> LogRequest:
    """The client asks for their log report in OmaPolku (703/2023 §11): a request received
    today, electronically, in the client's language, for the responsible worker of the
    relationship the client's messages go to (the open one, else the latest) to handle in the
    work queue. Refused: anyone but the client themself (403), a client with no relationship,
    and a second request while one waits for its report (whichever way it came), also when
    two are sent at once (a database constraint besides the check)."""
    if client.user_id is None or client.user_id != actor.pk:
        raise PermissionDenied
    # Lock the client so that two requests sent at once are checked one after the other.
    Client.objects.select_for_update().filter(pk=client.pk).first()
    waiting = (
        LogRequest.objects.filter(client=client, produced_at__isnull=True)
        .defer("document")
        .order_by("received_on", "pk")
        .first()
    )
    if waiting is not None:
        raise ValidationError(
            pgettext(
                "client portal",
                "You already asked for this on %(date)s. You get the report by %(due)s. "
                "You do not need to ask again.",
            )
            % {"date": day_label(waiting.received_on), "due": day_label(waiting.due_on)},
            code=CommonError.RESUBMITTED,
        )
    relationship = routing_relationship(client)
    if relationship is None:
        raise ValidationError(
            pgettext(
                "client portal",
                "You cannot ask for this here yet, because you are not a client of a unit. "
                "Ask the social services office.",
            ),
            code=RecordsError.NO_RELATIONSHIP,
        )
    request = LogRequest(
        client=client,
        relationship=relationship,
        received_on=clock.today(),
        channel=RequestChannel.OMAPOLKU,
        language=client.language or ClientLanguage.FI,
        recorded_by=actor,
    )
    request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise ValidationError(
            pgettext(
                "client portal",
                "You already asked for this. You get the report within 2 months. "
                "You do not need to ask again.",
            ),
            code=CommonError.RESUBMITTED,
        ) from None
    audit.record_change(
        actor=actor,
        record=request,
        client=client,
        what=RecordsEvent.LOG_REQUEST,
        changes={name: (None, getattr(request, name)) for name in FIELDS},
    )
    return request


@transaction.atomic
def log_report_produce(*, actor: User, request: LogRequest) -> LogRequest:
    """Produce the report of ``request`` now, in the request's language, keep the PDF with the
    request and log the disclosure to the client. Produced once: a second click finds it done
    and changes nothing (the kept PDF is the one given)."""
    locked = (
        LogRequest.objects.select_for_update()
        .select_related("client", "relationship__unit", "relationship__client")
        .get(pk=request.pk)
    )
    require_caseworker(actor, locked.relationship)
    if locked.produced_at is not None:
        raise ValidationError(
            _("The report was already produced on %(date)s; the same report is kept and shown.")
            % {"date": day_label(timezone.localdate(locked.produced_at))},
            code=RecordsError.ALREADY_PRODUCED,
        )
    now = clock.now()
    pdf, events = documents.log_report_pdf(locked, author=actor, at=now)
    locked.produced_at = now
    locked.produced_by = actor
    locked.entries = events
    locked.document = pdf
    locked.save(update_fields=["produced_at", "produced_by", "entries", "document"])
    audit.record_disclosure(
        actor=actor,
        client=locked.client,
        what=RecordsEvent.LOG_REPORT,
        recipient=Recipient.CLIENT,
        purpose="",
        legal_basis=LEGAL_BASIS,
        record=locked,
        changes={"entries": (None, events)},
    )
    return locked


@transaction.atomic
def retention_dry_run(*, actor: User) -> RetentionRun:
    """List what a destruction today would remove, by kind and count, for a named person to
    approve; the earlier proposals waiting are replaced. A run that finds nothing is kept as
    "nothing to destroy" and needs no approval. Writes nothing else."""
    records_before, audit_before = retention.cutoffs(clock.today())
    found = retention.plan(records_before, audit_before)
    RetentionRun.objects.filter(status=RetentionStatus.PROPOSED).update(
        status=RetentionStatus.STALE, updated_at=clock.now()
    )
    run = RetentionRun.objects.create(
        records_before=records_before,
        audit_before=audit_before,
        counts=found.counts(),
        held=found.held,
        relationships=len(found.relationship_ids),
        audit_events=found.audit_events,
        fingerprint=found.fingerprint(),
        status=RetentionStatus.PROPOSED
        if found.counts() or found.audit_events
        else RetentionStatus.EMPTY,
    )
    audit.record_change(
        actor=actor,
        record=run,
        what=RecordsEvent.RETENTION_DRY_RUN,
        changes={
            "relationships": (None, run.relationships),
            "audit_events": (None, run.audit_events),
            "held": (None, sum(run.held.values())),
        },
    )
    return run


@transaction.atomic
def retention_destroy(*, actor: User, run: RetentionRun, confirmed: bool) -> RetentionRun:
    """Destroy what the dry run ``run`` listed, once its approver confirms. Refused: a person
    without the capability (403), no confirmation, a run already destroyed or replaced, and a
    run whose data changed since (the rows found now are not the rows it counted: run a new
    dry run). Writes the destruction record (the run, with who approved and when) and a
    change event; both are kept."""
    require_capability(actor, Capability.APPROVE_RETENTION)
    locked = RetentionRun.objects.select_for_update().get(pk=run.pk)
    if not confirmed and locked.status == RetentionStatus.PROPOSED:
        raise field_error(
            "confirmed",
            _("Tick the box to approve destroying these records. Nothing was destroyed."),
            RecordsError.NOT_CONFIRMED,
        )
    if locked.status == RetentionStatus.EMPTY:
        raise ValidationError(
            _("This dry run found nothing to destroy, so there is nothing to approve."),
            code=RecordsError.RETENTION_EMPTY,
        )
    if locked.status != RetentionStatus.PROPOSED:
        raise ValidationError(
            _("This dry run was already destroyed or replaced by a newer one."),
            code=RecordsError.RETENTION_DONE,
        )
    found = retention.plan(locked.records_before, locked.audit_before)
    if found.fingerprint() != locked.fingerprint:
        raise ValidationError(
            _(
                "The records changed after this dry run (for example a relationship was "
                "reopened or a log request came). Nothing was destroyed; run a new dry run."
            ),
            code=RecordsError.RETENTION_STALE,
        )
    retention.destroy(found)
    locked.status = RetentionStatus.DESTROYED
    locked.approved_by = actor
    locked.destroyed_at = clock.now()
    locked.save(update_fields=["status", "approved_by", "destroyed_at"])
    audit.record_change(
        actor=actor,
        record=locked,
        what=RecordsEvent.RETENTION_DESTROYED,
        changes={
            "relationships": (locked.relationships, 0),
            "audit_events": (locked.audit_events, 0),
            **{label: (count, 0) for label, count in locked.counts.items()},
        },
    )
    return locked
