"""The responsible worker's pages of S13–S15: the closure page with the follow-up plans, the
end of periods, the end of the relationship, the follow-up contact and reopening."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients.models import ClientRelationship
from polku.closure import facts, selectors, services
from polku.closure.access import access_closure
from polku.closure.events import ClosureRead
from polku.closure.forms import (
    CallForm,
    EndForm,
    FollowUpPlanForm,
    NewRelationshipForm,
    PeriodEndForm,
    ReopenForm,
)
from polku.closure.models import FollowUpPlan
from polku.core import clock
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.placements.access import access_period


def _page(
    request: AuthedRequest, relationship: ClientRelationship, **forms: object
) -> HttpResponse:
    context = selectors.closure_page(relationship=relationship)
    context["end_form"] = forms.get("end_form") or EndForm(
        initial={
            "version": relationship.version,
            "ended_on": clock.today(),
            **selectors.end_initial(context["rows"]),
        }
    )
    context["call_form"] = forms.get("call_form") or CallForm(initial={"called_on": clock.today()})
    context["reopen_form"] = forms.get("reopen_form") or ReopenForm(
        initial={"version": relationship.version}, prefix="reopen"
    )
    context["new_form"] = forms.get("new_form") or NewRelationshipForm(prefix="new")
    return render_page(request, "closure/closure.html", context=context)


def closure(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Certificates, follow-up plans, the end and the follow-up contact of one relationship."""
    relationship = access_closure(request.user, relationship_id, what=ClosureRead.CLOSURE)
    return _page(request, relationship)


def follow_up_plan(request: AuthedRequest, period_id: int) -> HttpResponse:
    """Make or edit a period's follow-up plan (jatkosuunnitelma)."""
    period = access_period(request.user, period_id, what=ClosureRead.CLOSURE)
    plan = facts.follow_up_plan_of(period)
    form = FollowUpPlanForm(request.POST or None, initial=_plan_initial(plan))
    end_form = PeriodEndForm(initial={"version": period.version, "ended_on": period.ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_plan_save(actor=request.user, period=period, **form.cleaned_data)
        except EditConflict as error:
            form.add_error(None, error)
            if plan is not None:
                form.data = with_version(form.data, selectors.stored_version(plan))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up plan was saved."))
            return redirect("closure:closure", period.relationship_id)
    return render_page(
        request,
        "closure/follow_up_plan.html",
        context={"period": period, "plan": plan, "form": form, "end_form": end_form},
    )


def _plan_initial(plan: FollowUpPlan | None) -> dict[str, object]:
    """The plan form's values: the stored plan's, or nothing (no destination preselected)."""
    if plan is None:
        return {}
    return {
        "destination": plan.destination,
        "destination_detail": plan.destination_detail,
        "next_step": plan.next_step,
        "next_on": plan.next_on,
        "responsible": plan.responsible,
        "version": plan.version,
    }


@require_POST
def period_end(request: AuthedRequest, period_id: int) -> HttpResponse:
    """End a period normally: refused without a follow-up plan."""
    period = access_period(request.user, period_id, what=ClosureRead.CLOSURE)
    form = PeriodEndForm(request.POST)
    if form.is_valid():
        try:
            services.period_end(actor=request.user, period=period, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The period was ended."))
            return redirect("closure:closure", period.relationship_id)
    plan = facts.follow_up_plan_of(period)
    return render_page(
        request,
        "closure/follow_up_plan.html",
        context={
            "period": period,
            "plan": plan,
            "form": FollowUpPlanForm(initial=_plan_initial(plan)),
            "end_form": form,
        },
    )


@require_POST
def relationship_end(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """S14: end the relationship with its destination."""
    relationship = access_closure(request.user, relationship_id, what=ClosureRead.CLOSURE)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.relationship_end(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(relationship))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The client relationship has ended."))
            return redirect("closure:closure", relationship.pk)
    return _page(request, relationship, end_form=form)


def follow_up_call(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """S15: record the follow-up contact one month after the end (GET shows the page)."""
    relationship = access_closure(request.user, relationship_id, what=ClosureRead.CLOSURE)
    if request.method != "POST":
        return _page(request, relationship)
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_call_record(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up contact was recorded."))
            return redirect("closure:closure", relationship.pk)
    return _page(request, relationship, call_form=form)


@require_POST
def reopen(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_closure(request.user, relationship_id, what=ClosureRead.CLOSURE)
    form = ReopenForm(request.POST, prefix="reopen")
    if form.is_valid():
        try:
            services.relationship_reopen(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(relationship))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The client relationship was reopened."))
            return redirect("clients:detail", relationship.client_id)
    return _page(request, relationship, reopen_form=form)


@require_POST
def relationship_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_closure(request.user, relationship_id, what=ClosureRead.CLOSURE)
    form = NewRelationshipForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.relationship_new(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("A new client relationship was opened."))
            return redirect("clients:detail", relationship.client_id)
    return _page(request, relationship, new_form=form)
