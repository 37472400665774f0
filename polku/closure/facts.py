"""Facts of a period and a relationship that the services, the checks and the pages share:
participation days, the last recorded day, the current end. Plain reads, not logged (the
caller has resolved the record through an access helper or is a service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q

from polku.attendance.models import AttendanceDay, DayStatus
from polku.clients.models import ClientRelationship
from polku.closure.models import Certificate, CertificateStatus, FollowUpPlan, RelationshipEnd
from polku.evaluation.models import Evaluation, EvaluationKind, EvaluationStatus
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


def final_evaluation_on(period: Period) -> dt.date | None:
    """The day the period's final evaluation was finished at the joint meeting, if it was."""
    day: dt.date | None = (
        Evaluation.objects.filter(
            period=period, kind=EvaluationKind.FINAL, status=EvaluationStatus.FINISHED
        )
        .values_list("met_on", flat=True)
        .first()
    )
    return day


def full_periods(relationship: ClientRelationship) -> list[Period]:
    """The relationship's full periods that were not cancelled, latest first."""
    return list(
        Period.objects.filter(relationship=relationship, kind=PeriodKind.FULL)
        .exclude(status=PeriodStatus.CANCELLED)
        .select_related("place")
        .order_by("-starts_on", "-pk")
    )


def full_periods_with_facts(relationship: ClientRelationship) -> list[Period]:
    """:func:`full_periods` with each one's facts in the same query: ``present_days`` (the
    participation days), its certificate (without the stored PDF) and its follow-up plan, as
    ``period.certificate`` / ``period.follow_up_plan`` (or none: :func:`related_or_none`)."""
    present = Count("attendance_days", filter=Q(attendance_days__status=DayStatus.PRESENT))
    return list(
        Period.objects.filter(relationship=relationship, kind=PeriodKind.FULL)
        .exclude(status=PeriodStatus.CANCELLED)
        .select_related("place", "certificate", "follow_up_plan")
        .defer("certificate__document")
        .annotate(present_days=present)
        .order_by("-starts_on", "-pk")
    )


def related_or_none(period: Period, name: str) -> Any:
    """A period's one-to-one row loaded by :func:`full_periods_with_facts`, or None."""
    return getattr(period, name, None)


def periods_without_given_certificate(relationship: ClientRelationship) -> bool:
    """Whether a full period the client took part in has no given certificate (one query)."""
    took_part = AttendanceDay.objects.filter(period=OuterRef("pk"), status=DayStatus.PRESENT)
    given_one = Certificate.objects.filter(period=OuterRef("pk"), status=CertificateStatus.GIVEN)
    return (
        Period.objects.filter(relationship=relationship, kind=PeriodKind.FULL)
        .exclude(status=PeriodStatus.CANCELLED)
        .filter(Exists(took_part))
        .exclude(Exists(given_one))
        .exists()
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
        .select_related("opportunity__partner", "partner", "recorded_by")
        .order_by("-ended_on", "-pk")
        .first()
    )
