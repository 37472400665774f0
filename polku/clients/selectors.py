"""Reads for the worker's client pages, scoped to the viewer in SQL and logged."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import F, Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability, roles_with
from polku.accounts.system import SYSTEM_LABEL, is_system
from polku.audit import events as event_types
from polku.audit import services as audit
from polku.audit.models import AuditEvent, EventKind
from polku.clients import access, identity, rules
from polku.clients.events import ClientEvent, ClientRead
from polku.clients.models import (
    Client,
    ClientRelationship,
    ContactLog,
    CoverGrant,
    HandoverStatus,
    Meeting,
    MeetingStatus,
    Outcome,
    Recipient,
    Stage,
    WorkerAssignment,
    worker_unit_ids,
)
from polku.core import clock
from polku.core.models import Versioned

PAGE_SIZE = 50


def intake_queue(*, viewer: User) -> list[ClientRelationship]:
    """New relationships without a responsible worker in the viewer's units, oldest first."""
    rows = list(
        ClientRelationship.objects.unassigned()
        .filter(unit_id__in=worker_unit_ids(viewer))
        .select_related("client", "unit", "received_by")
        .order_by("started_on", "created_at", "pk")
    )
    today = clock.today()
    for row in rows:
        row.waiting_days = (today - row.started_on).days  # type: ignore[attr-defined]
    audit.record_access_many(
        actor=viewer,
        client_ids=[r.client_id for r in rows],
        what=ClientRead.INTAKE_QUEUE,
        basis="intake_queue",
    )
    return rows


def pending_handovers(*, viewer: User) -> list[WorkerAssignment]:
    """Hand-overs waiting on the viewer; the client names shown are logged."""
    rows = list(
        WorkerAssignment.objects.filter(worker=viewer, status=HandoverStatus.PENDING)
        .select_related("relationship__client", "assigned_by")
        .order_by("assigned_at")
    )
    audit.record_access_many(
        actor=viewer,
        client_ids=[row.relationship.client_id for row in rows],
        what=ClientRead.HANDOVERS_WAITING,
        basis="handover",
    )
    return rows


CASELOAD_SORTS: dict[str, tuple[Any, ...]] = {
    "name": ("client__last_name", "client__first_name", "pk"),
    "-name": ("-client__last_name", "-client__first_name", "-pk"),
    "stage": ("stage_order", "client__last_name", "pk"),
    "-stage": ("-stage_order", "client__last_name", "pk"),
    "meeting": (F("next_meeting").asc(nulls_last=True), "client__last_name", "pk"),
    "-meeting": (F("next_meeting").desc(nulls_last=True), "client__last_name", "pk"),
    "started": ("started_on", "pk"),
    "-started": ("-started_on", "-pk"),
}


def caseload_page(
    *,
    viewer: User,
    page: int | str | None,
    stage: str = "",
    meeting: str = "",
    sort: str = "name",
) -> Page[Any]:
    """My clients: open relationships where the viewer is the responsible worker.

    ``meeting``: "week" (a meeting within 7 days), "none" (waiting for action: no meeting
    booked). One query for the page and one for the audit, however many clients there are.
    """
    from django.db.models import Case, IntegerField, Value, When

    now = clock.now()
    rows = (
        ClientRelationship.objects.visible_to(viewer)
        .open()
        .filter(responsible_worker=viewer)
        .select_related("client", "unit")
        .annotate(
            next_meeting=Min(
                "meetings__starts_at",
                filter=Q(meetings__status=MeetingStatus.BOOKED, meetings__starts_at__gte=now),
            ),
            stage_order=Case(
                *[When(stage=s.value, then=Value(i)) for i, s in enumerate(Stage)],
                output_field=IntegerField(),
            ),
        )
    )
    if stage in Stage.values:
        rows = rows.filter(stage=stage)
    if meeting == "week":
        rows = rows.filter(next_meeting__lt=now + dt.timedelta(days=7))
    elif meeting == "none":
        rows = rows.filter(next_meeting__isnull=True)
    order = CASELOAD_SORTS.get(sort, CASELOAD_SORTS["name"])
    result = Paginator(rows.order_by(*order), PAGE_SIZE).get_page(page)
    audit.record_access_many(
        actor=viewer,
        client_ids=[r.client_id for r in result],
        what=ClientRead.CASELOAD,
        basis="responsible_worker",
    )
    return result


