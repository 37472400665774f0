"""The joint meeting with the employment authority: booking, recording it held, its invitation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients import services as client_services
from polku.clients.forms import MeetingForm
from polku.core.documents import render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.pathways import selectors, services
from polku.pathways.access import access_plan
from polku.pathways.events import PathwayRead
from polku.pathways.forms import JointMeetingHeldForm
from polku.pathways.views.plans import _plan_action


@require_POST
def joint_meeting_book(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """Book the joint meeting with the employment authority for the draft plan."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.JOINT_MEETING)
    form = MeetingForm(request.POST, auto_id="id_joint_%s")
    return _plan_action(
        request,
        plan,
        form,
        lambda d: services.joint_meeting_book(
            actor=request.user,
            plan=plan,
            starts_at=form.starts_at(),
            duration_minutes=d["duration_minutes"],
            channel=d["channel"],
            location=d["location"],
            participants=d["participants"],
        ),
        _("The joint meeting was booked."),
        "joint_form",
    )


def joint_meeting_held(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """Record the plan's joint meeting as held: its own form (the day and notes), not the
    first meeting's record. The client page's "Record" for the meeting leads here."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.JOINT_MEETING)
    meeting = plan.joint_meeting
    if meeting is None:
        raise Http404
    form = JointMeetingHeldForm(
        request.POST or None,
        initial=selectors.joint_meeting_held_initial(meeting),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.joint_meeting_held(
                actor=request.user,
                plan=plan,
                held_on=data["held_on"],
                notes=data["notes"],
                version=data["version"],
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(meeting))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The joint meeting was recorded as held."))
            return redirect("pathways:plan", plan.pk)
    return render_page(
        request,
        "pathways/joint_meeting_held.html",
        context={"form": form, "plan": plan, "meeting": meeting},
    )


def joint_invitation(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The invitation to the joint meeting as a PDF in the client's language; POST records
    that it was sent (a disclosure and a letter contact, as for every invitation)."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.JOINT_MEETING_INVITATION)
    meeting = plan.joint_meeting
    if meeting is None:
        raise Http404
    if request.method == "POST":
        try:
            client_services.invitation_send(actor=request.user, meeting=meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation was recorded as sent."))
        return redirect("pathways:plan", plan.pk)
    pdf = render_pdf(
        "pathways/joint_invitation_document.html",
        selectors.joint_invitation_document(plan=plan, meeting=meeting, author=request.user),
        language=plan.relationship.client.language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="kutsu-yhteistapaaminen.pdf"'
    return response
