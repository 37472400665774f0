"""The worker's client pages: intake, queue, caseload, client page, meetings (S1–S3).

Each view: resolve (access helper), validate (form), call the service, render.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.access import capability_required
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients import identity, selectors, services
from polku.clients.access import (
    access_client,
    access_handover,
    access_intake_hit,
    access_meeting,
    access_relationship,
    require_caseworker,
    require_responsible_worker,
    sees_address,
)
from polku.clients.documents import letter_context
from polku.clients.events import ClientRead
from polku.clients.forms import (
    AssignForm,
    CaseloadFilterForm,
    ClientForm,
    ContactForm,
    CoverForm,
    HandoverForm,
    IntakeDetailsForm,
    IntakeForm,
    MeetingForm,
    MeetingRecordForm,
    PurposeForm,
    RelationshipForm,
    SearchForm,
)
from polku.clients.models import (
    Client,
    ClientRelationship,
)
from polku.core import clock
from polku.core.documents import render_pdf
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


def _client_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data.get(name) for name in services.CLIENT_FIELDS if name in data}


@capability_required(Capability.USE_WORKER_DESK)
def caseload(request: AuthedRequest) -> HttpResponse:
    """My clients, with filters, sorting and pages; constant queries however many rows."""
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", "name")
    page = selectors.caseload_page(
        viewer=request.user,
        page=request.GET.get("page"),
        stage=filters.get("stage", ""),
        meeting=filters.get("meeting", ""),
        sort=sort,
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    return render_page(
        request,
        "clients/caseload.html",
        "results",
        {
            "form": form,
            "page_obj": page,
            "sort": sort,
            "query": query.urlencode(),
            "pager_query": f"{query.urlencode()}&sort={sort}",
        },
    )


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


def detail(request: AuthedRequest, client_id: int) -> HttpResponse:
    """The client page: details, stepper, next steps, meetings and the timeline."""
    person = access_client(request.user, client_id, what=ClientRead.CLIENT_PAGE)
    page = selectors.client_page(viewer=request.user, client=person)
    return render_page(request, "clients/detail.html", context=page.context())


def relationship_purpose(
    request: AuthedRequest, client_id: int, relationship_id: int
) -> HttpResponse:
    """An earlier relationship the viewer has no basis for: asks for the purpose of use first.

    The page asks (GET); the read with the stated purpose is logged as its own access event and
    shows that relationship's events (POST). A relationship the viewer has a basis for needs no
    purpose: its events are on the client page.
    """
    person = access_client(request.user, client_id, what=ClientRead.EARLIER_ASKED)
    relationship = selectors.earlier_relationship(client=person, relationship_id=relationship_id)
    if relationship is None:
        raise Http404
    if relationship.pk in selectors.visible_relationship_ids(viewer=request.user, client=person):
        return redirect("clients:detail", person.pk)
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        read = selectors.earlier_relationship_read(
            viewer=request.user, relationship=relationship, purpose=form.stored_purpose()
        )
        context = {
            "person": person,
            "relationship": relationship,
            "purpose": form.shown_purpose(),
            **read,
        }
        return render_page(request, "clients/relationship_read.html", context=context)
    return render_page(
        request,
        "clients/relationship_purpose.html",
        context={"form": form, "person": person, "relationship": relationship},
    )


@require_POST
def reveal_identity_code(request: AuthedRequest, client_id: int) -> HttpResponse:
    """Show the full identity code; the reveal is logged as its own access event."""
    person = access_client(request.user, client_id, what=ClientRead.IDENTITY_CODE)
    context = {
        "person": person,
        "revealed": True,
        "temporary_code": identity.is_temporary(person.identity_code or ""),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render_page(request, "clients/detail_identity.html", context=context)
    return render_page(request, "clients/identity_revealed.html", context=context)


def edit(request: AuthedRequest, client_id: int) -> HttpResponse:
    """Edit the client's details; a concurrent save is refused and the input kept."""
    person = access_client(request.user, client_id, what=ClientRead.EDIT_DETAILS)
    relationship = selectors.open_relationship(client=person)
    if relationship is None:
        raise PermissionDenied
    require_caseworker(request.user, relationship)
    initial = {name: getattr(person, name) for name in services.CLIENT_FIELDS}
    initial["identity_code"] = person.identity_code or ""
    initial["version"] = person.version
    # The identity code is masked here too; showing it (to read or change it) is its own
    # logged reveal, and the form keeps what was typed meanwhile.
    reveal = request.method == "POST" and "reveal_identity_code" in request.POST
    revealed = not person.identity_code or (
        request.method == "POST" and request.POST.get("identity_code_shown") == "1"
    )
    if reveal:
        access_client(request.user, client_id, what=ClientRead.IDENTITY_CODE)
        posted = {name: value for name, value in request.POST.items() if name in initial}
        form = ClientForm(initial=initial | posted | {"identity_code": person.identity_code})
    else:
        form = ClientForm(
            request.POST or None,
            initial=initial,
            kept_identity_code="" if revealed else person.identity_code or "",
        )
    if not (reveal or revealed):
        del form.fields["identity_code"]
    if not sees_address(request.user, person, [relationship]):
        # A covering colleague edits contact details but never sees the protected address.
        for name in (*selectors.ADDRESS_FIELDS, "non_disclosure"):
            del form.fields[name]
    if request.method == "POST" and not reveal and form.is_valid():
        data = form.cleaned_data
        try:
            services.client_update(
                actor=request.user,
                client=person,
                version=data.get("version") or 0,
                **_client_fields(data),
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(person))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The client's details were saved."))
            return redirect("clients:detail", person.pk)
    return render_page(
        request,
        "clients/edit.html",
        context={"form": form, "person": person, "identity_code_shown": reveal or revealed},
    )


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


