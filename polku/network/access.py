"""Access to the service network's records (docs/subsystems/permissions.md).

Partners and opportunities are no client's data, but a partner names a contact person, so every
read is logged like a client read (without a client): who, what, which record and on what basis.
Question 1 (403) is the capability: the worker's desk or managing the network reads; managing
writes. Question 2 (404) is whether the record exists: the network is the organiser's, one for
every unit, so there is no narrower rule.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from polku.accounts.models import User
from polku.accounts.roles import Capability, has_capability
from polku.audit import services as audit
from polku.network.models import Opportunity, Partner

READERS = (Capability.USE_WORKER_DESK, Capability.MANAGE_NETWORK)
WORKER = "worker_desk"
MANAGER = "network_manager"
PLACE = "place_supervisor"
SELF = "self"


def require_reader(user: User | AnonymousUser) -> str:
    """403 unless the user reads the network as staff; returns the basis logged with the read."""
    if has_capability(user, Capability.MANAGE_NETWORK):
        return MANAGER
    if has_capability(user, Capability.USE_WORKER_DESK):
        return WORKER
    raise PermissionDenied


def can_manage(user: User | AnonymousUser) -> bool:
    return has_capability(user, Capability.MANAGE_NETWORK)


def access_partner(
    user: User | AnonymousUser, partner_id: int, *, what: str, manage: bool = False
) -> Partner:
    """A partner, or the one 404; the read is logged with its basis."""
    basis = require_reader(user)
    if manage and not can_manage(user):
        raise PermissionDenied
    partner = Partner.objects.select_related("municipality").filter(pk=partner_id).first()
    if partner is None:
        raise Http404
    audit.record_access(actor=user, client=None, what=what, basis=basis, record=partner)
    return partner


def access_opportunity(
    user: User | AnonymousUser, opportunity_id: int, *, what: str, manage: bool = False
) -> Opportunity:
    """An opportunity (ended ones too, for staff), or the one 404; the read is logged."""
    basis = require_reader(user)
    if manage and not can_manage(user):
        raise PermissionDenied
    opportunity = (
        Opportunity.objects.select_related("partner__municipality", "municipality")
        .filter(pk=opportunity_id)
        .first()
    )
    if opportunity is None:
        raise Http404
    audit.record_access(actor=user, client=None, what=what, basis=basis, record=opportunity)
    return opportunity
