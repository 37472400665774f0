"""Meetings (S3): booking, the record with its informing checklist, cancelling, the invitation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients import selectors, services
from polku.clients.access import access_meeting, access_relationship
from polku.clients.documents import letter_context
from polku.clients.events import ClientRead
from polku.clients.forms import MeetingForm, MeetingRecordForm
from polku.core.documents import client_document_language, pdf_response, render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version


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


INVITATION_FILENAMES = {"fi": "kutsu.pdf", "sv": "kallelse.pdf", "en": "invitation.pdf"}


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
    return pdf_response(
        pdf, INVITATION_FILENAMES, language=client_document_language(person.language)
    )


def _invitation_title(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(_("Invitation to a meeting"))
