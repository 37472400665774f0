"""Planning a kuty period, and its notice to the chief shop steward."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.models import ProducerType
from polku.accounts.requests import AuthedRequest
from polku.clients.access import access_relationship
from polku.core.documents import client_document_language, pdf_response, render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict
from polku.placements import selectors, services
from polku.placements.access import access_period
from polku.placements.documents import (
    INFO_PACKAGE_FILENAMES,
    info_package_context,
    steward_notice_context,
    steward_notice_language,
)
from polku.placements.events import PlacementRead
from polku.placements.forms import ConcludeForm, InfoPackageForm, NoticeForm, PeriodForm
from polku.placements.services.notices import notice_missing, steward_of

NOTICE_FILENAMES = {
    "fi": "ilmoitus-paaluottamusmiehelle.pdf",
    "sv": "anmalan-till-huvudfortroendeman.pdf",
}


def period_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PlacementRead.PLACEMENT)
    place = selectors.chosen_place(relationship)
    form = PeriodForm(request.POST or None, initial={"place": place.pk} if place else {})
    if request.method == "POST" and form.is_valid():
        try:
            services.period_plan(actor=request.user, relationship=relationship, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The work-activity period was planned."))
            return redirect("placements:placement", relationship.pk)
    return render_page(
        request, "placements/period_form.html", context={"relationship": relationship, "form": form}
    )


def steward_notice(request: AuthedRequest, period_id: int) -> HttpResponse:
    """GET: the notice as a PDF (name and §9 items 1–3 only); POST: record that it was sent."""
    period = access_period(request.user, period_id, what=PlacementRead.PLACEMENT)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.steward_notice_send(actor=request.user, period=period, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The notice to the chief shop steward was recorded."))
            return redirect("placements:placement", period.relationship_id)
    if request.method == "GET" and request.GET.get("pdf"):
        language = steward_notice_language(period)
        context = steward_notice_context(
            period=period, author=request.user, steward_name=steward_of(period), language=language
        )
        pdf = render_pdf("placements/steward_notice_document.html", context, language=language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{NOTICE_FILENAMES[language]}"'
        return response
    return render_page(
        request,
        "placements/steward_notice.html",
        context={"period": period, "form": form, "missing": notice_missing(period)},
    )


def period(request: AuthedRequest, period_id: int) -> HttpResponse:
    """A period's page: its facts, the info package (PDFs and delivery) and, for an
    introductory period, how it ended."""
    found = access_period(request.user, period_id, what=PlacementRead.PLACEMENT)
    pdf = request.GET.get("pdf")
    if request.method == "GET" and pdf in ("client", "place"):
        # The client's copy in the client's language, the place's in Finnish; the file name
        # in the copy's language.
        language = (
            client_document_language(found.relationship.client.language)
            if pdf == "client"
            else "fi"
        )
        context = info_package_context(period=found, author=request.user, recipient=pdf)
        data = render_pdf("placements/info_document.html", context, language=language)
        return pdf_response(data, INFO_PACKAGE_FILENAMES, language=language)
    action = request.POST.get("action") if request.method == "POST" else None
    info_form = InfoPackageForm(request.POST if action == "info" else None)
    conclude_form = ConcludeForm(
        request.POST if action == "conclude" else None, initial={"version": found.version}
    )
    if action == "info" and info_form.is_valid():
        try:
            services.info_package_deliver(
                actor=request.user, period=found, **info_form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(info_form, error)
        else:
            messages.success(request, _("The info package was recorded as delivered."))
            return redirect("placements:period", found.pk)
    if action == "conclude" and conclude_form.is_valid():
        try:
            services.introductory_period_conclude(
                actor=request.user, period=found, **conclude_form.cleaned_data
            )
        except EditConflict as error:
            conclude_form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(conclude_form, error)
        else:
            messages.success(request, _("The introductory period was ended."))
            return redirect("placements:placement", found.relationship_id)
    return render_page(
        request,
        "placements/period.html",
        context={
            "period": found,
            "packages": selectors.info_packages(period=found),
            "place_needs_package": found.place.producer_type != ProducerType.OWN_UNIT,
            "info_form": info_form,
            "conclude_form": conclude_form,
        },
    )
