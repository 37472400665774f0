"""Documents given out as PDFs: the plan per recipient and the information notice."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.core.documents import client_document_language, pdf_response, render_pdf
from polku.core.htmx import render_page
from polku.pathways import selectors, services
from polku.pathways.access import access_plan
from polku.pathways.events import PathwayRead
from polku.pathways.forms import DisclosureForm
from polku.pathways.selectors import NOTICE_FILENAMES, PLAN_FILENAMES


@require_POST
def plan_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The whole plan as a PDF in the client's language; giving it out is a disclosure."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.PLAN_PDF)
    form = DisclosureForm(request.POST)
    if not form.is_valid():
        return render_page(
            request,
            "pathways/plan.html",
            context=selectors.plan_page(plan=plan, disclosure_form=form),
        )
    copy = services.plan_disclose(
        actor=request.user, plan=plan, recipient=form.cleaned_data["recipient"]
    )
    language = client_document_language(plan.relationship.client.language)
    pdf = render_pdf(
        "pathways/plan_document.html",
        selectors.plan_document(plan=plan, copy=copy),
        language=language,
    )
    return pdf_response(pdf, PLAN_FILENAMES, language=language, disposition="attachment")


@require_POST
def notice_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The information notice about the activation plan, in the client's language."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.INFORMATION_NOTICE)
    services.notice_disclose(actor=request.user, plan=plan)
    language = client_document_language(plan.relationship.client.language)
    pdf = render_pdf(
        "pathways/notice_document.html",
        selectors.notice_document(plan=plan, author=request.user),
        language=language,
    )
    return pdf_response(pdf, NOTICE_FILENAMES, language=language, disposition="attachment")
