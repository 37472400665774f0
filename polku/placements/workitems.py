"""The placements app's work-queue items (SPEC §2 "Work queue"), registered with
:func:`polku.pathways.workqueue.register` from ``PlacementsConfig.ready()``. Each answers one
question with one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.pathways import workqueue
from polku.pathways.workqueue import WorkItem
from polku.placements.bases import DECISION_MAKER
from polku.placements.models import (
    Decision,
    DecisionStatus,
    Period,
    PeriodKind,
    PeriodStatus,
    StewardNotice,
)

NOTICE_WARNING_DAYS = 14
START_WARNING_DAYS = 7
INTRODUCTORY_END_WARNING_DAYS = 3


def _my_periods(viewer: User) -> QuerySet[Period]:
    return Period.objects.filter(
        relationship__responsible_worker=viewer, relationship__ended_on__isnull=True
    ).select_related("relationship__client", "place")


def _item(kind: str, label: str, period: Period, due: dt.date) -> WorkItem:
    client = period.relationship.client
    return WorkItem(
        kind,
        label,
        client.pk,
        f"{client.last_name} {client.first_name}",
        reverse("placements:placement", args=[period.relationship_id]),
        due,
    )


def notices_missing(viewer: User, today: dt.date) -> list[WorkItem]:
    """A period starting within two weeks without its notice to the chief shop steward (§16)."""
    notified = StewardNotice.objects.filter(period=OuterRef("pk"))
    rows = (
        _my_periods(viewer)
        .filter(
            status=PeriodStatus.PLANNED,
            starts_on__lte=today + dt.timedelta(days=NOTICE_WARNING_DAYS),
        )
        .exclude(Exists(notified))
    )
    label = _("The chief shop steward has not been notified before the start")
    return [_item("steward_notice", label, p, p.starts_on) for p in rows]


def periods_starting(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = _my_periods(viewer).filter(
        status=PeriodStatus.PLANNED,
        starts_on__gte=today,
        starts_on__lte=today + dt.timedelta(days=START_WARNING_DAYS),
    )
    label = _("A work-activity period starts this week")
    return [_item("period_starts", label, p, p.starts_on) for p in rows]


def introductory_periods_ending(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = _my_periods(viewer).filter(
        kind=PeriodKind.INTRODUCTORY,
        status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE],
        ends_on__lte=today + dt.timedelta(days=INTRODUCTORY_END_WARNING_DAYS),
    )
    label = _("The introductory period ends: continue to the full period or back to mapping")
    return [_item("introductory_ends", label, p, p.ends_on) for p in rows]


def decisions_to_make(viewer: User, today: dt.date) -> list[WorkItem]:
    """Drafts waiting for the viewer as their decision maker (SPEC §2: decisions awaiting
    signature)."""
    rows = Decision.objects.filter(
        decision_maker=viewer,
        status=DecisionStatus.DRAFT,
        relationship__ended_on__isnull=True,
    ).select_related("relationship__client")
    label = _("A decision awaits your signature")
    return [
        WorkItem(
            "decision",
            label,
            d.relationship.client_id,
            f"{d.relationship.client.last_name} {d.relationship.client.first_name}",
            reverse("placements:decision", args=[d.pk]),
            d.created_at.date(),
            basis=DECISION_MAKER,
        )
        for d in rows
    ]


def register() -> None:
    workqueue.register(
        decisions_to_make, notices_missing, periods_starting, introductory_periods_ending
    )
