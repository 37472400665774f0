"""The placements app's work-queue items (SPEC §2 "Work queue"), registered with
:func:`polku.pathways.workqueue.register` from ``PlacementsConfig.ready()``. Each answers one
question with one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
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


def _my_periods(viewer: User) -> list[Period]:
    """Every period of the viewer's open relationships, with whether its notice to the chief
    shop steward was given: one read for the three period items below."""

    def load() -> list[Period]:
        notified = StewardNotice.objects.filter(period=OuterRef("pk"))
        return list(
            Period.objects.filter(
                relationship__responsible_worker=viewer, relationship__ended_on__isnull=True
            )
            .select_related("relationship__client")
            # What the three items read, not whole rows (docs/performance.md, "Work queue and
            # long-history client, 3 December (afternoon)").
            .only(
                "relationship_id",
                "kind",
                "status",
                "starts_on",
                "ends_on",
                "relationship__client__last_name",
                "relationship__client__first_name",
            )
            .annotate(notified=Exists(notified))
        )

    return workqueue.shared(("placements.my_periods", viewer.pk), load)


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
    rows = [
        p
        for p in _my_periods(viewer)
        if p.status == PeriodStatus.PLANNED
        and p.starts_on <= today + dt.timedelta(days=NOTICE_WARNING_DAYS)
        and not getattr(p, "notified", False)
    ]
    label = _("The chief shop steward has not been notified before the start")
    return [_item("steward_notice", label, p, p.starts_on) for p in rows]


def periods_starting(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = [
        p
        for p in _my_periods(viewer)
        if p.status == PeriodStatus.PLANNED
        and today <= p.starts_on <= today + dt.timedelta(days=START_WARNING_DAYS)
    ]
    label = _("A work-activity period starts this week")
    return [_item("period_starts", label, p, p.starts_on) for p in rows]


def introductory_periods_ending(viewer: User, today: dt.date) -> list[WorkItem]:
    rows = [
        p
        for p in _my_periods(viewer)
        if p.kind == PeriodKind.INTRODUCTORY
        and p.status in (PeriodStatus.PLANNED, PeriodStatus.ACTIVE)
        and p.ends_on <= today + dt.timedelta(days=INTRODUCTORY_END_WARNING_DAYS)
    ]
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
