"""OmaPolku: the client's own pages, in plain language (SPEC §6)."""

from __future__ import annotations

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
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.rules import day_label
from polku.portal import selectors, services
from polku.portal.events import PortalRead
from polku.portal.forms import AbsenceForm


def client_start(request: AuthedRequest) -> HttpResponse:
    """The client's start page: who they are and whom to contact. The read is logged."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.START_PAGE)
    page = selectors.start_page(viewer=request.user, client=person)
    return render_page(request, "portal/start.html", context=page)


def absence_report(request: AuthedRequest) -> HttpResponse:
    """The client reports an absence: a day or several, a reason and a short message. A
    refusal is shown in plain words with everything typed kept."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=PortalRead.ABSENCE_REPORT)
    form = AbsenceForm(request.POST or None, initial={"first_day": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.absence_report(actor=request.user, client=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                pgettext(
                    "client portal",
                    "Thank you. Your absence is marked: %(days)s. "
                    "The place and your worker can see it now.",
                )
                % {"days": ", ".join(day_label(record.day) for record in saved)},
            )
            return redirect("portal:client_start")
    page = selectors.absence_page(client=person)
    return render_page(request, "portal/absence.html", context={**page, "form": form})


def my_attendance(request: AuthedRequest) -> HttpResponse:
    """The client's days of this and the previous month, and the participation days left."""
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=AttendanceRead.OWN_ATTENDANCE)
    page = selectors.my_attendance(client=person)
    return render_page(request, "portal/attendance.html", context=page)
