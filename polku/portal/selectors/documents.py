"""The client's own documents (SPEC §6 "my certificate and decisions (PDF), the info
package"): decisions with their appeal deadline, the plan, the info packages and the given
certificates, of open and ended relationships alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch

from polku.clients.models import Client, Recipient
from polku.closure.models import Certificate, CertificateStatus
from polku.core import clock
from polku.core.documents import client_document_language
from polku.core.rules import weekday_words
from polku.pathways import selectors as pathway_selectors
from polku.pathways.models import ActivationPlan
from polku.pathways.services.disclosures import plan_copy_for
from polku.placements import selectors as placement_selectors
from polku.placements.documents import info_package_context
from polku.placements.models import Decision, DecisionStatus, Delivery, Period
from polku.placements.services.decisions import decision_deadline
from polku.portal.selectors.days import current_periods, decided_periods
from polku.portal.selectors.start import place_contacts, worker_contact


@dataclass(frozen=True)
class OwnDecision:
    """A decision made on the client, with the last day to ask for its correction (None until
    the decision has been sent or handed over: the deadline runs from the notification), and
    the period's actual end when it is no longer the decided one (``actual_end``; ``ended``
    when that day has come). ``deadline_passed``: the deadline was before today."""

    decision: Decision
    deadline: dt.date | None
    actual_end: dt.date | None = None
    ended: bool = False
    deadline_passed: bool = False


def _own(decision: Decision, deadline: dt.date | None) -> OwnDecision:
    actual_end = decision.period_end_changed
    today = clock.today()
    return OwnDecision(
        decision,
        deadline,
        actual_end=actual_end,
        ended=actual_end is not None and actual_end <= today,
        deadline_passed=deadline is not None and deadline < today,
    )


def own_decisions(client: Client) -> list[OwnDecision]:
    """The decisions made on the client, of every relationship of theirs, newest first."""
    rows = (
        Decision.objects.filter(relationship__client=client, status=DecisionStatus.DECIDED)
        .select_related("period__place", "decision_maker")
        .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.order_by("pk")))
        .order_by(F("decided_on").desc(nulls_last=True), "-pk")
    )
    result = []
    for decision in rows:
        found = decision_deadline(decision)
        result.append(_own(decision, found.deadline if found else None))
    return result


def own_plans(client: Client) -> list[ActivationPlan]:
    """The current plan (the latest signed version) of each of the client's relationships,
    newest relationship first."""
    rows = (
        ActivationPlan.objects.signed()
        .filter(relationship__client=client)
        .select_related("relationship")
        .order_by("-relationship__started_on", "-relationship_id", "-number")
    )
    latest: dict[int, ActivationPlan] = {}
    for plan in rows:
        latest.setdefault(plan.relationship_id, plan)
    return list(latest.values())


def own_periods(client: Client) -> list[Period]:
    """The client's decided work-activity periods (each has an info package), newest first."""
    return list(decided_periods().filter(relationship__client=client).order_by("-starts_on", "-pk"))


def documents_page(*, client: Client) -> dict[str, Any]:
    """My documents: decisions with their appeal deadline, given certificates, the plan and
    the info package of each period, of open and ended relationships alike. Six queries."""
    return {
        "person": client,
        # The decisions, the plan and the info packages are in the client's language (the
        # certificates in their own); the page says it when it is not the page's.
        "document_language": client_document_language(client.language),
        "decisions": own_decisions(client),
        "certificates": list(
            Certificate.objects.filter(
                period__relationship__client=client, status=CertificateStatus.GIVEN
            )
            .select_related("period__place")
            .order_by("-given_on", "-pk")
        ),
        "plans": own_plans(client),
        "periods": own_periods(client),
    }


def decision_page(*, decision: Decision) -> dict[str, Any]:
    """One decision in plain words: what was decided, by whom and when, the deadline for a
    request for correction, and the appeal instructions it was made with, in the viewer's
    language (the instructions exist in Finnish, Swedish and English)."""
    from django.utils.translation import get_language

    found = decision_deadline(decision)
    language = (get_language() or "fi")[:2]
    version = decision.appeal_text_version or "2026-1"
    own = _own(decision, found.deadline if found else None)
    return {
        "decision": decision,
        "document_language": client_document_language(decision.relationship.client.language),
        "own": own,
        "deadline": own.deadline,
        "notified_on": found.notified_on if found else None,
        "appeal_template": (
            f"placements/legal/appeal_{version}_{language if language in ('fi', 'sv') else 'en'}"
            ".html"
        ),
    }


def decision_document(*, decision: Decision) -> dict[str, Any]:
    """The decision PDF's context when no made document is stored (as the worker's)."""
    language = client_document_language(decision.relationship.client.language)
    return placement_selectors.decision_document_context(decision=decision, language=language)


def plan_document(*, plan: ActivationPlan) -> dict[str, Any]:
    """The plan PDF as the client's own copy gets it (``plan_copy_for``: everything)."""
    return pathway_selectors.plan_document(plan=plan, copy=plan_copy_for(plan, Recipient.CLIENT))


def info_package_page(*, period: Period) -> dict[str, Any]:
    """The info package of the period in plain words: the rules, breaks, absences,
    compensation and whom to contact (the same facts as its PDF, ``info_package_context``)."""
    relationship = period.relationship
    author = relationship.responsible_worker or period.author
    facts = info_package_context(period=period, author=author, recipient="client")
    current = current_periods(relationship.client)
    return {
        "period": period,
        "document_language": client_document_language(relationship.client.language),
        "facts": facts,
        "weekdays": weekday_words(period.weekday_numbers),
        "worker": worker_contact(relationship),
        "place_people": place_contacts(period),
        "has_days": any(p.pk == period.pk for p in current),
    }


def info_package_document(*, period: Period) -> dict[str, Any]:
    """The info package PDF's context for the client, as the worker prints it, with the
    worker's direct phone when they have one (as the page gives it; else the office's
    number, named as the office's)."""
    author = period.relationship.responsible_worker or period.author
    context = info_package_context(period=period, author=author, recipient="client")
    worker = worker_contact(period.relationship)
    if worker is not None and not worker.office_phone:
        context["worker_phone"] = worker.phone
    return context
