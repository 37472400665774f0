"""The activation plan page and the actions on it: contents, options, signatures, refusal,
reflection, visits, the second plan and a correction."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.pathways import selectors, services
from polku.pathways.access import access_option, access_plan
from polku.pathways.events import PathwayRead
from polku.pathways.forms import (
    OptionForm,
    PlanForm,
    ReasonForm,
    ReflectionForm,
    RefusalForm,
    SecondPlanForm,
    SignatureForm,
    VisitForm,
)
from polku.pathways.models import ActivationPlan, PlanSignature


def _say_voided(request: AuthedRequest, before: list[PlanSignature]) -> None:
    """After a change: name the signatures it voided (the service logged them as voided)."""
    voided = selectors.voided(before)
    if voided:
        messages.warning(
            request,
            _("The change voided the signatures of %(parties)s: they sign the changed plan again.")
            % {"parties": selectors.signature_parties(voided)},
        )


def plan_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The activation plan: contents, options, signatures, reflection; POST saves the contents."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.PLAN)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_for(plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = selectors.signatures_at_risk(plan)
        try:
            services.plan_update(actor=request.user, plan=plan, version=data.pop("version"), **data)
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(plan))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            _say_voided(request, before)
            return redirect("pathways:plan", plan.pk)
    return render_page(
        request, "pathways/plan.html", context=selectors.plan_page(plan=plan, form=form)
    )


def _plan_action(
    request: AuthedRequest,
    plan: ActivationPlan,
    form: Any,
    action: Any,
    success: str,
    form_name: str,
) -> HttpResponse:
    """Validate, call the service, and go to the plan it returns (a new version goes to itself)."""
    if form.is_valid():
        before = selectors.signatures_at_risk(plan)
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            _say_voided(request, before)
            target = result if isinstance(result, ActivationPlan) else plan
            return redirect("pathways:plan", target.pk)
    plan.refresh_from_db()
    context = selectors.plan_page(plan=plan, **{form_name: form})
    return render_page(request, "pathways/plan.html", context=context)


@require_POST
def option_add(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.OPTIONS)
    return _plan_action(
        request,
        plan,
        OptionForm(request.POST),
        lambda d: services.option_add(actor=request.user, plan=plan, **d),
        _("The option was added."),
        "option_form",
    )


@require_POST
def option_remove(request: AuthedRequest, option_id: int) -> HttpResponse:
    option = access_option(request.user, option_id, what=PathwayRead.OPTIONS)
    plan = option.plan
    before = selectors.signatures_at_risk(plan)
    try:
        services.option_remove(actor=request.user, option=option)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _say_voided(request, before)
    return redirect("pathways:plan", plan.pk)


@require_POST
def plan_sign(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.SIGNING)
    return _plan_action(
        request,
        plan,
        SignatureForm(request.POST),
        lambda d: services.plan_sign(actor=request.user, plan=plan, **d),
        _("The signature was recorded."),
        "signature_form",
    )


@require_POST
def plan_refuse(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.REFUSAL)
    return _plan_action(
        request,
        plan,
        RefusalForm(request.POST),
        lambda d: services.plan_refuse(actor=request.user, plan=plan, **d),
        _("The refusal was recorded."),
        "refusal_form",
    )


@require_POST
def plan_reflection(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.REFLECTION)
    return _plan_action(
        request,
        plan,
        ReflectionForm(request.POST),
        lambda d: services.plan_reflection(actor=request.user, plan=plan, **d),
        _("The decision date was saved."),
        "reflection_form",
    )


@require_POST
def visit_add(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.VISITS)
    return _plan_action(
        request,
        plan,
        VisitForm(request.POST, plan=plan),
        lambda d: services.visit_add(actor=request.user, plan=plan, **d),
        _("The visit was recorded."),
        "visit_form",
    )


@require_POST
def plan_second(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.SECOND_PLAN)
    return _plan_action(
        request,
        plan,
        SecondPlanForm(request.POST, plan=plan),
        lambda d: services.plan_second(
            actor=request.user,
            relationship=plan.relationship,
            chosen_option=d["chosen_option"],
            how=d["how"],
            back_to_mapping=d["back_to_mapping"],
        ),
        _("The second plan was started."),
        "second_form",
    )


@require_POST
def plan_correct(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.CORRECTION)
    return _plan_action(
        request,
        plan,
        ReasonForm(request.POST),
        lambda d: services.plan_correct(actor=request.user, plan=plan, reason=d["reason"]),
        _("A corrected version was made. It is signed again."),
        "correct_form",
    )
