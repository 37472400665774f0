"""Access to a relationship's eligibility page, a few lines over the one access core: the
responsible worker (or a colleague covering), and a decision maker with a basis (a decision of
the relationship assigned to them)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from polku.accounts.models import User
from polku.accounts.roles import Capability, has_capability
from polku.clients.access import access_record, is_caseworker, visible_relationships
from polku.clients.models import ClientRelationship


def access_eligibility(
    user: User | AnonymousUser, relationship_id: int, *, what: str
) -> ClientRelationship:
    rows = ClientRelationship.objects.filter(pk__in=visible_relationships(user)).select_related(
        "client", "unit", "responsible_worker"
    )
    return access_record(user, rows, relationship_id, client_of=lambda r: r.client, what=what)


def require_assessor(actor: User, relationship: ClientRelationship) -> None:
    """Who records the inputs: the responsible worker or a colleague covering, and a decision
    maker who has a basis on the relationship (403 for anyone else)."""
    if is_caseworker(actor, relationship):
        return
    if (
        has_capability(actor, Capability.MAKE_DECISIONS)
        and ClientRelationship.objects.visible_to(actor).filter(pk=relationship.pk).exists()
    ):
        return
    raise PermissionDenied
