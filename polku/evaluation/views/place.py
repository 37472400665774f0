"""The place supervisor's pages: the evaluations to fill in, and the place's section (work
ability and working-life readiness) during the period and up to 30 days after it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.access import require_capability
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients.selectors import stored_version
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.evaluation import selectors, services
from polku.evaluation.access import access_place_evaluation
from polku.evaluation.forms import PlaceSectionForm
from polku.evaluation.models import SectionPart


def place_list(request: AuthedRequest) -> HttpResponse:
    require_capability(request.user, Capability.USE_PLACE_PORTAL)
    rows = selectors.place_list(viewer=request.user)
    return render_page(request, "evaluation/place_list.html", context={"rows": rows})


def place_evaluation(request: AuthedRequest, evaluation_id: int) -> HttpResponse:
    found = access_place_evaluation(request.user, evaluation_id)
    section = selectors.section_of(found, SectionPart.PLACE)
    form = PlaceSectionForm(
        request.POST or None,
        items=found.template.item_rows(),
        initial=PlaceSectionForm.initial_of(section.data, section.version, section.complete),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.place_section_save(
                actor=request.user,
                evaluation=found,
                version=form.cleaned_data["version"],
                ratings=form.ratings(),
                complete=form.cleaned_data["complete"],
                submission=form.cleaned_data["submission"],
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, stored_version(section))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The place's section was saved."))
            return redirect("evaluation:place_evaluation", found.pk)
    page = selectors.place_page(evaluation=found, form=form)
    return render_page(request, "evaluation/place_evaluation.html", context=page)
