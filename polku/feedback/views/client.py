"""OmaPolku: feedback, the end-of-period survey, the feedback box and complaints, in plain
language (SPEC §6). Every page is the client's own: ``access_own_client`` logs the read with
the basis "self"; staff roles get 403."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import pgettext

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.clients.access import access_own_client
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.feedback import selectors, services
from polku.feedback.errors import FeedbackError
from polku.feedback.events import FeedbackRead
from polku.feedback.forms import ComplaintForm, MessageForm, SurveyForm


def feedback_home(request: AuthedRequest) -> HttpResponse:
    """ "Give feedback": the open surveys, the feedback box, how to complain, and what the client
    has sent with its state."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=FeedbackRead.OWN_FEEDBACK)
    return render_page(
        request, "feedback/home.html", context=selectors.feedback_home(client=person)
    )


def survey(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The end-of-period survey of one of the client's ended periods (404 when not open to
    them; once answered, back to "Give feedback" saying so). A refusal keeps every answer
    given."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=FeedbackRead.SURVEY)
    period = selectors.offered_period(person, period_id)
    if period is None:
        if selectors.survey_answered(person, period_id):
            return _answered(request)
        raise Http404
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                actor=request.user, client=person, period=period, answers=form.answers()
            )
        except ValidationError as error:
            if getattr(error, "code", None) == FeedbackError.ALREADY_ANSWERED:
                return _answered(request)
            add_service_errors(form, error)
        else:
            messages.success(request, _thanks())
            return redirect("feedback:home")
    return render_page(request, "feedback/survey.html", context={"period": period, "form": form})


def _thanks() -> str:
    return pgettext(
        "client portal", "Thank you for your answers! Nobody can see which answers are yours."
    )


def _answered(request: AuthedRequest) -> HttpResponse:
    """Back to "Give feedback" from a survey already answered. Followed again, the link
    says so; the answers sent again (a double click: the first send stored them) only
    thank, once. The browser follows the last send's redirect only, and the first send's
    thanks may meanwhile be shown to a page it abandoned, so this send gives the thanks
    itself: the waiting messages are stored again with the thanks once, written with this
    response rather than left as they were read."""
    if request.method != "POST":
        messages.info(
            request,
            pgettext(
                "client portal",
                "You have already answered this survey. Thank you for your answers!",
            ),
        )
        return redirect("feedback:home")
    thanks = _thanks()
    waiting = list(messages.get_messages(request))  # read: stored again below, not dropped
    for message in waiting:
        if str(message) != thanks:
            messages.add_message(
                request, message.level, message.message, extra_tags=message.extra_tags
            )
    messages.success(request, thanks)
    return redirect("feedback:home")


def message_new(request: AuthedRequest) -> HttpResponse:
    """The feedback box: a message to the managers of the client's unit, not to their worker.
    Sent twice (a double click), it is stored once."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=FeedbackRead.OWN_FEEDBACK)
    form = MessageForm(
        request.POST or None,
        initial={"submission": uuid.uuid4()},
        places=selectors.client_places(person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(
                actor=request.user,
                client=person,
                text=form.cleaned_data["text"],
                place=form.chosen_place(),
                show_name=form.cleaned_data["show_name"],
                submission=form.cleaned_data.get("submission"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                pgettext("client portal", "Thank you! Your message is sent. It is read soon."),
            )
            return redirect("feedback:home")
    page = selectors.feedback_home(client=person)
    return render_page(request, "feedback/message.html", context={**page, "form": form})


def complaint_info(request: AuthedRequest) -> HttpResponse:
    """How to complain (muistutus, 812/2000 §23), in plain language, and the client's own
    complaints with their state and answer."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=FeedbackRead.OWN_COMPLAINTS)
    return render_page(
        request, "feedback/complaint_info.html", context=selectors.complaint_page(client=person)
    )


def complaint_new(request: AuthedRequest) -> HttpResponse:
    """The complaint form. Sent twice, it is stored once; an empty one is refused with what was
    typed kept."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=FeedbackRead.OWN_COMPLAINTS)
    form = ComplaintForm(request.POST or None, initial={"submission": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_make(actor=request.user, client=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                pgettext(
                    "client portal",
                    "Your complaint is sent. You get a written answer. You can follow it here.",
                ),
            )
            return redirect("feedback:complaint_info")
    page = selectors.complaint_page(client=person)
    return render_page(request, "feedback/complaint_new.html", context={**page, "form": form})
