"""The bases of the one visibility rule this app adds (``clients.models.register_basis``):
the decision maker a decision is assigned to, and the supervisor of the place where the
client's period is under way (SPEC §1). Registered from ``PlacementsConfig.ready()``."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from polku.accounts.models import RoleAssignment, User
from polku.accounts.roles import Role
from polku.clients.models import register_basis
from polku.core import clock
from polku.placements.models import Decision, Period, PeriodStatus

DECISION_MAKER = "decision_maker"
PLACE_SUPERVISOR = "place_supervisor"


def decision_maker_q(user: User) -> Q:
    return Q(pk__in=Decision.objects.filter(decision_maker=user).values("relationship_id"))


def active_periods_at_places_of(user: User) -> QuerySet[Period]:
    """Periods under way today at the places ``user`` supervises: during the period only."""
    today = clock.today()
    return Period.objects.filter(
        place_id__in=RoleAssignment.objects.filter(user=user, role=Role.PLACE_SUPERVISOR).values(
            "unit_id"
        ),
        status__in=[PeriodStatus.PLANNED, PeriodStatus.ACTIVE],
        starts_on__lte=today,
        ends_on__gte=today,
    )


def place_supervisor_q(user: User) -> Q:
    return Q(pk__in=active_periods_at_places_of(user).values("relationship_id"))


def register() -> None:
    register_basis(DECISION_MAKER, decision_maker_q)
    register_basis(PLACE_SUPERVISOR, place_supervisor_q)
