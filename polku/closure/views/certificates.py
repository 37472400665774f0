"""The certificate's pages, shared by the responsible worker and the place supervisor: the
draft, giving it (the worker), and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients.access import require_caseworker
from polku.closure import documents, facts, selectors, services
from polku.closure.access import access_certificate_period
from polku.closure.events import ClosureRead
from polku.closure.forms import CertificateForm, GiveForm
from polku.core import clock
from polku.core.documents import pdf_response
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version

FIELDS = (
    "language",
    "tasks_done",
    "skills_shown",
    "skills_learned",
    "qualification_units",
    "additional",
    "names_service",
    "signer_name",
    "signer_title",
)


def certificate(request: AuthedRequest, period_id: int) -> HttpResponse:
    """Draft or edit the period's certificate."""
    period = access_certificate_period(request.user, period_id, what=ClosureRead.CERTIFICATE)
    found = facts.certificate_of(period)
    if found is not None:
        initial = {name: getattr(found, name) for name in FIELDS} | {"version": found.version}
    else:
        initial = selectors.certificate_initial(period)
    form = CertificateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_save(actor=request.user, period=period, **form.cleaned_data)
        except EditConflict as error:
            form.add_error(None, error)
            if found is not None:
                form.data = with_version(form.data, selectors.stored_version(found))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The certificate was saved."))
            return redirect("closure:certificate", period.pk)
    context = selectors.certificate_page(period=period, viewer=request.user)
    context["form"] = form
    context["give_form"] = GiveForm(
        initial={"given_on": clock.today(), "version": found.version if found else None}
    )
    return render_page(request, "closure/certificate.html", context=context)


@require_POST
def certificate_give(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The responsible worker gives the certificate to the client."""
    period = access_certificate_period(request.user, period_id, what=ClosureRead.CERTIFICATE)
    require_caseworker(request.user, period.relationship)  # the place drafts; the worker gives
    found = facts.certificate_of(period)
    give_form = GiveForm(request.POST)
    if found is None:
        give_form.add_error(None, _("Save the certificate first."))
    elif give_form.is_valid():
        try:
            services.certificate_give(
                actor=request.user, certificate=found, **give_form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(give_form, error)
        else:
            messages.success(request, _("The certificate was given to the client."))
            return redirect("closure:certificate", period.pk)
    initial = (
        {name: getattr(found, name) for name in FIELDS} | {"version": found.version}
        if found
        else selectors.certificate_initial(period)
    )
    context = selectors.certificate_page(period=period, viewer=request.user)
    context["form"] = CertificateForm(initial=initial)
    context["give_form"] = give_form
    return render_page(request, "closure/certificate.html", context=context)


def certificate_pdf(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The certificate as given (stored), or a preview of the draft marked as such."""
    period = access_certificate_period(request.user, period_id, what=ClosureRead.CERTIFICATE_PDF)
    found = facts.certificate_of(period)
    if found is None:
        messages.error(request, _("Save the certificate first."))
        return redirect("closure:certificate", period.pk)
    data = bytes(found.document) if found.document else documents.certificate_pdf(found)
    return pdf_response(data, documents.CERTIFICATE_FILENAMES, language=found.language)
