"""Facts of a period and a relationship that the services, the checks and the pages share:
participation days, the last recorded day, the current end. Plain reads, not logged (the
caller has resolved the record through an access helper or is a service)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from polku.attendance.models import AttendanceDay, DayStatus
from polku.clients.models import ClientRelationship
from polku.closure.models import Certificate, CertificateStatus, FollowUpPlan, RelationshipEnd
from polku.placements.models import Period, PeriodKind, PeriodStatus


def participation_days(period: Period) -> int:
    """The days the client took part: the period's days recorded present (SPEC §4)."""
    return AttendanceDay.objects.filter(period=period, status=DayStatus.PRESENT).count()


def last_recorded_day(
    *, period: Period | None = None, relationship: ClientRelationship | None = None
) -> dt.date | None:
    rows = AttendanceDay.objects.all()
    if period is not None:
        rows = rows.filter(period=period)
    if relationship is not None:
        rows = rows.filter(relationship=relationship)
    day: dt.date | None = rows.aggregate(last=Max("day"))["last"]
    return day


def full_periods(relationship: ClientRelationship) -> list[Period]:
    """The relationship's full periods that were not cancelled, latest first."""
    return list(
        Period.objects.filter(relationship=relationship, kind=PeriodKind.FULL)
        .exclude(status=PeriodStatus.CANCELLED)
        .select_related("place")
        .order_by("-starts_on", "-pk")
    )


def certificate_of(period: Period) -> Certificate | None:
    return Certificate.objects.filter(period=period).first()


def follow_up_plan_of(period: Period) -> FollowUpPlan | None:
    return FollowUpPlan.objects.filter(period=period).first()


def given(certificate: Certificate | None) -> bool:
    return certificate is not None and certificate.status == CertificateStatus.GIVEN


def current_end(relationship: ClientRelationship) -> RelationshipEnd | None:
    """The end that holds: the latest one not undone by a reopening."""
    return (
        RelationshipEnd.objects.filter(relationship=relationship, reopened_on__isnull=True)
        .order_by("-ended_on", "-pk")
        .first()
    )
