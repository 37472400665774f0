"""Decisions: drafted by the responsible worker, made by the decision maker, delivered, printed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients.access import access_relationship
from polku.core.documents import client_document_language, pdf_response, render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict
from polku.placements import selectors, services
from polku.placements.access import access_decision
from polku.placements.documents import DECISION_FILENAMES
from polku.placements.events import PlacementRead
from polku.placements.forms import (
    DecisionCorrectForm,
    DecisionDraftForm,
    DecisionMakeForm,
    DeliveryForm,
)


def decision_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PlacementRead.PLACEMENT)
    form = DecisionDraftForm(
        request.POST or None,
        periods=selectors.periods_of(relationship=relationship),
        makers=services.decision_makers(relationship),
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_draft(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was drafted for the decision maker."))
            return redirect("placements:decision", decision.pk)
    return render_page(
        request,
        "placements/decision_new.html",
        context={"relationship": relationship, "form": form},
    )


def _page(request: AuthedRequest, decision_id: int, **forms: object) -> HttpResponse:
    decision = access_decision(request.user, decision_id, what=PlacementRead.DECISION)
    page = selectors.decision_page(decision=decision, viewer=request.user)
    context = {
        "page": page,
        "make_form": DecisionMakeForm(initial={"version": decision.version}),
        "delivery_form": DeliveryForm(),
        "correct_form": DecisionCorrectForm(),
        **forms,
    }
    return render_page(request, "placements/decision.html", context=context)


def decision(request: AuthedRequest, decision_id: int) -> HttpResponse:
    return _page(request, decision_id)


@require_POST
def decision_make(request: AuthedRequest, decision_id: int) -> HttpResponse:
    found = access_decision(request.user, decision_id, what=PlacementRead.DECISION)
    form = DecisionMakeForm(request.POST)
    if form.is_valid():
        try:
            services.decision_make(actor=request.user, decision=found, **form.cleaned_data)
        except EditConflict as error:
            form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was made and signed."))
            return redirect("placements:decision", found.pk)
    return _page(request, decision_id, make_form=form)


@require_POST
def decision_deliver(request: AuthedRequest, decision_id: int) -> HttpResponse:
    found = access_decision(request.user, decision_id, what=PlacementRead.DECISION)
    form = DeliveryForm(request.POST)
    if form.is_valid():
        try:
            services.decision_deliver(actor=request.user, decision=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The delivery was recorded."))
            return redirect("placements:decision", found.pk)
    return _page(request, decision_id, delivery_form=form)


def decision_pdf(request: AuthedRequest, decision_id: int) -> HttpResponse:
    found = access_decision(request.user, decision_id, what=PlacementRead.DECISION_PDF)
    # Written in the client's language, as the made decision was (``decision_make``); the
    # file name says the same language.
    language = client_document_language(found.relationship.client.language)
    if found.document:  # a made decision, as it was made
        pdf = bytes(found.document)
    else:
        context = selectors.decision_document_context(decision=found, language=language)
        pdf = render_pdf("placements/decision_document.html", context, language=language)
    names = {
        code: name.replace(".pdf", f"-{found.pk}.pdf") for code, name in DECISION_FILENAMES.items()
    }
    return pdf_response(pdf, names, language=language)


@require_POST
def decision_correct(request: AuthedRequest, decision_id: int) -> HttpResponse:
    """A made decision is corrected by a new draft that refers to it."""
    found = access_decision(request.user, decision_id, what=PlacementRead.DECISION)
    form = DecisionCorrectForm(request.POST)
    if form.is_valid():
        try:
            correction = services.decision_correct(
                actor=request.user, decision=found, grounds=form.cleaned_data["grounds"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("A correcting decision was drafted."))
            return redirect("placements:decision", correction.pk)
    return _page(request, decision_id, correct_form=form)
