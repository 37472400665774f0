"""Reads for the closure pages: each page's facts from one context builder; lists scoped to
the viewer in SQL and logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from polku.accounts.models import User
from polku.audit import services as audit
from polku.clients.models import Client, ClientRelationship, Stage
from polku.closure import checks, facts, hooks, rules
from polku.closure.access import PLACE_SUPERVISOR, supervised_periods
from polku.closure.events import ClosureRead
from polku.closure.models import (
    CONCLUDING_OUTCOMES,
    Certificate,
    CertificateStatus,
    FollowUpCall,
    FollowUpPlan,
    RelationshipEnd,
)
from polku.closure.services import default_language
from polku.core import clock
from polku.core.rules import day_label
from polku.placements.models import (
    IntroductoryVisit,
    Period,
    PeriodStatus,
    PlaceProfile,
    VisitStatus,
)


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    participation_days: int
    certificate: Certificate | None
    plan: FollowUpPlan | None

    @property
    def ended(self) -> bool:
        return self.period.status == PeriodStatus.ENDED


def period_rows(relationship: ClientRelationship) -> list[PeriodRow]:
    """The relationship's full periods with their facts, in one query whatever their number."""
    return [
        PeriodRow(
            period=p,
            participation_days=p.present_days,  # type: ignore[attr-defined]
            certificate=facts.related_or_none(p, "certificate"),
            plan=facts.related_or_none(p, "follow_up_plan"),
        )
        for p in facts.full_periods_with_facts(relationship)
    ]


def closure_page(*, relationship: ClientRelationship) -> dict[str, Any]:
    """The worker's page of S13–S15: each period's certificate and follow-up plan, the end
    with what it will do, the follow-up contact, and reopening."""
    end = facts.current_end(relationship)
    today = clock.today()
    ended_earlier = list(
        RelationshipEnd.objects.filter(relationship=relationship, reopened_on__isnull=False)
    )
    calls: list[FollowUpCall] = list(end.calls.select_related("recorded_by")) if end else []
    concluded = any(call.outcome in CONCLUDING_OUTCOMES for call in calls)
    # calls are newest first: a client not reached is called again a few working days later.
    next_call_on = (
        None
        if end is None or concluded
        else rules.call_again_on(calls[0].called_on)
        if calls
        else rules.call_due_on(end.ended_on)
    )
    at_s13 = relationship.stage == Stage.S13_CERTIFICATE
    rows = period_rows(relationship)
    # What the end still needs besides its own record (the form below records that): the
    # certificates and the follow-up plan, and a period still running (the end cannot be
    # before its last day, nor in the future: ``ending.end_bounds``).
    missing = (
        checks.certificates_given(relationship)
        + checks.follow_up_plan_made(relationship)
        + [
            _(
                "The period at %(place)s runs until %(date)s: end the period first (on its "
                "follow-up plan's page), or end the relationship once the period has ended."
            )
            % {"place": row.period.place.display_name, "date": day_label(row.period.ends_on)}
            for row in rows
            if row.period.ends_on > today
        ]
        if at_s13 and relationship.is_open
        else []
    )
    return {
        "relationship": relationship,
        "rows": rows,
        "end": end,
        "ended_earlier": ended_earlier,
        "calls": calls,
        "call_due_on": rules.call_due_on(end.ended_on) if end else rules.call_due_on(today),
        "call_is_due": end is not None
        and not concluded
        and rules.call_due_on(end.ended_on) <= today,
        "call_concluded": concluded,
        "next_call_on": next_call_on,
        "can_end": at_s13 and relationship.is_open,
        "missing_to_end": missing,
        "is_latest": _is_latest(relationship),
    }


def end_initial(rows: list[PeriodRow]) -> dict[str, str]:
    """The end form's destination as the follow-up plan of the latest period that has one
    says (``rows`` latest first), for the worker to confirm or change; none without a plan."""
    plan = next((row.plan for row in rows if row.plan is not None), None)
    if plan is None:
        return {}
    return {"destination": plan.destination, "destination_detail": plan.destination_detail}


def _is_latest(relationship: ClientRelationship) -> bool:
    latest = relationship.client.relationships.order_by("-started_on", "-pk").first()
    return latest is not None and latest.pk == relationship.pk


def certificate_initial(period: Period) -> dict[str, Any]:
    """The draft of a new certificate: the period's tasks (or the tasks agreed at the
    introductory visit), the place's evaluation when an app offers it (``hooks``), the place's
    contact person as the signer, in the client's language."""
    visit = (
        IntroductoryVisit.objects.filter(
            relationship=period.relationship, place=period.place, status=VisitStatus.RECORDED
        )
        .order_by("-pk")
        .first()
    )
    profile = PlaceProfile.objects.filter(place=period.place).first()
    initial: dict[str, Any] = {
        "language": default_language(period),
        "tasks_done": period.tasks or (visit.agreed_tasks if visit else ""),
        "signer_name": profile.contact_name if profile else "",
    }
    initial.update(hooks.evaluation_words(period))
    return initial


def certificate_page(*, period: Period, viewer: User) -> dict[str, Any]:
    certificate = facts.certificate_of(period)
    days = facts.participation_days(period)
    return {
        "period": period,
        "relationship": period.relationship,
        "certificate": certificate,
        "participation_days": days,
        "is_worker": period.relationship.responsible_worker_id == viewer.pk
        or _caseworker(viewer, period.relationship),
        "supervisor_until": period.ends_on + dt.timedelta(days=rules.SUPERVISOR_DAYS_AFTER),
        "given": facts.given(certificate),
    }


def _caseworker(viewer: User, relationship: ClientRelationship) -> bool:
    from polku.clients.access import is_caseworker

    return is_caseworker(viewer, relationship)


def place_certificates(*, viewer: User) -> list[dict[str, Any]]:
    """The place supervisor's certificates to draft: full periods at their places, during the
    period and 30 days after; the client rows shown are logged with the place basis."""
    periods = list(
        supervised_periods(viewer, clock.today())
        .select_related("relationship__client", "place", "certificate")
        .order_by("ends_on", "pk")
    )
    audit.record_access_many(
        actor=viewer,
        client_ids=[p.relationship.client_id for p in periods],
        what=ClosureRead.PLACE_CERTIFICATES,
        basis=PLACE_SUPERVISOR,
    )
    rows = []
    for period in periods:
        certificate = getattr(period, "certificate", None)
        rows.append({"period": period, "certificate": certificate})
    return rows


def own_certificates(*, client: Client) -> list[Certificate]:
    """The client's given certificates (OmaPolku); the read was logged by the access helper."""
    return list(
        Certificate.objects.filter(
            period__relationship__client=client, status=CertificateStatus.GIVEN
        )
        .select_related("period__place")
        .order_by("-given_on", "-pk")
    )


def stored_version(obj: Certificate | FollowUpPlan | Period | ClientRelationship) -> int:
    version: int = (
        type(obj)._default_manager.filter(pk=obj.pk).values_list("version", flat=True).get()
    )
    return version
