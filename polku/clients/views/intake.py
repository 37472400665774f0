"""S1: the intake queue, the search before intake, a new client's intake, a new relationship for
an existing client, and correcting the intake's record."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.access import capability_required
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients import selectors, services
from polku.clients.access import access_intake_hit, access_relationship
from polku.clients.events import ClientRead
from polku.clients.forms import IntakeDetailsForm, IntakeForm, RelationshipForm, SearchForm
from polku.clients.models import Client, ClientRelationship
from polku.core import clock
from polku.core.errors import CommonError
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version

SESSION_HITS = "polku_intake_hits"
SESSION_CHOSEN = "polku_intake_client"
SESSION_SEARCHED = "polku_intake_searched"
SESSION_CARRIED = "polku_intake_carried"
# What was typed about the contact on the new-client form goes on to the existing client's form.
CARRIED_FIELDS = ("source", "source_detail", "reason")


@capability_required(Capability.USE_WORKER_DESK)
def intake_queue(request: AuthedRequest) -> HttpResponse:
    """New relationships waiting for a responsible worker, oldest first."""
    rows = selectors.intake_queue(viewer=request.user)
    handovers = selectors.pending_handovers(viewer=request.user)
    return render_page(
        request, "clients/intake_queue.html", context={"rows": rows, "handovers": handovers}
    )


@capability_required(Capability.OPEN_RELATIONSHIP)
def search(request: AuthedRequest) -> HttpResponse:
    """Find an existing client before intake (a POST: identity codes never go in URLs)."""
    form = SearchForm(request.POST or None)
    hits: list[Client] | None = None
    if request.method == "POST" and form.is_valid():
        hits = selectors.find_clients_for_intake(
            viewer=request.user,
            identity_code=form.cleaned_data.get("identity_code", ""),
            last_name=form.cleaned_data.get("last_name", ""),
            birth_date=form.cleaned_data.get("birth_date"),
        )
        request.session[SESSION_HITS] = [c.pk for c in hits]
        # What was searched for starts the new-client form (in the session: never in a URL).
        birth_date = form.cleaned_data.get("birth_date")
        request.session[SESSION_SEARCHED] = {
            "identity_code": form.cleaned_data.get("identity_code", ""),
            "last_name": form.cleaned_data.get("last_name", ""),
            "birth_date": birth_date.isoformat() if birth_date else "",
        }
    return render_page(request, "clients/search.html", context={"form": form, "hits": hits})


@capability_required(Capability.OPEN_RELATIONSHIP)
def intake_new(request: AuthedRequest) -> HttpResponse:
    """S1 for a new client: the client's details and the relationship on one page."""
    units = selectors.worker_units(viewer=request.user)
    searched = request.session.get(SESSION_SEARCHED) or {}
    initial: dict[str, Any] = {"started_on": clock.today(), "language": "fi"}
    initial |= {name: value for name, value in searched.items() if value}
    if initial.get("birth_date"):
        initial["birth_date"] = dt.date.fromisoformat(initial["birth_date"])
    initial["submission"] = uuid.uuid4()
    form = IntakeForm(request.POST or None, units=units, initial=initial)
    duplicates: list[Client] = []
    if request.method == "POST" and form.is_valid():
        result: ClientRelationship | services.IntakeDuplicates | None
        try:
            result = services.intake_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            # A parallel send of the same form (its one-time token) may have won.
            result = selectors.submitted_intake(submission=form.cleaned_data.get("submission"))
            if result is None:
                form.add_error(None, error)
        if isinstance(result, services.IntakeDuplicates):
            request.session[SESSION_HITS] = [c.pk for c in result.clients]
            form.add_error(None, result.error)
            duplicates = result.clients
        elif isinstance(result, ClientRelationship):
            request.session.pop(SESSION_SEARCHED, None)
            warning = services.age_warning(result.client)
            if warning:
                messages.warning(request, warning)
            messages.success(
                request, _("The client relationship began. It is now in the intake queue.")
            )
            return redirect("clients:detail", result.client_id)
    return render_page(
        request,
        "clients/intake_new.html",
        context={
            "form": form,
            "duplicates": duplicates,
            "temporary_id_taken": form.has_error("temporary_id", code=CommonError.DUPLICATE),
            "carried": {name: form.data.get(name, "") for name in CARRIED_FIELDS},
        },
    )


@capability_required(Capability.OPEN_RELATIONSHIP)
def intake_existing(request: AuthedRequest) -> HttpResponse:
    """S1 for an existing client found by the duplicate check: a new relationship (re-entry)."""
    hits = request.session.get(SESSION_HITS, [])
    if request.method == "POST" and "choose" not in request.POST:
        try:
            token = uuid.UUID(request.POST.get("submission", ""))
        except ValueError:
            token = None
        done = selectors.submitted_intake(submission=token)
        if done is not None and done.received_by_id == request.user.pk:
            return redirect("clients:detail", done.client_id)  # the same form sent twice
    if request.method == "POST" and "choose" in request.POST:
        try:
            chosen = int(request.POST["choose"])
        except ValueError as error:
            raise Http404 from error
        if chosen not in hits:
            raise Http404
        request.session[SESSION_CHOSEN] = chosen
        request.session[SESSION_CARRIED] = {
            name: request.POST.get(name, "")[:2000]
            for name in CARRIED_FIELDS
            if request.POST.get(name)
        }
        return redirect("clients:intake_existing")
    person = access_intake_hit(request.user, request.session.get(SESSION_CHOSEN), hits=hits)
    units = selectors.worker_units(viewer=request.user)
    form = RelationshipForm(
        request.POST or None,
        units=units,
        initial={
            "started_on": clock.today(),
            "submission": uuid.uuid4(),
            **(request.session.get(SESSION_CARRIED) or {}),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            relationship = selectors.submitted_intake(
                submission=form.cleaned_data.get("submission")
            ) or services.relationship_open(actor=request.user, client=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session.pop(SESSION_CHOSEN, None)
            request.session.pop(SESSION_HITS, None)
            request.session.pop(SESSION_CARRIED, None)
            warning = services.age_warning(person)
            if warning:
                messages.warning(request, warning)
            messages.success(
                request, _("The client relationship began. It is now in the intake queue.")
            )
            return redirect("clients:detail", relationship.client_id)
    earlier = selectors.earlier_relationships(client=person)
    return render_page(
        request,
        "clients/intake_existing.html",
        context={"form": form, "person": person, "earlier": earlier},
    )


def intake_correct(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Correct S1's record: source, who made the contact and the reason (audited)."""
    relationship = access_relationship(
        request.user, relationship_id, what=ClientRead.CORRECTING_INTAKE
    )
    initial = {name: getattr(relationship, name) for name in services.INTAKE_DETAIL_FIELDS}
    form = IntakeDetailsForm(
        request.POST or None, initial=initial | {"version": relationship.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.relationship_correct_intake(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(relationship))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The intake details were corrected."))
            return redirect("clients:detail", relationship.client_id)
    return render_page(
        request,
        "clients/intake_correct.html",
        context={"form": form, "relationship": relationship},
    )
