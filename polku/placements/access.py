"""Access to placement records, each a few lines over the one access core
(:func:`polku.clients.access.access_record`)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from polku.accounts.models import User
from polku.clients.access import access_record, visible_through
from polku.placements.models import Decision, Period


def access_period(user: User | AnonymousUser, period_id: int, *, what: str) -> Period:
    rows = Period.objects.filter(visible_through(user)).select_related(
        "relationship__client", "relationship__unit", "place"
    )
    return access_record(
        user, rows, period_id, client_of=lambda p: p.relationship.client, what=what
    )


def access_decision(user: User | AnonymousUser, decision_id: int, *, what: str) -> Decision:
    """A decision of a relationship the user may see (the decision maker it is assigned to has
    that basis, ``decision_maker``); 404 otherwise."""
    rows = Decision.objects.filter(visible_through(user)).select_related(
        "relationship__client",
        "relationship__unit",
        "relationship__responsible_worker",
        "period__place",
        "decision_maker",
        "drafted_by",
    )
    return access_record(
        user, rows, decision_id, client_of=lambda d: d.relationship.client, what=what
    )