MeetingPage = Callable[[Meeting], str | None]
_MEETING_PAGES: dict[tuple[str, str], MeetingPage] = {}


def register_meeting_page(kind: str, page: str, url: MeetingPage) -> None:
    """The app that owns a meeting type says where its ``"record"`` and ``"invitation"`` pages
    are (the joint meeting: the plan's pages), so one meeting has one invitation and one record."""
    _MEETING_PAGES[(kind, page)] = url


def meeting_page(meeting: Meeting, page: str) -> str | None:
    """The URL of the meeting type's own page, or None for the general meeting's page."""
    url = _MEETING_PAGES.get((meeting.kind, page))
    return url(meeting) if url is not None else None


@dataclass(frozen=True)
class StepperStage:
    stage: Stage
    state: str  # "done", "skipped", "current", "upcoming"


StageDone = Callable[[ClientRelationship], bool]
_STAGE_DONE: dict[Stage, StageDone] = {}


def register_stage_done(stage: Stage, done: StageDone) -> None:
    """The app that records a stage that may be skipped (S3 → S5 passes S4) says how to tell
    that a passed stage was done; a passed stage without such a check was done."""
    _STAGE_DONE[stage] = done


def stepper(relationship: ClientRelationship) -> list[StepperStage]:
    current = Stage(relationship.stage).number

    def state(stage: Stage) -> str:
        if stage.number == current:
            return "current"
        if stage.number > current:
            return "upcoming"
        done = _STAGE_DONE.get(stage)
        return "done" if done is None or done(relationship) else "skipped"

    return [StepperStage(s, state(s)) for s in Stage]


def next_steps(relationship: ClientRelationship, meetings: list[Meeting]) -> list[str]:
    """What is missing before the next stage, in plain words."""
    stage = relationship.stage
    if not relationship.is_open:
        return []
    if relationship.responsible_worker_id is None:
        return [str(_("Name the responsible worker."))]
    first = next((m for m in meetings if m.is_first and m.status != MeetingStatus.CANCELLED), None)
    if first is None:
        return [str(_("Book the first meeting."))]
    if Stage(stage).number > Stage.S3_FIRST_MEETING.number:
        return [str(_("The next stage and what it needs are on the plans page."))]
    if first.status == MeetingStatus.BOOKED:
        steps = [str(_("Hold the first meeting and record it with the informing checklist."))]
        if first.invitation_sent_at is None:
            steps.insert(0, str(_("Send the invitation to the first meeting.")))
        return steps
    if stage == Stage.S3_FIRST_MEETING:
        if first.outcome == Outcome.ACTIVATION_PLAN:
            return [str(_("Next: the activation plan (S5) with the employment authority."))]
        if first.outcome == Outcome.CLIENT_PLAN:
            return [str(_("Next: service-need assessment and client plan (S4)."))]
        if first.outcome == Outcome.OTHER_SERVICES:
            return [str(_("Next: guide the client to the other services agreed."))]
    return []


@dataclass
class TimelineEntry:
    event: AuditEvent
    actor: str
    label: str
    changes: list[tuple[str, str, str]]


INFORMING_LABEL = _("Informing: %(topic)s")

# A plan party's signature (``signature.<party>``, pathways.models.Party), as one label each:
# the languages do not compose "signature of" with the party's name the same way.
SIGNATURE_LABELS = {
    "client": _("Signature of the client"),
    "worker": _("Signature of the responsible worker"),
    "official": _("Signature of the employment authority official"),
}
SIGNATURE_VOIDED = pgettext_lazy("signature", "voided")
# An informing item's value, capitalised like every other value label, so that no language
# shows the stored key ("informed", "not relevant: <reason>") as it is.
INFORMED = pgettext_lazy("informing item", "Informed")
NOT_RELEVANT = pgettext_lazy("informing item", "Not relevant: %(reason)s")
RECIPIENTS = {recipient.value: recipient.label for recipient in Recipient}


