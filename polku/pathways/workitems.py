"""The pathway's own work-queue items (S1–S7), registered with
:func:`polku.pathways.workqueue.register` from ``PathwaysConfig.ready()``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from polku.accounts.models import User
from polku.clients.models import ClientRelationship, Meeting, MeetingStatus, Stage, worker_unit_ids
from polku.core import clock, statutory
from polku.pathways import workqueue
from polku.pathways.models import ActivationPlan, PlanType
from polku.pathways.workqueue import WorkItem

REVIEW_WARNING_DAYS = 14
REFLECTION_WARNING_DAYS = 3


def _mine(viewer: User) -> QuerySet[ClientRelationship]:
    return ClientRelationship.objects.open().filter(responsible_worker=viewer)


def _name(relationship: ClientRelationship) -> str:
    return f"{relationship.client.last_name} {relationship.client.first_name}"


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


def _booked_meetings(viewer: User) -> list[Meeting]:
    """The viewer's booked meetings from the start of today with the clients of their open
    relationships: one read for today's meetings and the invitations to send."""
    from django.utils import timezone

    start = timezone.localtime(clock.now()).replace(hour=0, minute=0, second=0, microsecond=0)

    def load() -> list[Meeting]:
        return list(
            Meeting.objects.filter(
                worker=viewer,
                status=MeetingStatus.BOOKED,
                starts_at__gte=start,
                relationship__responsible_worker=viewer,
                relationship__ended_on__isnull=True,
            )
            .select_related("relationship__client")
            .only(
                "starts_at",
                "invitation_sent_at",
                "relationship__client__last_name",
                "relationship__client__first_name",
            )
        )

    return workqueue.shared(("pathways.booked_meetings", viewer.pk, start), load)


def meetings_today(viewer: User, today: dt.date) -> list[WorkItem]:
    from django.utils import timezone

    start = timezone.localtime(clock.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = [m for m in _booked_meetings(viewer) if m.starts_at < start + dt.timedelta(days=1)]
    return [
        WorkItem(
            "meeting_today",
            _("Meeting at %(time)s") % {"time": timezone.localtime(m.starts_at).strftime("%H.%M")},
            m.relationship.client_id,
            _name(m.relationship),
            reverse("clients:meeting_record", args=[m.pk]),
            today,
        )
        for m in sorted(rows, key=lambda m: m.starts_at)
    ]


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


def invitations_to_send(viewer: User, today: dt.date) -> list[WorkItem]:
    now = clock.now()
    rows = [
        m for m in _booked_meetings(viewer) if m.invitation_sent_at is None and m.starts_at >= now
    ]
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


def _drafts(viewer: User) -> list[ActivationPlan]:
    """The drafts of the viewer's open relationships: one read for the notices, the
    signatures and the multi-sectoral deadlines."""

    def load() -> list[ActivationPlan]:
        return list(
            ActivationPlan.objects.drafts()
            .filter(relationship__responsible_worker=viewer, relationship__ended_on__isnull=True)
            .select_related("relationship__client")
            .only(
                "notice_given_on",
                "plan_type",
                "assessment_started_on",
                "relationship__client__last_name",
                "relationship__client__first_name",
            )
        )

    return workqueue.shared(("pathways.drafts", viewer.pk), load)


def notices_missing(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = [p for p in _drafts(viewer) if p.notice_given_on is None]
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


def awaiting_signatures(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = [p for p in _drafts(viewer) if p.notice_given_on is not None]
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
        .only(
            "review_due",
            "relationship__client__last_name",
            "relationship__client__first_name",
        )
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


def mts_deadlines(viewer: User, today: dt.date) -> list[WorkItem]:
    from polku.pathways.rules import add_months

    months = statutory.table("mts_deadline_months")
    rows = [
        p
        for p in _drafts(viewer)
        if p.plan_type == PlanType.MTS and p.assessment_started_on is not None
    ]
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


def register() -> None:
    """Register the pathway's providers, in the order the page lists equal items."""
    workqueue.register(
        intakes,
        meetings_today,
        meetings_to_book,
        invitations_to_send,
        notices_missing,
        awaiting_signatures,
        reflections_due,
        reviews_due,
        mts_deadlines,
    )
