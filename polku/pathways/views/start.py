"""Start pages: the worker's work queue (Tänään) and the official's joint plans."""

from __future__ import annotations

from django.http import HttpResponse

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.accounts.views import start_context
from polku.core.htmx import render_page
from polku.pathways import selectors, workqueue
from polku.pathways.access import access_joint_plan


def today(request: AuthedRequest) -> HttpResponse:
    """Tänään: the work queue derived from the data; the worker's start page."""
    require_role(request.user, Role.WORKER, Role.DECISION_MAKER)
    items = workqueue.work_queue(viewer=request.user)
    context = start_context(request.user) | {"items": items}
    return render_page(request, "pathways/today.html", context=context)


def joint_plans(request: AuthedRequest) -> HttpResponse:
    """The employment-authority official's start page: joint plans where they are a party."""
    require_role(request.user, Role.EMPLOYMENT_OFFICIAL)
    rows = selectors.joint_plans_page(viewer=request.user)
    context = start_context(request.user) | {"plans": rows}
    return render_page(request, "pathways/joint_plans.html", context=context)


def joint_plan(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """One joint plan, read-only."""
    plan = access_joint_plan(request.user, plan_id)
    return render_page(
        request, "pathways/joint_plan.html", context=selectors.joint_plan_page(plan=plan)
    )
