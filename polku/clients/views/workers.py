"""Who works with the client: naming the responsible worker (S2), hand-overs and team cover."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from polku.accounts.access import capability_required
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients import selectors, services
from polku.clients.access import access_handover, access_relationship, require_responsible_worker
from polku.clients.events import ClientRead
from polku.clients.forms import AssignForm, CoverForm, HandoverForm
from polku.core.htmx import render_page


def assign(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """S2: name the responsible worker (self or a colleague of the unit)."""
    relationship = access_relationship(request.user, relationship_id, what=ClientRead.NAMING)
    workers = selectors.unit_workers(relationship=relationship)
    form = AssignForm(request.POST or None, workers=workers, initial={"worker": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_assign(
                actor=request.user, relationship=relationship, worker=form.cleaned_data["worker"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The responsible worker was named."))
            if form.cleaned_data["worker"].pk == request.user.pk:
                return redirect("clients:detail", relationship.client_id)
            return redirect("clients:intake_queue")
    return render_page(
        request, "clients/assign.html", context={"form": form, "relationship": relationship}
    )


def handover(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Hand the client over to another worker of the unit, with a note."""
    relationship = access_relationship(request.user, relationship_id, what=ClientRead.HANDOVER)
    require_responsible_worker(request.user, relationship)
    workers = selectors.unit_workers(relationship=relationship, exclude=request.user)
    form = HandoverForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_propose(
                actor=request.user,
                relationship=relationship,
                worker=form.cleaned_data["worker"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The hand-over is waiting for the new worker to accept it.")
            )
            return redirect("clients:detail", relationship.client_id)
    return render_page(
        request, "clients/handover.html", context={"form": form, "relationship": relationship}
    )


def handover_decide(request: AuthedRequest, assignment_id: int) -> HttpResponse:
    """The receiving worker reads the note and accepts or declines the hand-over."""
    assignment = access_handover(request.user, assignment_id)
    if request.method == "POST":
        accept = request.POST.get("decision") == "accept"
        try:
            services.handover_decide(actor=request.user, assignment=assignment, accept=accept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if accept:
                messages.success(request, _("You are now the responsible worker."))
                return redirect("clients:detail", assignment.relationship.client_id)
            messages.success(request, _("You declined the hand-over."))
            return redirect("clients:intake_queue")
    return render_page(request, "clients/handover_decide.html", context={"assignment": assignment})


@capability_required(Capability.COVER_FOR_COLLEAGUE)
def cover(request: AuthedRequest) -> HttpResponse:
    """Team cover: choose the colleague and state the purpose; both are logged."""
    colleagues = selectors.cover_colleagues(viewer=request.user)
    form = CoverForm(request.POST or None)
    form.fields["colleague"] = AssignForm(workers=colleagues).fields["worker"]
    form.fields["colleague"].label = _("Colleague")
    form.order_fields(["colleague", "purpose"])
    grants = selectors.active_covers(viewer=request.user)
    if request.method == "POST" and form.is_valid():
        colleague = form.cleaned_data["colleague"]
        try:
            services.cover_start(
                actor=request.user,
                colleague=colleague,
                unit=selectors.cover_unit(viewer=request.user, colleague=colleague),
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You are covering for %(name)s until the end of the day.")
                % {"name": colleague.get_full_name()},
            )
            return redirect(f"{reverse('clients:covered')}?worker={colleague.pk}")
    return render_page(request, "clients/cover.html", context={"form": form, "grants": grants})


@capability_required(Capability.COVER_FOR_COLLEAGUE)
def covered(request: AuthedRequest) -> HttpResponse:
    """The clients of the colleague being covered for (only while the cover is valid)."""
    try:
        worker_id = int(request.GET.get("worker", ""))
    except ValueError as error:
        raise Http404 from error
    if not 0 < worker_id < 2**63:
        raise Http404
    found = selectors.covered_caseload(viewer=request.user, worker_id=worker_id)
    if found is None:
        raise Http404
    grant, rows = found
    return render_page(request, "clients/covered.html", context={"grant": grant, "rows": rows})