def _field_label(record_type: str, name: str) -> tuple[str, Any]:
    if name.startswith("informing."):
        from polku.clients.models import InformingTopic

        topic = name.split(".", 1)[1]
        return str(INFORMING_LABEL % {"topic": InformingTopic(topic).label}), "informing"
    if name.startswith("signature."):
        party = name.split(".", 1)[1]
        return str(SIGNATURE_LABELS.get(party, _("Signatures"))), "signature"
    try:
        field = apps.get_model(record_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name, None
    return str(getattr(field, "verbose_name", name)), field


def _informing_label(value: Any) -> str:
    """An informing item as stored (``informed`` / ``not relevant: <reason>``), in words."""
    if value == "informed":
        return str(INFORMED)
    if isinstance(value, str) and value.startswith("not relevant"):
        return str(NOT_RELEVANT % {"reason": value.partition(":")[2].strip()})
    return "–" if value in (None, "") else str(value)


def _value_label(field: Any, value: Any, names: dict[tuple[Any, Any], str] | None = None) -> str:
    if field == "informing":
        return _informing_label(value)
    if field == "signature" and value in (None, ""):
        return str(SIGNATURE_VOIDED)
    if value in (None, ""):
        return "–"
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False):
        key = (field.related_model, value)
        if names is not None and key in names:
            return names[key]
        return str(value) if isinstance(value, str) else "–"
    choices = dict(getattr(field, "choices", None) or [])
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if "T" in value:
                moment = dt.datetime.fromisoformat(value)
                from django.utils import timezone

                return timezone.localtime(moment).strftime("%-d.%-m.%Y %H.%M")
            return dt.date.fromisoformat(value).strftime("%-d.%-m.%Y")
        except ValueError:
            return value
    return str(value)


def _record_name(obj: Any) -> str:
    """A referenced record as its name, in the viewer's language."""
    if isinstance(obj, User):
        return obj.get_full_name() or obj.username
    if isinstance(obj, ClientRelationship):
        return f"{obj.unit.name} {obj.started_on.day}.{obj.started_on.month}.{obj.started_on.year}"
    if isinstance(obj, Meeting):
        from django.utils import timezone

        return timezone.localtime(obj.starts_at).strftime("%-d.%-m.%Y %H.%M")
    return str(obj)


def _reference_names(events: list[AuditEvent]) -> dict[tuple[Any, Any], str]:
    """The names of every record the events refer to by id: one query per referenced type."""
    wanted: dict[Any, set[int]] = {}
    for event in events:
        for name, pair in event.changes.items():
            _label, field = _field_label(event.record_type, name)
            if not getattr(field, "is_relation", False):
                continue
            for value in pair:
                if isinstance(value, int) and not isinstance(value, bool):
                    wanted.setdefault(field.related_model, set()).add(value)
    names: dict[tuple[Any, Any], str] = {}
    for model, ids in wanted.items():
        follow = [
            f.name
            for f in model._meta.fields
            if f.is_relation and f.related_model in (User, apps.get_model("accounts", "Unit"))
        ]
        for obj in model._default_manager.filter(pk__in=ids).select_related(*follow):
            names[(model, obj.pk)] = _record_name(obj)
    return names


ADDRESS_FIELDS = ("street_address", "postal_code", "city")


def _relationship_path(record_type: str) -> str | None:
    """How a record of ``record_type`` leads to its client relationship; None for a record
    that belongs to the client, not to one relationship (the client's own details)."""
    try:
        model = apps.get_model(record_type)
    except (LookupError, ValueError):
        return None
    if model is ClientRelationship:
        return "pk"
    names = {field.name for field in model._meta.get_fields()}
    for path in ("relationship", "plan__relationship", "meeting__relationship"):
        if path.split("__")[0] in names:
            return f"{path}_id"
    return None


UNRESOLVED = -1  # the record of a relationship is gone (an option removed): its relationship


def event_relationships(events: list[AuditEvent]) -> dict[int, int | None]:
    """The relationship each event belongs to (None: the client's own details).

    One query per record type, however many events. An event whose record belonged to a
    relationship but no longer exists maps to ``UNRESOLVED``.
    """
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.record_type and event.record_id.isdigit():
            wanted.setdefault(event.record_type, set()).add(int(event.record_id))
    found: dict[tuple[str, str], int] = {}
    paths: dict[str, str | None] = {}
    for record_type, ids in wanted.items():
        path = paths[record_type] = _relationship_path(record_type)
        if path is None:
            continue
        model = apps.get_model(record_type)
        for pk, relationship_id in model._default_manager.filter(pk__in=ids).values_list(
            "pk", path
        ):
            found[(record_type, str(pk))] = relationship_id
    result: dict[int, int | None] = {}
    for event in events:
        if paths.get(event.record_type) is None:
            result[event.pk] = None
        else:
            result[event.pk] = found.get((event.record_type, event.record_id), UNRESOLVED)
    return result


