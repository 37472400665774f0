"""The closure app's work-queue items (SPEC §2 "Work queue"), registered with
:func:`polku.pathways.workqueue.register` from ``ClosureConfig.ready()``. Derived on every
request, never stored; each answers one question with one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.attendance.models import AttendanceDay, DayStatus
from polku.closure.models import (
    CONCLUDING_OUTCOMES,
    Certificate,
    CertificateStatus,
    FollowUpCall,
    FollowUpPlan,
    RelationshipEnd,
)
from polku.closure.rules import call_again_on, call_due_on
from polku.core.rules import add_months, day_label
from polku.pathways import workqueue
from polku.pathways.workqueue import WorkItem
from polku.placements.models import Period, PeriodKind, PeriodStatus

# Reminders start this many days before the period's planned end.
END_WARNING_DAYS = 14


def _my_full_periods(viewer: User, today: dt.date) -> list[Period]:
    """The full periods of the viewer's open relationships ending within two weeks or ended,
    not cancelled, with what the two items below ask of each: one read for both."""

    def load() -> list[Period]:
        took_part = AttendanceDay.objects.filter(period=OuterRef("pk"), status=DayStatus.PRESENT)
        given = Certificate.objects.filter(period=OuterRef("pk"), status=CertificateStatus.GIVEN)
        planned = FollowUpPlan.objects.filter(period=OuterRef("pk"))
        later = Period.objects.filter(
            relationship=OuterRef("relationship"),
            kind=PeriodKind.FULL,
            starts_on__gt=OuterRef("ends_on"),
        ).exclude(status=PeriodStatus.CANCELLED)
        return list(
            Period.objects.filter(
                relationship__responsible_worker=viewer,
                relationship__ended_on__isnull=True,
                kind=PeriodKind.FULL,
                ends_on__lte=today + dt.timedelta(days=END_WARNING_DAYS),
            )
            .exclude(status=PeriodStatus.CANCELLED)
            .select_related("relationship__client")
            # What the two items read, not whole rows (docs/performance.md, "Work queue and
            # long-history client, 3 December (afternoon)").
            .only(
                "relationship_id",
                "ends_on",
                "relationship__client__last_name",
                "relationship__client__first_name",
            )
            .annotate(
                took_part=Exists(took_part),
                certificate_given=Exists(given),
                follow_up_planned=Exists(planned),
                later_period=Exists(later),
            )
        )

    return workqueue.shared(("closure.my_full_periods", viewer.pk, today), load)


def _item(kind: str, label: str, period: Period) -> WorkItem:
    client = period.relationship.client
    return WorkItem(
        kind,
        label,
        client.pk,
        f"{client.last_name} {client.first_name}",
        reverse("closure:closure", args=[period.relationship_id]),
        period.ends_on,
    )


def certificates_not_given(viewer: User, today: dt.date) -> list[WorkItem]:
    """A period the client took part in, ending within two weeks or ended, whose certificate
    has not been given: the queue reminds until it is (SPEC §5)."""
    rows = [
        p
        for p in _my_full_periods(viewer, today)
        if getattr(p, "took_part", False) and not getattr(p, "certificate_given", False)
    ]
    label = _("The certificate has not been given")
    return [_item("certificate", label, p) for p in rows]


def follow_up_plans_missing(viewer: User, today: dt.date) -> list[WorkItem]:
    """The client's latest period ends within two weeks (or has ended) without a follow-up
    plan ("not sent home to wait")."""
    rows = [
        p
        for p in _my_full_periods(viewer, today)
        if not getattr(p, "follow_up_planned", False) and not getattr(p, "later_period", False)
    ]
    label = _("The period ends without a follow-up plan")
    return [_item("follow_up_plan", label, p) for p in rows]


def calls_due(viewer: User, today: dt.date) -> list[WorkItem]:
    """The follow-up contact one month after the end has come and is not concluded (S15): no
    attempt yet, or the client was not reached and is called again a few working days after
    the last attempt (``rules.call_again_on``), until one attempt reaches them or the worker
    records that no more attempts will be made."""
    concluded = FollowUpCall.objects.filter(end=OuterRef("pk"), outcome__in=CONCLUDING_OUTCOMES)
    last_attempt = (
        FollowUpCall.objects.filter(end=OuterRef("pk")).order_by("-called_on").values("called_on")
    )
    # A month back, plus a few days for the months' different lengths; the exact due date is
    # decided below (31.1 + 1 month = 28.2).
    rows = (
        RelationshipEnd.objects.filter(
            relationship__responsible_worker=viewer,
            relationship__ended_on__isnull=False,
            reopened_on__isnull=True,
            ended_on__lte=add_months(today, -1) + dt.timedelta(days=3),
        )
        .exclude(Exists(concluded))
        .annotate(last_attempt=Subquery(last_attempt[:1]))
        .select_related("relationship__client")
    )
    first = _("The follow-up contact one month after the end is due")
    items = []
    for end in rows:
        tried: dt.date | None = end.last_attempt
        due = call_again_on(tried) if tried else call_due_on(end.ended_on)
        if due > today:
            continue
        client = end.relationship.client
        items.append(
            WorkItem(
                "follow_up_call_again" if tried else "follow_up_call",
                _("Call again: the client was not reached at the follow-up contact on %(date)s")
                % {"date": day_label(tried)}
                if tried
                else first,
                client.pk,
                f"{client.last_name} {client.first_name}",
                reverse("closure:follow_up_call", args=[end.relationship_id]),
                due,
            )
        )
    return items


def register() -> None:
    workqueue.register(certificates_not_given, follow_up_plans_missing, calls_due)
