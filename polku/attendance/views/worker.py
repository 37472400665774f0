"""The responsible worker's pages of a period's attendance (SPEC §4, §2 S11): the month
calendar with its corrections and contacts, the interruption reported and resolved; and the
place supervisor's page for reporting an interruption and seeing how it was resolved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from polku.accounts.requests import AuthedRequest
from polku.attendance import services
from polku.attendance.models import Initiator, Interruption
from polku.attendance.selectors import worker as selectors
from polku.attendance.worker_forms import ContactForm, DayForm, InterruptionForm, ResolveForm
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict


def _page_url(period_id: int, month: Any) -> str:
    return f"{reverse('attendance:period_attendance', args=[period_id])}?kk={month:%Y-%m}"


def _day_initial(page: selectors.PeriodAttendance) -> dict[str, Any]:
    cell = page.selected
    if cell is None:
        return {}
    record = cell.record
    if record is None:
        return {"day": cell.day, "status": "", "hours": page.period.hours_per_day}
    return {
        "day": cell.day,
        "status": record.status,
        "hours": record.hours,
        "reason": record.reason,
        "notice": record.notice,
        "certificate_on": record.certificate_on,
        "moved_to": record.moved_to,
        "note": record.note,
        "version": record.version,
    }


def period_attendance(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The period's attendance for the responsible worker: GET the month (``kk``) and a day to
    correct (``paiva``); POST ``action=day`` corrects the day, ``action=contact`` records a
    contact about an absence."""
    period = selectors.access_period_attendance(request.user, period_id)
    action = request.POST.get("action") if request.method == "POST" else None
    day_value = request.POST.get("day") if action == "day" else request.GET.get("paiva")
    page = selectors.period_attendance_page(
        period=period, month=request.GET.get("kk"), selected=selectors.parse_day(day_value)
    )
    day_form = DayForm(request.POST if action == "day" else None, initial=_day_initial(page))
    contact_form = ContactForm(
        request.POST if action == "contact" else None, absences=selectors.absence_choices(page)
    )
    if action == "day" and day_form.is_valid():
        data = day_form.cleaned_data
        entry = services.DayEntry(
            period=period,
            day=data["day"],
            status=data["status"],
            hours=data["hours"],
            reason=data["reason"],
            notice=data["notice"],
            certificate_on=data["certificate_on"],
            moved_to=data["moved_to"],
            note=data["note"],
            correction_reason=data["correction_reason"],
            version=data["version"],
        )
        try:
            services.day_record(actor=request.user, entry=entry)
        except EditConflict as error:
            day_form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(day_form, error)
        else:
            messages.success(request, _("The day was recorded."))
            return redirect(_page_url(period.pk, data["day"]))
    if action == "contact" and contact_form.is_valid():
        data = contact_form.cleaned_data
        try:
            services.absence_contact_record(
                actor=request.user,
                period=period,
                absence=selectors.absence_of(page, data["absence"]),
                contacted_on=data["contacted_on"],
                channel=data["channel"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(contact_form, error)
        else:
            messages.success(request, _("The contact was recorded."))
            return redirect(_page_url(period.pk, page.month))
    return render_page(
        request,
        "attendance/period_attendance.html",
        context={"page": page, "day_form": day_form, "contact_form": contact_form},
    )


def _tell_replaced(request: AuthedRequest, found: Interruption) -> None:
    """Say what the interruption undid: the absences reported in advance it replaced."""
    if found.replaced_absences:
        messages.info(
            request,
            ngettext(
                "%(count)s absence reported in advance for a later day was removed: the "
                "interruption replaces it.",
                "%(count)s absences reported in advance for later days were removed: the "
                "interruption replaces them.",
                found.replaced_absences,
            )
            % {"count": found.replaced_absences},
        )


def interruption_new(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The responsible worker reports an interruption of the period."""
    period = selectors.access_period_attendance(request.user, period_id)
    form = InterruptionForm(request.POST or None, initial={"initiated_by": Initiator.WORKER})
    if request.method == "POST" and form.is_valid():
        try:
            found = services.interruption_report(
                actor=request.user, period=period, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interruption was recorded."))
            _tell_replaced(request, found)
            return redirect("attendance:interruption", found.pk)
    return render_page(
        request, "attendance/interruption_new.html", context={"period": period, "form": form}
    )


def interruption(request: AuthedRequest, interruption_id: int) -> HttpResponse:
    """An interruption: what was reported; the worker's clarification and resolution."""
    found = selectors.access_interruption(request.user, interruption_id)
    form = ResolveForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.interruption_resolve(
                actor=request.user, interruption=found, **form.cleaned_data
            )
        except EditConflict as error:
            form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interruption was resolved."))
            return redirect("attendance:period_attendance", found.period_id)
    return render_page(
        request,
        "attendance/interruption_resolve.html",
        context={"interruption": found, "period": found.period, "form": form},
    )


def place_interruption(request: AuthedRequest, period_id: int) -> HttpResponse:
    """The place supervisor reports an interruption of a client's period at their place, and
    sees how the responsible worker resolved it (the reason as told to the place)."""
    period = selectors.access_place_period(request.user, period_id)
    form = InterruptionForm(request.POST or None, initial={"initiated_by": Initiator.PLACE})
    if request.method == "POST" and form.is_valid():
        try:
            found = services.interruption_report(
                actor=request.user, period=period, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _tell_replaced(request, found)
            messages.success(
                request,
                _(
                    "The interruption was recorded. The responsible worker clarifies it with the client."
                ),
            )
            return redirect("attendance:place_interruption", period.pk)
    rows = selectors.place_interruptions(period=period)
    return render_page(
        request,
        "attendance/interruption_place.html",
        context={
            "period": period,
            "interruptions": rows,
            "open": any(not row.outcome for row in rows),
            "form": form,
        },
    )