def client_timeline(
    *,
    client: Client,
    show_address: bool = True,
    limit: int = 200,
    relationship_ids: set[int] | None = None,
    all_relationships: bool = True,
) -> list[TimelineEntry]:
    """Every change and disclosure of the client's data, newest first: who, when, old → new.

    With ``relationship_ids`` only the events of those relationships are shown, with the
    client's own details (SPEC §8: a view that gathers data applies the basis of the pages it
    summarises). An event whose relationship can no longer be told is shown only when
    ``all_relationships`` (the viewer has a basis for every relationship of the client).
    With ``show_address`` off (a non-disclosure marking and a viewer who is not the responsible
    worker) address values are replaced by a note, here as on the rest of the page.
    """
    events = list(
        AuditEvent.objects.for_client(client.pk)
        .filter(kind__in=[EventKind.CHANGE, EventKind.DISCLOSURE])
        .order_by("-occurred_at", "-pk")
    )
    if relationship_ids is not None:
        belongs = event_relationships(events)
        events = [
            event
            for event in events
            if belongs[event.pk] is None
            or belongs[event.pk] in relationship_ids
            or (belongs[event.pk] == UNRESOLVED and all_relationships)
        ]
    return timeline_entries(events[:limit], show_address=show_address)


def timeline_entries(events: list[AuditEvent], *, show_address: bool) -> list[TimelineEntry]:
    names = {
        user.pk: str(SYSTEM_LABEL) if is_system(user) else user.get_full_name() or user.username
        for user in User.objects.filter(pk__in={e.actor_id for e in events if e.actor_id})
    }
    references = _reference_names(events)
    booked_joint = {e.record_id for e in events if _label_key(e) == "joint meeting booked"}
    entries = []
    for event in events:
        if _links_booked_joint_meeting(event, booked_joint):
            continue  # one booking, one entry: the plan's link is part of the booking
        changes = []
        for name, (old, new) in event.changes.items():
            label, field = _field_label(event.record_type, name)
            if name == "identity_code":  # masked everywhere, the timeline too
                old, new = identity.mask(old or ""), identity.mask(new or "")
            if name in ADDRESS_FIELDS and not show_address:
                hidden = str(_("hidden (non-disclosure marking)"))
                old, new = (hidden if old else old), (hidden if new else new)
            changes.append(
                (
                    label,
                    # A value set where there was none is shown as the value alone.
                    "" if old in (None, "") else _value_label(field, old, references),
                    _value_label(field, new, references),
                )
            )
        if event.kind == EventKind.DISCLOSURE:
            # A key; events written before keys were stored hold the authority's name.
            recipient = RECIPIENTS.get(event.recipient, event.recipient)
            changes.insert(0, (str(_("Recipient")), "", str(recipient)))
        entries.append(
            TimelineEntry(
                event=event,
                actor=names.get(event.actor_id or 0, event.actor_name),
                label=event_types.label(_label_key(event)),
                changes=changes,
            )
        )
    return entries


def _links_booked_joint_meeting(event: AuditEvent, booked: set[str]) -> bool:
    """The plan change that only links the joint meeting booked for it (written with the
    booking, ``pathways.services.joint_meeting_book``): the audit store keeps it, the timeline
    shows the booking once."""
    if event.what != "activation plan" or set(event.changes) != {"joint_meeting"}:
        return False
    old, new = event.changes["joint_meeting"]
    return old is None and new is not None and str(new) in booked


def _label_key(event: AuditEvent) -> str:
    """The event's label key. Before the joint meeting had its own key, marking a booked
    meeting as the joint meeting was a second "meeting booked" that changed only its type."""
    if event.what == ClientEvent.MEETING_BOOKED and set(event.changes) == {"kind"}:
        return ClientEvent.JOINT_MEETING_BOOKED
    return event.what


def relationship_timeline(
    *, relationship: ClientRelationship, show_address: bool = False
) -> list[TimelineEntry]:
    """The events of one relationship (the purpose-of-use read of an earlier relationship)."""
    events = list(
        AuditEvent.objects.for_client(relationship.client_id)
        .filter(kind__in=[EventKind.CHANGE, EventKind.DISCLOSURE])
        .order_by("-occurred_at", "-pk")
    )
    belongs = event_relationships(events)
    return timeline_entries(
        [event for event in events if belongs[event.pk] == relationship.pk],
        show_address=show_address,
    )


