"""Reads of the records app: the client's log requests and the entries of a log report.

The report lists the client's **access** and **disclosure** events (703/2023 §11: who has
read or received the data, when, what, on what basis or for what purpose); change events are
the record's own history and are not part of it. Repeated reads of the same thing by the same
person on the same day are one line with a count, so a long relationship's report stays
readable; each line keeps the first time of the day. Staff appear by their current name and
title (the event keeps the user's id); a user since removed appears by the username the event
kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from polku.accounts.models import User
from polku.audit import events as audit_events
from polku.audit.models import AuditEvent, EventKind
from polku.clients.access import access_record, visible_through
from polku.clients.forms import PurposeOfUse
from polku.clients.models import ClientRelationship, Recipient
from polku.eligibility.citations import cite
from polku.records.models import LogRequest, RetentionRun
from polku.records.retention import hold_label

#: The bases of access, as the report names them (the keys the access core logs).
BASIS_LABELS: dict[str, Any] = {
    "self": pgettext_lazy("basis of access", "The client themself"),
    "responsible_worker": pgettext_lazy("basis of access", "Responsible worker"),
    "handover": pgettext_lazy("basis of access", "Incoming responsible worker"),
    "team_cover": pgettext_lazy("basis of access", "Covering for a colleague"),
    "intake_queue": pgettext_lazy("basis of access", "Intake of the unit"),
    "intake_search": pgettext_lazy("basis of access", "Intake search of the unit"),
    "purpose_of_use": pgettext_lazy("basis of access", "Stated purpose of use"),
    "employment_authority_party": pgettext_lazy(
        "basis of access", "Party to the joint activation plan"
    ),
    "decision_maker": pgettext_lazy("basis of access", "Decision maker"),
    "place_supervisor": pgettext_lazy("basis of access", "Supervisor of the work-activity place"),
    "place_evaluation": pgettext_lazy("basis of access", "Evaluation by the work-activity place"),
    "manager": pgettext_lazy("basis of access", "Manager's report"),
}
OTHER_BASIS = pgettext_lazy("basis of access", "Client relationship of the unit")
RECIPIENT_LABELS: dict[str, Any] = {recipient.value: recipient.label for recipient in Recipient}
#: The purposes the services log with a disclosure (stable English keys, never shown as such).
PURPOSE_LABELS: dict[str, Any] = {
    "invitation to a meeting": pgettext_lazy("purpose of a disclosure", "Invitation to a meeting"),
    "notification of a decision": pgettext_lazy(
        "purpose of a disclosure", "Notification of a decision"
    ),
    "notice before the start of rehabilitative work activity": pgettext_lazy(
        "purpose of a disclosure", "Notice before the start of rehabilitative work activity"
    ),
    "information for the work-activity period": pgettext_lazy(
        "purpose of a disclosure", "Information for the work-activity period"
    ),
    "certificate of the work-activity period": pgettext_lazy(
        "purpose of a disclosure", "Certificate of the work-activity period"
    ),
    "information before the activation plan": pgettext_lazy(
        "purpose of a disclosure", "Information before the activation plan"
    ),
    "activation plan for the parties": pgettext_lazy(
        "purpose of a disclosure", "Activation plan for the parties"
    ),
}
#: The attendance month report's purpose: ``attendance month report <2026-03 or 2026> <format>``.
ATTENDANCE_REPORT = "attendance month report "


def purpose_label(purpose: str) -> str:
    """The logged purpose in the active language: a service's fixed purpose by its label, the
    purpose of use (``key`` or ``key: the worker's words``) by its label, the attendance report
    with its month as m/yyyy; anything else (a worker's own words) as written."""
    if purpose in PURPOSE_LABELS:
        return str(PURPOSE_LABELS[purpose])
    if purpose.startswith(ATTENDANCE_REPORT):
        period, _space, fmt = purpose.removeprefix(ATTENDANCE_REPORT).partition(" ")
        year, _dash, month = period.partition("-")
        shown = f"{int(month)}/{year}" if month.isdigit() else period
        label = pgettext("purpose of a disclosure", "Attendance month report %(period)s") % {
            "period": shown
        }
        return f"{label} ({fmt.upper()})" if fmt else label
    key, _colon, detail = purpose.partition(": ")
    if key in PurposeOfUse.values:
        if key == PurposeOfUse.OTHER and detail:
            return detail
        label = str(PurposeOfUse(key).label)
        return f"{label}: {detail}" if detail else label
    return purpose


def access_log_requests_relationship(
    user: User, relationship_id: int, *, what: str
) -> ClientRelationship:
    """The relationship whose client's log requests the user handles: a worker with a
    verified basis (the access core's rule); 404 otherwise."""
    rows = ClientRelationship.objects.filter(
        ClientRelationship.objects.visible_one(user, "pk")
    ).select_related("client", "unit", "responsible_worker")
    return access_record(user, rows, relationship_id, client_of=lambda r: r.client, what=what)


def access_log_request(user: User, request_id: int, *, what: str) -> LogRequest:
    """A log request recorded through a relationship the user may see; 404 otherwise."""
    rows = LogRequest.objects.filter(visible_through(user)).select_related(
        "client", "relationship__unit", "recorded_by", "produced_by"
    )
    return access_record(user, rows, request_id, client_of=lambda r: r.client, what=what)


def log_requests_of(*, client_id: int) -> list[LogRequest]:
    """The client's log requests, newest first (every unit's: the organiser answers them)."""
    return list(
        LogRequest.objects.filter(client_id=client_id)
        .select_related("recorded_by", "produced_by", "relationship__unit")
        .defer("document")
    )


@dataclass(frozen=True)
class Entry:
    """One line of the report: a person's reads (or one disclosure) of one thing on one day."""

    day: dt.date
    first_at: dt.datetime
    count: int
    person: str
    title: str
    kind: str
    what: str
    basis: str
    purpose: str
    recipient: str
    legal_basis: str


def _events(request: LogRequest, until: dt.datetime) -> QuerySet[AuditEvent]:
    rows = AuditEvent.objects.for_client(request.client_id).filter(
        kind__in=(EventKind.ACCESS, EventKind.DISCLOSURE), occurred_at__lte=until
    )
    first = request.covers_from
    if first is not None:
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
        rows = rows.filter(occurred_at__gte=start)
    return rows.order_by("occurred_at", "pk")


def entry_count(request: LogRequest, *, until: dt.datetime) -> int:
    """How many events the report would cover (one count query)."""
    return _events(request, until).count()


def _people(ids: set[int]) -> dict[int, User]:
    return {user.pk: user for user in User.objects.filter(pk__in=ids)}


def report_entries(request: LogRequest, *, until: dt.datetime) -> list[Entry]:
    """The report's lines, oldest first, labels in the active language (the caller sets the
    report's). Three queries: the events (iterated in chunks), the people, nothing else."""
    columns = (
        "occurred_at",
        "kind",
        "actor_id",
        "actor_name",
        "what",
        "basis",
        "purpose",
        "recipient",
        "legal_basis",
    )
    events = list(_events(request, until).values_list(*columns))
    people = _people({row[2] for row in events if row[2] is not None})
    lines: list[Entry] = []
    groups: dict[tuple[Any, ...], int] = {}
    for occurred_at, kind, actor_id, actor_name, what, basis, purpose, recipient, legal in events:
        local = timezone.localtime(occurred_at)
        key = (local.date(), kind, actor_id, actor_name, what, basis, purpose, recipient, legal)
        if kind == EventKind.ACCESS and key in groups:
            index = groups[key]
            lines[index] = _counted(lines[index])
            continue
        person = people.get(actor_id) if actor_id is not None else None
        lines.append(
            Entry(
                day=local.date(),
                first_at=local,
                count=1,
                person=_person_name(person, actor_name),
                title=person.title_in() if person is not None else "",
                kind=str(EventKind(kind).label),
                what=audit_events.label(what),
                basis=str(BASIS_LABELS.get(basis, OTHER_BASIS)) if basis else "",
                purpose=purpose_label(purpose) if purpose else "",
                recipient=str(RECIPIENT_LABELS.get(recipient, "")) if recipient else "",
                legal_basis=cite(legal) if legal else "",
            )
        )
        groups[key] = len(lines) - 1
    return lines


def _counted(entry: Entry) -> Entry:
    return Entry(**{**entry.__dict__, "count": entry.count + 1})


def _person_name(person: User | None, actor_name: str) -> str:
    if person is None:
        return actor_name or str(_("The system"))
    return person.get_full_name() or person.get_username()


@dataclass(frozen=True)
class RunCount:
    label: str
    count: int


def retention_counts(run: RetentionRun) -> list[RunCount]:
    """The run's counts by kind, named in the viewer's language (the model's plural name)."""
    rows = []
    for label, count in run.counts.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            name = label
        else:
            name = str(model._meta.verbose_name_plural).capitalize()
        rows.append(RunCount(name, count))
    return sorted(rows, key=lambda row: row.label)


def retention_held(run: RetentionRun) -> list[RunCount]:
    return [RunCount(hold_label(key), count) for key, count in sorted(run.held.items())]


def retention_runs() -> list[RetentionRun]:
    return list(RetentionRun.objects.select_related("approved_by")[:24])


def retention_run(run_id: int) -> RetentionRun:
    found = RetentionRun.objects.select_related("approved_by").filter(pk=run_id).first()
    if found is None:
        raise Http404
    return found
