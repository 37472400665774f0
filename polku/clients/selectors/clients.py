"""One client's pages: the client page, an earlier relationship read for a purpose of use, the
intake's duplicate check, and the forms' current values."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients import access, identity, rules
from polku.clients.events import ClientRead
from polku.clients.models import (
    Client,
    ClientRelationship,
    ContactLog,
    Meeting,
    MeetingStatus,
    Stage,
)
from polku.clients.selectors.stepper import StepperStage, next_steps, stepper
from polku.clients.selectors.timeline import (
    TimelineEntry,
    client_timeline,
    relationship_timeline,
)
from polku.core import clock
from polku.core.models import Versioned


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
        "unit", "responsible_worker", "received_by", "previous__unit"
    ).order_by("-started_on", "-pk")


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


@dataclass(frozen=True)
class RelationshipPage:
    """A page of a relationship that a later app adds to the client page (registries,
    docs/architecture.md): its label, its URL name (taking the relationship's id) and the
    stages from which it is shown."""

    label: Any
    url_name: str
    from_stage: Stage


_RELATIONSHIP_PAGES: list[RelationshipPage] = []


def register_relationship_page(label: Any, url_name: str, from_stage: Stage) -> None:
    page = RelationshipPage(label, url_name, from_stage)
    if page not in _RELATIONSHIP_PAGES:
        _RELATIONSHIP_PAGES.append(page)


def relationship_pages(relationship: ClientRelationship) -> list[tuple[str, str]]:
    """(label, URL) of the registered pages the relationship's stage has reached."""
    stages = list(Stage)
    here = stages.index(Stage(relationship.stage))
    return [
        (str(page.label), reverse(page.url_name, args=[relationship.pk]))
        for page in _RELATIONSHIP_PAGES
        if stages.index(page.from_stage) <= here
    ]


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
    timeline_earlier: int | None
    timeline_paged: bool
    contacts: list[ContactLog]
    is_caseworker: bool
    pages: list[tuple[str, str]]
    show_address: bool
    age_warning: str
    temporary_code: bool

    def context(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def client_page(*, viewer: User, client: Client, timeline_before: int | None = None) -> ClientPage:
    """The client page of ``client`` (already accessed, and the read logged, through
    ``access_client``): only the relationships the viewer has a basis for are shown, with their
    events, the latest first a page at a time (older than the event ``timeline_before``); the
    others are listed by unit and dates (``elsewhere``)."""
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
    timeline = client_timeline(
        client=client,
        show_address=show_address,
        before=timeline_before,
        relationship_ids=visible_ids,
        all_relationships=not elsewhere,
    )
    return ClientPage(
        person=client,
        current=current,
        relationships=relationships,
        meetings=meetings,
        upcoming=[m for m in meetings if m.status == MeetingStatus.BOOKED and m.starts_at >= now],
        stepper=stepper(current) if current else [],
        next_steps=next_steps(current, meetings) if current else [],
        elsewhere=elsewhere,
        timeline=timeline.entries,
        timeline_earlier=timeline.earlier,
        timeline_paged=timeline_before is not None,
        contacts=list(current.contacts.select_related("by")) if current else [],
        is_caseworker=is_caseworker,
        pages=relationship_pages(current) if current else [],
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


def meeting_record_initial(meeting: Meeting, fields: Iterable[str]) -> dict[str, Any]:
    """The meeting record form's values: the meeting's ``fields`` and its checklist items."""
    initial: dict[str, Any] = {name: getattr(meeting, name) for name in fields}
    initial["version"] = meeting.version
    initial["mark_held"] = meeting.status == MeetingStatus.HELD
    for item in meeting.informing.all():
        initial[f"informed_{item.topic}"] = item.informed
        initial[f"reason_{item.topic}"] = item.not_relevant_reason
    return initial
