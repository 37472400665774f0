"""Staff pages of the feedback app: the survey's results (the place supervisor, managers), the
feedback box and complaints (managers of the unit), and the worker's record of a complaint
written with the client."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.requests import AuthedRequest
from polku.clients.access import access_relationship
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.feedback import access, selectors, services
from polku.feedback.events import FeedbackRead
from polku.feedback.forms import ComplaintForm, ComplaintHandleForm, MessageMarkForm
from polku.feedback.models import ComplaintState, MessageState


def results(request: AuthedRequest) -> HttpResponse:
    """The survey's results for a year: per place, and per producer type for managers; a group
    with fewer than seven answers says so instead of its figures."""
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else None
    page = selectors.results_page(viewer=request.user, year=year)
    return render_page(request, "feedback/results.html", context=page)


def message_list(request: AuthedRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    rows = selectors.message_list(viewer=request.user, state=state)
    return render_page(
        request,
        "feedback/message_list.html",
        context={"rows": rows, "state": state, "states": MessageState.choices},
    )


def message_detail(request: AuthedRequest, message_id: int) -> HttpResponse:
    """One message; the handler marks it read, or handled with what was done."""
    message = access.access_message(request.user, message_id)
    form = MessageMarkForm(request.POST or None, initial={"version": message.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.message_mark(
                actor=request.user,
                message=message,
                version=form.cleaned_data["version"],
                state=form.cleaned_data["state"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("feedback:message_detail", message.pk)
    return render_page(
        request, "feedback/message_detail.html", context={"message": message, "form": form}
    )


def complaint_list(request: AuthedRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    rows = selectors.complaint_list(viewer=request.user, state=state)
    return render_page(
        request,
        "feedback/complaint_list.html",
        context={"rows": rows, "state": state, "states": ComplaintState.choices},
    )


def complaint_detail(request: AuthedRequest, complaint_id: int) -> HttpResponse:
    """One complaint; the handler takes it in hand or records the written answer."""
    complaint = access.access_complaint(request.user, complaint_id)
    form = ComplaintHandleForm(request.POST or None, initial={"version": complaint.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_handle(actor=request.user, complaint=complaint, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("feedback:complaint_detail", complaint.pk)
    return render_page(
        request, "feedback/complaint_detail.html", context={"complaint": complaint, "form": form}
    )


def complaint_assist(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """The worker records a complaint written with the client: it goes to the managers of the
    unit, and the record says the worker helped."""
    relationship = access_relationship(
        request.user, relationship_id, what=FeedbackRead.COMPLAINT_ASSIST
    )
    form = ComplaintForm(request.POST or None, initial={"submission": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_assist(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The complaint is recorded and sent to the person responsible for the unit."),
            )
            return redirect("feedback:complaint_assist", relationship.pk)
    helped = selectors.assisted_complaints(worker=request.user, relationship=relationship)
    return render_page(
        request,
        "feedback/complaint_assist.html",
        context={"relationship": relationship, "form": form, "helped": helped},
    )
