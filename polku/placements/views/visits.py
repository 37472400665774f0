"""The placement page of a relationship (S8–S10) and the introductory visit's forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients.access import access_relationship
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.placements import selectors, services
from polku.placements.events import PlacementRead
from polku.placements.forms import VisitForm, VisitSkipForm


def _initial_place(page: selectors.PlacementPage) -> dict[str, object]:
    return {"place": page.chosen_place.pk} if page.chosen_place is not None else {}


def placement(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PlacementRead.PLACEMENT)
    page = selectors.placement_page(relationship=relationship)
    initial = _initial_place(page)
    return render_page(
        request,
        "placements/placement.html",
        context={
            "page": page,
            "visit_form": VisitForm(initial=initial),
            "skip_form": VisitSkipForm(initial=initial),
        },
    )


def visit_record(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PlacementRead.PLACEMENT)
    page = selectors.placement_page(relationship=relationship)
    form = VisitForm(request.POST or None, initial=_initial_place(page))
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The introductory visit was recorded."))
            return redirect("placements:placement", relationship.pk)
    return render_page(
        request,
        "placements/placement.html",
        context={
            "page": page,
            "visit_form": form,
            "skip_form": VisitSkipForm(initial=_initial_place(page)),
        },
    )


@require_POST
def visit_skip(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PlacementRead.PLACEMENT)
    page = selectors.placement_page(relationship=relationship)
    form = VisitSkipForm(request.POST)
    if form.is_valid():
        try:
            services.visit_skip(
                actor=request.user,
                relationship=relationship,
                place=form.cleaned_data["place"],
                reason=form.cleaned_data["skip_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The introductory visit was marked as skipped."))
            return redirect("placements:placement", relationship.pk)
    return render_page(
        request,
        "placements/placement.html",
        context={
            "page": page,
            "visit_form": VisitForm(initial=_initial_place(page)),
            "skip_form": form,
        },
    )
