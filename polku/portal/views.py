"""OmaPolku: the client's own pages, in plain language (SPEC §6)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import pgettext

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.attendance.events import AttendanceRead
from polku.clients.access import access_own_client
from polku.core import clock
from polku.core.documents import client_document_language, pdf_response, render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.rules import day_label
from polku.pathways.selectors import PLAN_FILENAMES
from polku.placements.documents import DECISION_FILENAMES, INFO_PACKAGE_FILENAMES
from polku.portal import selectors, services
from polku.portal.access import access_own_decision, access_own_period, access_own_plan
from polku.portal.events import PortalRead
from polku.portal.forms import AbsenceForm, ReachableTimeForm


def client_start(request: AuthedRequest) -> HttpResponse:
    """The client's start page: who they are and whom to contact. The read is logged."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.START_PAGE)
    page = selectors.start_page(viewer=request.user, client=person)
    return render_page(request, "portal/start.html", context=page)


def absence_report(request: AuthedRequest) -> HttpResponse:
    """The client reports an absence: a day or several, a reason and a short message, for the
    days at a place and the group sessions. A refusal is shown in plain words with everything
    typed kept; the days of a range already marked, and those with nothing to mark, are named
    apart from the thanks. The form sent twice (a double click) marks once and thanks twice."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.ABSENCE_REPORT)
    form = AbsenceForm(
        request.POST or None, initial={"first_day": clock.today(), "submission": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.absence_report(actor=request.user, client=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            days = ", ".join(day_label(day) for day in saved.dates)
            if saved.days and saved.marks:
                thanks = pgettext(
                    "client portal",
                    "Thank you. Your absence is marked: %(days)s. "
                    "The place, the group's instructor and your worker can see it now.",
                )
            elif saved.marks:
                thanks = pgettext(
                    "client portal",
                    "Thank you. Your absence is marked: %(days)s. "
                    "The group's instructor can see it now.",
                )
            else:
                thanks = pgettext(
                    "client portal",
                    "Thank you. Your absence is marked: %(days)s. "
                    "The place and your worker can see it now.",
                )
            messages.success(request, thanks % {"days": days})
            if saved.already:
                messages.warning(
                    request,
                    pgettext(
                        "client portal",
                        "These days were already marked, so they were left as they were: "
                        "%(days)s. If something is wrong, tell the place or your worker.",
                    )
                    % {"days": ", ".join(item.label for item in saved.already)},
                )
            _skipped_messages(request, saved.skipped)
            return redirect("portal:client_start")
    page = selectors.absence_page(client=person)
    return render_page(request, "portal/absence.html", context={**page, "form": form})


def _skipped_messages(request: AuthedRequest, skipped: list[services.Skipped]) -> None:
    """The days of a range that were not marked, and why, in plain words."""
    after = [item for item in skipped if item.why == services.SkipWhy.AFTER_END]
    if after and after[0].ends_on is not None:
        messages.warning(
            request,
            pgettext(
                "client portal",
                "These days were not marked, because your work activity period ends on "
                "%(date)s: %(days)s.",
            )
            % {
                "date": day_label(after[0].ends_on),
                "days": services.day_spans([i.day for i in after]),
            },
        )
    others = [item.day for item in skipped if item.why == services.SkipWhy.NOT_YOURS]
    if others:
        messages.warning(
            request,
            pgettext(
                "client portal",
                "These days are not your work-activity days, so they were not marked: %(days)s.",
            )
            % {"days": services.day_spans(others)},
        )


def my_attendance(request: AuthedRequest) -> HttpResponse:
    """The client's days of one month (``?kk=YYYY-MM``, by default this one; the client moves
    month by month over their periods), and the participation days left."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=AttendanceRead.OWN_ATTENDANCE)
    page = selectors.my_attendance(client=person, month=request.GET.get("kk"))
    return render_page(request, "portal/attendance.html", context=page)


def my_documents(request: AuthedRequest) -> HttpResponse:
    """My documents: decisions, certificates, the plan and the info packages (SPEC §6)."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.DOCUMENTS)
    page = selectors.documents_page(client=person)
    return render_page(request, "portal/documents.html", context=page)


def own_decision(request: AuthedRequest, decision_id: int) -> HttpResponse:
    """One decision in plain words, with the deadline and the appeal instructions."""
    found = access_own_decision(request.user, decision_id, what=PortalRead.DECISION)
    page = selectors.decision_page(decision=found)
    return render_page(request, "portal/decision.html", context=page)


def own_decision_pdf(request: AuthedRequest, decision_id: int) -> HttpResponse:
    """The decision as it was made (the stored document), or rendered as the worker's."""
    found = access_own_decision(request.user, decision_id, what=PortalRead.DECISION_PDF)
    # The document is in the client's language, whatever the page's; so is its file name.
    language = client_document_language(found.relationship.client.language)
    if found.document:
        data = bytes(found.document)
    else:
        data = render_pdf(
            "placements/decision_document.html",
            selectors.decision_document(decision=found),
            language=language,
        )
    return pdf_response(data, DECISION_FILENAMES, language=language)


def own_plan_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The client's own copy of a signed plan. Reading one's own plan is an access (logged
    with the basis "self"), not a disclosure."""
    found = access_own_plan(request.user, plan_id, what=PortalRead.PLAN_PDF)
    language = client_document_language(found.relationship.client.language)
    data = render_pdf(
        "pathways/plan_document.html",
        selectors.plan_document(plan=found),
        language=language,
    )
    return pdf_response(data, PLAN_FILENAMES, language=language)


def info_package(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The info package of a period, in plain words."""
    found = access_own_period(request.user, period_id, what=PortalRead.INFO_PACKAGE)
    page = selectors.info_package_page(period=found)
    return render_page(request, "portal/info_package.html", context=page)


def info_package_pdf(request: AuthedRequest, period_id: int) -> HttpResponse:
    found = access_own_period(request.user, period_id, what=PortalRead.INFO_PACKAGE_PDF)
    language = client_document_language(found.relationship.client.language)
    data = render_pdf(
        "placements/info_document.html",
        selectors.info_package_document(period=found),
        language=language,
    )
    return pdf_response(data, INFO_PACKAGE_FILENAMES, language=language)


def phone_hours(request: AuthedRequest) -> HttpResponse:
    """A worker's own direct phone and phone hours, which their clients read on OmaPolku's
    start page. The change is audited by the service; the page shows nothing of a client."""
    require_role(request.user, Role.WORKER)
    row = selectors.own_reachable_time(request.user)
    form = ReachableTimeForm(request.POST or None, initial=ReachableTimeForm.initial_for(row))
    if request.method == "POST" and form.is_valid():
        try:
            services.reachable_time_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, pgettext("phone hours", "Your phone hours are saved."))
            return redirect("phone_hours:edit")
    return render_page(request, "portal/phone_hours.html", context={"form": form, "row": row})