def meeting_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Book a meeting (S3): date, time, duration, channel, place and participants."""
    relationship = access_relationship(request.user, relationship_id, what=ClientRead.BOOKING)
    form = MeetingForm(
        request.POST or None,
        initial={
            "duration_minutes": 60,
            "channel": "in_person",
            "location": relationship.unit.address,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_book(
                actor=request.user,
                relationship=relationship,
                starts_at=form.starts_at(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                channel=form.cleaned_data["channel"],
                location=form.cleaned_data["location"],
                participants=form.cleaned_data["participants"],
            )
        except ValidationError as error:
            add_service_errors(form, error, field_map={"starts_at": "date"})
        else:
            messages.success(request, _("The meeting was booked."))
            return redirect("clients:detail", meeting.relationship.client_id)
    return render_page(
        request, "clients/meeting_new.html", context={"form": form, "relationship": relationship}
    )


def meeting_record(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """Record the meeting with the mandatory informing checklist and the outcome branch."""
    meeting = access_meeting(request.user, meeting_id, what=ClientRead.MEETING_RECORD)
    own_page = selectors.meeting_page(meeting, "record")
    if own_page is not None:  # the joint meeting is recorded as held on the plan's page
        return redirect(own_page)
    initial = selectors.meeting_record_initial(meeting, services.MEETING_RECORD_FIELDS)
    form = MeetingRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_record(
                actor=request.user,
                meeting=meeting,
                version=data["version"],
                informing=form.informing(),
                mark_held=data["mark_held"],
                **{name: data[name] for name in services.MEETING_RECORD_FIELDS},
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(meeting))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting record was saved."))
            return redirect("clients:detail", meeting.relationship.client_id)
    return render_page(
        request, "clients/meeting_record.html", context={"form": form, "meeting": meeting}
    )


@require_POST
def meeting_cancel(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """Cancel a booked meeting (it stays on the timeline)."""
    meeting = access_meeting(request.user, meeting_id, what=ClientRead.MEETING_CANCELLATION)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.meeting_cancel(actor=request.user, meeting=meeting, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting was cancelled."))
    return redirect("clients:detail", meeting.relationship.client_id)


def meeting_invitation(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """The invitation letter as a PDF in the client's language; POST records that it was sent."""
    meeting = access_meeting(request.user, meeting_id, what=ClientRead.MEETING_INVITATION)
    relationship = meeting.relationship
    person = relationship.client
    own_page = selectors.meeting_page(meeting, "invitation")
    if own_page is not None and request.method != "POST":
        return redirect(own_page)  # one meeting, one invitation: the joint meeting's own letter
    if request.method == "POST":
        try:
            services.invitation_send(actor=request.user, meeting=meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation was recorded as sent."))
        return redirect("clients:detail", person.pk)
    pdf = render_pdf(
        "clients/invitation_letter.html",
        letter_context(
            relationship=relationship,
            title=_invitation_title(person.language),
            author=request.user,
            meeting=meeting,
            unit=relationship.unit,
            show_address=not person.non_disclosure,
        ),
        language=person.language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="kutsu.pdf"'
    return response


def _invitation_title(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(_("Invitation to a meeting"))


def contact_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Log a contact to the client: letter, phone call or message, with its outcome."""
    relationship = access_relationship(
        request.user, relationship_id, what=ClientRead.LOGGING_CONTACT
    )
    form = ContactForm(
        request.POST or None, initial={"contacted_on": clock.today(), "submission": uuid.uuid4()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log(actor=request.user, relationship=relationship, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact was logged."))
            return redirect("clients:detail", relationship.client_id)
    return render_page(
        request, "clients/contact_new.html", context={"form": form, "relationship": relationship}
    )