def submitted_intake(*, submission: uuid.UUID | None) -> ClientRelationship | None:
    """The relationship an intake form with this one-time token already opened (the same form
    sent twice), if any."""
    if submission is None:
        return None
    return ClientRelationship.objects.filter(submission=submission).select_related("client").first()


def visible_relationship_ids(*, viewer: User, client: Client) -> set[int]:
    """The client's relationships the viewer has a basis for (``verified_q``)."""
    return set(
        ClientRelationship.objects.visible_to(viewer)
        .filter(client=client)
        .values_list("pk", flat=True)
    )


def client_relationships(*, client: Client) -> QuerySet[ClientRelationship]:
    return client.relationships.select_related(
        "unit", "responsible_worker", "received_by"
    ).order_by("-started_on", "-pk")


def unit_workers(
    *, relationship: ClientRelationship, exclude: User | None = None
) -> QuerySet[User]:
    """Workers who may be named responsible worker in the relationship's unit (but
    ``exclude``: the hand-over goes to someone else)."""
    from polku.accounts.models import RoleAssignment
    from polku.accounts.roles import Capability, roles_with

    ids = RoleAssignment.objects.filter(
        unit=relationship.unit, role__in=roles_with(Capability.ACT_AS_RESPONSIBLE_WORKER)
    ).values("user_id")
    rows = User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")
    return rows.exclude(pk=exclude.pk) if exclude is not None else rows


def find_clients_for_intake(
    *,
    viewer: User,
    identity_code: str = "",
    last_name: str = "",
    birth_date: dt.date | None = None,
    temporary_id: str = "",
) -> list[Client]:
    """The duplicate check: an exact identity-code or temporary-identifier match, or the same
    name and birth date.

    Any worker who may open relationships can find an existing client this way (to avoid a
    second record); each hit is logged with the basis "intake search".
    """
    query = Q()
    if identity_code:
        query |= Q(identity_code=identity_code)
    if temporary_id.strip():
        query |= Q(temporary_id=temporary_id.strip())
    if last_name and birth_date:
        query |= Q(last_name__iexact=last_name.strip(), birth_date=birth_date)
    if not query:
        return []
    hits = list(Client.objects.filter(query).order_by("last_name", "first_name", "pk")[:20])
    audit.record_access_many(
        actor=viewer,
        client_ids=[c.pk for c in hits],
        what=ClientRead.INTAKE_SEARCH,
        basis="intake_search",
    )
    return hits


def worker_units(*, viewer: User) -> QuerySet[Unit]:
    """The units where the viewer works as a responsible worker, by name (the intake's choice)."""
    return Unit.objects.filter(pk__in=worker_unit_ids(viewer)).order_by("name")


def stored_version(obj: Versioned) -> int:
    """The version saved in the database now (after an edit conflict, the form takes it, so
    that a deliberate second save succeeds)."""
    version: int = type(obj)._default_manager.values_list("version", flat=True).get(pk=obj.pk)
    return version


def open_relationship(*, client: Client) -> ClientRelationship | None:
    """The client's open relationship, if any (one at a time)."""
    return client.relationships.open().first()


def earlier_relationships(*, client: Client) -> list[ClientRelationship]:
    """The client's relationships, newest first (the re-entry page lists them)."""
    return list(client.relationships.order_by("-started_on"))


# The client page


