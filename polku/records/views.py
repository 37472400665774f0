"""The worker's pages of the client's log request (703/2023 §11): record the request, see
what the report will cover, produce it once, and open the PDF given to the client."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from polku.accounts.access import require_capability, require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability, Role
from polku.clients.access import access_own_client
from polku.core import clock
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.rules import day_label
from polku.records import selectors, services
from polku.records.events import RecordsRead
from polku.records.forms import AskForm, DestroyForm, LogRequestForm
from polku.records.models import DUE_MONTHS, RetentionStatus


def log_requests(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """The client's log requests and a form to record a new one."""
    relationship = selectors.access_log_requests_relationship(
        request.user, relationship_id, what=RecordsRead.LOG_REQUESTS
    )
    client = relationship.client
    form = LogRequestForm(
        request.POST or None,
        initial={"received_on": clock.today(), "language": client.language},
    )
    if request.method == "POST" and form.is_valid():
        try:
            found = services.log_request_record(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The log request was recorded."))
            return redirect("records:log_request", found.pk)
    return render_page(
        request,
        "records/log_requests.html",
        context={
            "relationship": relationship,
            "client": client,
            "requests": selectors.log_requests_of(client_id=client.pk),
            "form": form,
        },
    )


def log_request(request: AuthedRequest, request_id: int) -> HttpResponse:
    """One request: what the report covers and how many events; produce it, or open it."""
    found = selectors.access_log_request(request.user, request_id, what=RecordsRead.LOG_REQUEST)
    count = (
        found.entries
        if found.entries is not None
        else selectors.entry_count(found, until=clock.now())
    )
    return render_page(
        request, "records/log_request.html", context={"request_": found, "count": count}
    )


@require_POST
def log_report_produce(request: AuthedRequest, request_id: int) -> HttpResponse:
    found = selectors.access_log_request(request.user, request_id, what=RecordsRead.LOG_REQUEST)
    try:
        services.log_report_produce(actor=request.user, request=found)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The report was produced. Give it to the client and keep it in the file.")
        )
    return redirect("records:log_request", found.pk)


def log_report_pdf(request: AuthedRequest, request_id: int) -> HttpResponse:
    """The report as produced (the PDF given to the client)."""
    found = selectors.access_log_request(request.user, request_id, what=RecordsRead.LOG_REPORT_PDF)
    if found.document is None:
        messages.error(request, _("Produce the report first."))
        return redirect("records:log_request", found.pk)
    response = HttpResponse(bytes(found.document), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="lokiraportti.pdf"'
    return response


def retention_runs(request: AuthedRequest) -> HttpResponse:
    """The retention dry runs and destructions (counts only, no client data); a dry run can be
    started by hand besides the monthly job."""
    require_capability(request.user, Capability.APPROVE_RETENTION)
    if request.method == "POST":
        run = services.retention_dry_run(actor=request.user)
        if run.status == RetentionStatus.EMPTY:
            messages.success(request, _("The dry run found nothing to destroy."))
        else:
            messages.success(request, _("The dry run is ready. Check it before approving."))
        return redirect("records:retention_run", run.pk)
    return render_page(
        request, "records/retention_runs.html", context={"runs": selectors.retention_runs()}
    )


def retention_run(request: AuthedRequest, run_id: int) -> HttpResponse:
    """One dry run: what would go, by kind and count, what is held back and why; approving it
    destroys exactly that."""
    require_capability(request.user, Capability.APPROVE_RETENTION)
    run = selectors.retention_run(run_id)
    form = DestroyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.retention_destroy(
                actor=request.user, run=run, confirmed=form.cleaned_data["confirmed"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The records were destroyed. The destruction record is kept.")
            )
            return redirect("records:retention_run", run.pk)
    return render_page(
        request,
        "records/retention_run.html",
        context={
            "run": run,
            "counts": selectors.retention_counts(run),
            "held": selectors.retention_held(run),
            "form": form,
        },
    )


def own_log_requests(request: AuthedRequest) -> HttpResponse:
    """OmaPolku: the client asks who has read their data (703/2023 §11), and sees their
    requests: when asked, by when the report comes, whether it is ready. The request goes to
    the responsible worker's work queue; the worker gives the report."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=RecordsRead.OWN_LOG_REQUESTS)
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.log_request_ask(actor=request.user, client=person)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                pgettext(
                    "client portal",
                    "Your request is sent. You get the report by %(due)s. It is free of charge.",
                )
                % {"due": day_label(found.due_on)},
            )
            return redirect("records:own_log_requests")
    requests = selectors.log_requests_of(client_id=person.pk)
    waiting = [r for r in requests if r.produced_at is None]
    return render_page(
        request,
        "records/own_log_requests.html",
        context={
            "form": form,
            "requests": requests,
            "waiting": waiting[-1] if waiting else None,
            "months": DUE_MONTHS,
        },
    )
