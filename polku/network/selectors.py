"""Reads of the service network, each logged (no client: the network is no client's data;
a partner names a contact person)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from polku.accounts.models import User
from polku.accounts.roles import Capability, has_capability
from polku.audit import services as audit
from polku.clients.models import Client
from polku.core import clock
from polku.network import servicemap
from polku.network.access import PLACE, require_reader
from polku.network.events import NetworkRead
from polku.network.models import Opportunity, Partner


@dataclass
class MapPage:
    entries: list[servicemap.MapEntry]
    shown: list[servicemap.MapEntry]
    fields: list[str]
    municipalities: list[str]


def service_map(*, viewer: User | AnonymousUser) -> list[servicemap.MapEntry]:
    """Every entry of the map for today (the desk and those who manage the network; 403 for
    others); the read is logged once. Someone without the worker's desk (a manager, the
    administrator) gets no link to the pages of the desk (the place catalogue, a group): a
    partner's and its opportunities' links stay, they read those."""
    basis = require_reader(viewer)
    entries = servicemap.gather(clock.today())
    if not has_capability(viewer, Capability.USE_WORKER_DESK):
        entries = [e if e.source == "partner" else replace(e, url="") for e in entries]
    audit.record_access(actor=viewer, client=None, what=NetworkRead.SERVICE_MAP, basis=basis)
    return entries


def partners(*, viewer: User | AnonymousUser, include_inactive: bool = False) -> list[Partner]:
    """The partners with the number of their opportunities open now: started (today or
    earlier) and not ended (one query)."""
    basis = require_reader(viewer)
    rows = Partner.objects.all() if include_inactive else Partner.objects.active()
    today = clock.today()
    result: list[Partner] = list(
        rows.select_related("municipality")
        .annotate(
            current_count=Count(
                "opportunities",
                filter=Q(opportunities__starts_on__lte=today)
                & (Q(opportunities__ends_on__isnull=True) | Q(opportunities__ends_on__gte=today)),
            )
        )
        .order_by("name", "pk")
    )
    audit.record_access(actor=viewer, client=None, what=NetworkRead.PARTNERS, basis=basis)
    return result


def partner_opportunities(*, partner: Partner) -> list[Opportunity]:
    return list(partner.opportunities.select_related("municipality").order_by("-starts_on", "pk"))


def _listed(rows: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return rows.select_related("partner__municipality", "municipality").order_by(
        "starts_on", "title", "pk"
    )


def opportunities(
    *, viewer: User | AnonymousUser, kind: str = "", include_ended: bool = False
) -> list[Opportunity]:
    """The workers' list: the current opportunities (ended ones too when asked), one query."""
    basis = require_reader(viewer)
    rows = (
        Opportunity.objects.all() if include_ended else Opportunity.objects.current(clock.today())
    )
    if kind:
        rows = rows.filter(kind=kind)
    result = list(_listed(rows))
    audit.record_access(actor=viewer, client=None, what=NetworkRead.OPPORTUNITIES, basis=basis)
    return result


def public_opportunities(
    *, viewer: User | AnonymousUser, client: Client | None = None
) -> list[Opportunity]:
    """The current public opportunities, for OmaPolku (``client``: the reader themself, whose
    read ``access_own_client`` logged with the basis ``self``) or for showing at a place (logged
    here with the basis ``place_supervisor``)."""
    result = list(_listed(Opportunity.objects.current(clock.today()).public()))
    if client is None:
        audit.record_access(
            actor=viewer, client=None, what=NetworkRead.PLACE_OPPORTUNITIES, basis=PLACE
        )
    return result


def current_version(model: type[Partner] | type[Opportunity], pk: int) -> int:
    """The stored version of a partner or opportunity, for a form refused as a stale edit."""
    return int(model.objects.values_list("version", flat=True).get(pk=pk))
