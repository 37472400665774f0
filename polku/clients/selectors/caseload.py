"""The worker's lists: the intake queue, hand-overs waiting, the caseload, the unit's workers and
team cover. Each list logs the clients it shows in one INSERT."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Min, Q, QuerySet

from polku.accounts.models import Unit, User
from polku.accounts.roles import Capability, roles_with
from polku.audit import services as audit
from polku.clients.events import ClientRead
from polku.clients.models import (
    ClientRelationship,
    CoverGrant,
    HandoverStatus,
    MeetingStatus,
    Stage,
    WorkerAssignment,
    worker_unit_ids,
)
from polku.core import clock

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


def worker_units(*, viewer: User) -> QuerySet[Unit]:
    """The units where the viewer works as a responsible worker, by name (the intake's choice)."""
    return Unit.objects.filter(pk__in=worker_unit_ids(viewer)).by_name()


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
