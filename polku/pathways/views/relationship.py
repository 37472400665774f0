"""A relationship's plans page, its documents (assessment, client plan), starting the first
activation plan and moving the pathway's stage."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients.access import access_relationship
from polku.clients.models import Stage
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.pathways import selectors, services
from polku.pathways.events import PathwayRead
from polku.pathways.forms import DocumentForm, PlanStartForm, ReasonForm
from polku.pathways.models import Assessment, ClientPlan

DOCUMENT_KINDS: dict[str, type[Assessment] | type[ClientPlan]] = {
    "arviointi": Assessment,
    "asiakassuunnitelma": ClientPlan,
}


def plans(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """All plan documents of a relationship, the current plan and the possible next stages."""
    relationship = access_relationship(request.user, relationship_id, what=PathwayRead.PLANS)
    return render_page(
        request,
        "pathways/plans.html",
        context=selectors.plans_page(relationship=relationship, viewer=request.user),
    )


def document_edit(request: AuthedRequest, relationship_id: int, kind: str) -> HttpResponse:
    """The service-need assessment or the client plan: edit the draft, complete, revise."""
    model = DOCUMENT_KINDS.get(kind)
    if model is None:
        raise Http404
    relationship = access_relationship(
        request.user, relationship_id, what=services.document_read(model)
    )
    names = services.DOCUMENT_FIELDS[model]
    doc = selectors.latest_document(relationship=relationship, model=model)
    initial: dict[str, Any] = {name: getattr(doc, name) for name in names} if doc else {}
    initial["version"] = doc.version if doc else None
    reason_form = ReasonForm()
    revising = request.method == "POST" and "reason" in request.POST and doc is not None
    form = DocumentForm(
        None if revising else (request.POST or None), model=model, names=names, initial=initial
    )
    if revising and doc is not None:
        reason_form = ReasonForm(request.POST)
        if reason_form.is_valid():
            try:
                services.document_revise(
                    actor=request.user, doc=doc, reason=reason_form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(reason_form, error)
            else:
                messages.success(request, _("A new version was made."))
                return redirect("pathways:document", relationship.pk, kind)
    elif request.method == "POST" and form.is_valid():
        try:
            services.document_save(
                actor=request.user,
                model=model,
                relationship=relationship,
                version=form.cleaned_data.get("version"),
                complete=form.cleaned_data["complete"],
                fields={name: form.cleaned_data[name] for name in names},
            )
        except EditConflict as error:
            form.add_error(None, error)
            if doc is not None:
                form.data = with_version(form.data, selectors.stored_version(doc))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("pathways:document", relationship.pk, kind)
    context = selectors.document_page(
        relationship=relationship, model=model, doc=doc, form=form, reason_form=reason_form
    )
    return render_page(request, "pathways/document.html", context=context)


@require_POST
def plan_start(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PathwayRead.PLAN)
    form = PlanStartForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_start(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("pathways:plan", plan.pk)
    context = selectors.plans_page(relationship=relationship, viewer=request.user, start_form=form)
    return render_page(request, "pathways/plans.html", context=context)


@require_POST
def transition(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Move the pathway to another stage; a refused move says what is missing."""
    relationship = access_relationship(
        request.user, relationship_id, what=PathwayRead.PATHWAY_STAGE
    )
    try:
        target = Stage(request.POST.get("stage", ""))
        services.transition(actor=request.user, relationship=relationship, target=target)
    except ValueError:
        messages.error(request, _("Unknown stage."))
    except ValidationError as error:
        messages.error(
            request,
            _("The stage was not changed: %(missing)s") % {"missing": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("The stage is now “%(stage)s”.") % {"stage": target.label})
    return redirect("pathways:plans", relationship.pk)