@dataclass(frozen=True)
class ClientPage:
    """What the client page shows, for the viewer (the template's context)."""

    person: Client
    current: ClientRelationship | None
    relationships: list[ClientRelationship]
    meetings: list[Meeting]
    upcoming: list[Meeting]
    stepper: list[StepperStage]
    next_steps: list[str]
    elsewhere: list[ClientRelationship]
    timeline: list[TimelineEntry]
    contacts: list[ContactLog]
    is_caseworker: bool
    show_address: bool
    age_warning: str
    temporary_code: bool

    def context(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def client_page(*, viewer: User, client: Client) -> ClientPage:
    """The client page of ``client`` (already accessed, and the read logged, through
    ``access_client``): only the relationships the viewer has a basis for are shown, with their
    events; the others are listed by unit and dates (``elsewhere``)."""
    visible_ids = visible_relationship_ids(viewer=viewer, client=client)
    everything = list(client_relationships(client=client))
    relationships = [r for r in everything if r.pk in visible_ids]
    elsewhere = [r for r in everything if r.pk not in visible_ids]
    current = next(
        (r for r in relationships if r.is_open), relationships[0] if relationships else None
    )
    meetings = (
        list(current.meetings.select_related("worker").order_by("starts_at")) if current else []
    )
    is_caseworker = bool(current and access.is_caseworker(viewer, current))
    show_address = access.sees_address(viewer, client, relationships)
    now = clock.now()
    return ClientPage(
        person=client,
        current=current,
        relationships=relationships,
        meetings=meetings,
        upcoming=[m for m in meetings if m.status == MeetingStatus.BOOKED and m.starts_at >= now],
        stepper=stepper(current) if current else [],
        next_steps=next_steps(current, meetings) if current else [],
        elsewhere=elsewhere,
        timeline=client_timeline(
            client=client,
            show_address=show_address,
            relationship_ids=visible_ids,
            all_relationships=not elsewhere,
        ),
        contacts=list(current.contacts.select_related("by")) if current else [],
        is_caseworker=is_caseworker,
        show_address=show_address,
        age_warning=rules.age_warning(client.birth_date),
        temporary_code=bool(client.identity_code)
        and identity.is_temporary(client.identity_code or ""),
    )


def earlier_relationship(*, client: Client, relationship_id: int) -> ClientRelationship | None:
    """One of the client's relationships, for the purpose-of-use question (not read yet)."""
    return (
        ClientRelationship.objects.filter(pk=relationship_id, client=client)
        .select_related("unit", "responsible_worker", "received_by")
        .first()
    )


def earlier_relationship_read(
    *, viewer: User, relationship: ClientRelationship, purpose: str
) -> dict[str, Any]:
    """An earlier relationship the viewer has no basis for, read for the stated purpose of use:
    the read is logged with that purpose, and the page gets its meetings and events."""
    audit.record_access(
        actor=viewer,
        client=relationship.client,
        what=ClientRead.EARLIER,
        basis="purpose_of_use",
        purpose=purpose,
        record=relationship,
    )
    return {
        "meetings": list(relationship.meetings.select_related("worker").order_by("starts_at")),
        "timeline": relationship_timeline(relationship=relationship),
    }


# Team cover


def cover_colleagues(*, viewer: User) -> QuerySet[User]:
    """The colleagues the viewer may cover for: responsible workers of the viewer's units."""
    return (
        User.objects.filter(
            role_assignments__unit__in=worker_units(viewer=viewer),
            role_assignments__role__in=roles_with(Capability.ACT_AS_RESPONSIBLE_WORKER),
            is_active=True,
        )
        .exclude(pk=viewer.pk)
        .distinct()
        .order_by("last_name", "first_name")
    )


def cover_unit(*, viewer: User, colleague: User) -> Unit | None:
    """The unit of the viewer's where the colleague works, the one the cover is for."""
    return worker_units(viewer=viewer).filter(role_assignments__user=colleague).first()


def active_covers(*, viewer: User) -> QuerySet[CoverGrant]:
    """The viewer's covers still valid today."""
    return CoverGrant.objects.filter(user=viewer, expires_at__gt=clock.now()).select_related(
        "covered_worker", "unit"
    )


def covered_caseload(
    *, viewer: User, worker_id: int
) -> tuple[CoverGrant, list[ClientRelationship]] | None:
    """The open relationships of the colleague the viewer covers for (None without a valid
    cover): the list is logged with the basis "team cover" and the cover's purpose."""
    grant = active_covers(viewer=viewer).filter(covered_worker_id=worker_id).first()
    if grant is None:
        return None
    rows = list(
        ClientRelationship.objects.visible_to(viewer)
        .open()
        .filter(responsible_worker_id=worker_id, unit=grant.unit)
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "pk")
    )
    audit.record_access_many(
        actor=viewer,
        client_ids=[r.client_id for r in rows],
        what=ClientRead.COVERED_CASELOAD,
        basis="team_cover",
        purpose=grant.purpose,
    )
    return grant, rows


# Meetings


def meeting_record_initial(meeting: Meeting, fields: Iterable[str]) -> dict[str, Any]:
    """The meeting record form's values: the meeting's ``fields`` and its checklist items."""
    initial: dict[str, Any] = {name: getattr(meeting, name) for name in fields}
    initial["version"] = meeting.version
    initial["mark_held"] = meeting.status == MeetingStatus.HELD
    for item in meeting.informing.all():
        initial[f"informed_{item.topic}"] = item.informed
        initial[f"reason_{item.topic}"] = item.not_relevant_reason
    return initial
