"""Tänään, the worker's work queue: derived from the data on every request, never stored.

Each provider answers one question with one query and returns :class:`WorkItem` rows; later
issues add their providers with :func:`provider` (attendance not recorded, evaluations due, …).
The page's query count is constant in the number of clients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.models import ClientRelationship, Meeting, MeetingStatus, Stage, worker_unit_ids
from polku.core import clock, statutory
from polku.pathways.models import ActivationPlan, PlanType

REVIEW_WARNING_DAYS = 14
REFLECTION_WARNING_DAYS = 3


@dataclass(frozen=True)
class WorkItem:
    kind: str
    label: str
    client_id: int | None  # None for an item about several clients (shown without names)
    client_name: str
    url: str
    due: dt.date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < clock.today()


Provider = Callable[[User, dt.date], list[WorkItem]]
PROVIDERS: list[Provider] = []


def provider(function: Provider) -> Provider:
    """Register a work-queue provider (the one extension point)."""
    PROVIDERS.append(function)
    return function


def _mine(viewer: User) -> QuerySet[ClientRelationship]:
    return ClientRelationship.objects.open().filter(responsible_worker=viewer)


def _name(relationship: ClientRelationship) -> str:
    return f"{relationship.client.last_name} {relationship.client.first_name}"


@provider
def intakes(viewer: User, today: dt.date) -> list[WorkItem]:
    """The unit's intake queue as one item: it is shared by the unit, not personal."""
    from django.db.models import Count, Min

    summary = (
        ClientRelationship.objects.unassigned()
        .filter(unit_id__in=worker_unit_ids(viewer))
        .aggregate(count=Count("pk"), oldest=Min("started_on"))
    )
    if not summary["count"]:
        return []
    label = ngettext(
        "%(count)s new client relationship waits for a responsible worker",
        "%(count)s new client relationships wait for a responsible worker",
        summary["count"],
    ) % {"count": summary["count"]}
    return [WorkItem("intake", label, None, "", reverse("clients:intake_queue"), summary["oldest"])]


@provider
def meetings_today(viewer: User, today: dt.date) -> list[WorkItem]:
    from django.utils import timezone

    start = timezone.localtime(clock.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = Meeting.objects.filter(
        worker=viewer,
        status=MeetingStatus.BOOKED,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
        relationship__responsible_worker=viewer,
        relationship__ended_on__isnull=True,
    ).select_related("relationship__client")
    return [
        WorkItem(
            "meeting_today",
            _("Meeting at %(time)s") % {"time": timezone.localtime(m.starts_at).strftime("%H.%M")},
            m.relationship.client_id,
            _name(m.relationship),
            reverse("clients:meeting_record", args=[m.pk]),
            today,
        )
        for m in rows.order_by("starts_at")
    ]


@provider
def meetings_to_book(viewer: User, today: dt.date) -> list[WorkItem]:
    booked = Meeting.objects.filter(relationship=OuterRef("pk")).exclude(
        status=MeetingStatus.CANCELLED
    )
    rows = (
        _mine(viewer)
        .filter(stage=Stage.S2_RESPONSIBLE_WORKER)
        .exclude(Exists(booked))
        .select_related("client")
    )
    return [
        WorkItem(
            "book_meeting",
            _("Book the first meeting"),
            r.client_id,
            _name(r),
            reverse("clients:meeting_new", args=[r.pk]),
        )
        for r in rows
    ]


@provider
def invitations_to_send(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = Meeting.objects.filter(
        worker=viewer,
        status=MeetingStatus.BOOKED,
        invitation_sent_at__isnull=True,
        starts_at__gte=clock.now(),
        relationship__ended_on__isnull=True,
        relationship__responsible_worker=viewer,
    ).select_related("relationship__client")
    return [
        WorkItem(
            "invitation",
            _("Send the invitation to the meeting"),
            m.relationship.client_id,
            _name(m.relationship),
            reverse("clients:detail", args=[m.relationship.client_id]),
            m.starts_at.date(),
        )
        for m in rows
    ]


def _drafts(viewer: User) -> QuerySet[ActivationPlan]:
    return (
        ActivationPlan.objects.drafts()
        .filter(relationship__responsible_worker=viewer, relationship__ended_on__isnull=True)
        .select_related("relationship__client")
    )


@provider
def notices_missing(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = _drafts(viewer).filter(notice_given_on__isnull=True)
    return [
        WorkItem(
            "notice",
            _("Give the information notice about the activation plan"),
            p.relationship.client_id,
            _name(p.relationship),
            reverse("pathways:plan", args=[p.pk]),
        )
        for p in rows
    ]


@provider
def awaiting_signatures(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = _drafts(viewer).filter(notice_given_on__isnull=False)
    return [
        WorkItem(
            "signatures",
            _("The plan awaits signatures"),
            p.relationship.client_id,
            _name(p.relationship),
            reverse("pathways:plan", args=[p.pk]),
        )
        for p in rows
    ]


@provider
def reflections_due(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = (
        ActivationPlan.objects.signed()
        .filter(
            round=1,
            relationship__responsible_worker=viewer,
            relationship__stage=Stage.S6_REFLECTION,
            reflection_due__lte=today + dt.timedelta(days=REFLECTION_WARNING_DAYS),
        )
        .select_related("relationship__client")
    )
    return [
        WorkItem(
            "reflection",
            _("The client's decision is due"),
            p.relationship.client_id,
            _name(p.relationship),
            reverse("pathways:plan", args=[p.pk]),
            p.reflection_due,
        )
        for p in rows
    ]


@provider
def reviews_due(viewer: User, today: dt.date) -> list[WorkItem]:
    newer = ActivationPlan.objects.signed().filter(
        relationship=OuterRef("relationship"), number__gt=OuterRef("number")
    )
    rows = (
        ActivationPlan.objects.signed()
        .filter(
            relationship__responsible_worker=viewer,
            relationship__ended_on__isnull=True,
            review_due__lte=today + dt.timedelta(days=REVIEW_WARNING_DAYS),
        )
        .exclude(Exists(newer))
        .select_related("relationship__client")
    )
    return [
        WorkItem(
            "review",
            _("The plan is due for review"),
            p.relationship.client_id,
            _name(p.relationship),
            reverse("pathways:plan", args=[p.pk]),
            p.review_due,
        )
        for p in rows
    ]


@provider
def mts_deadlines(viewer: User, today: dt.date) -> list[WorkItem]:
    from polku.pathways.services import add_months

    months = statutory.table("mts_deadline_months")
    rows = _drafts(viewer).filter(plan_type=PlanType.MTS, assessment_started_on__isnull=False)
    items = []
    for plan in rows:
        start = plan.assessment_started_on
        assert start is not None  # noqa: S101 - filtered above
        deadline = add_months(start, int(months(start)))
        if deadline <= today + dt.timedelta(days=REVIEW_WARNING_DAYS):
            items.append(
                WorkItem(
                    "mts",
                    _("The multi-sectoral plan is due"),
                    plan.relationship.client_id,
                    _name(plan.relationship),
                    reverse("pathways:plan", args=[plan.pk]),
                    deadline,
                )
            )
    return items


def work_queue(*, viewer: User) -> list[WorkItem]:
    """Every item for the viewer, overdue first, then by due date; the reads are logged."""
    today = clock.today()
    items = [item for function in PROVIDERS for item in function(viewer, today)]
    items.sort(key=lambda i: (not i.overdue, i.due or dt.date.max, i.client_name))
    audit.record_access_many(
        actor=viewer,
        client_ids=[i.client_id for i in items if i.client_id is not None],
        what="work queue",
        basis="responsible_worker",
    )
    return items
