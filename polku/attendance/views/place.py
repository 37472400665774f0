"""The place portal (SPEC §4, §6): my place today on a tablet, the week grid for the whole
place, and closures. Thin: the selectors read and log, the services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from polku.accounts.access import capability_required
from polku.accounts.models import Unit
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.attendance import services
from polku.attendance.keys import attendance_keys
from polku.attendance.place_forms import CloseForm, PlaceDayForm, read_week
from polku.attendance.selectors import place as selectors
from polku.attendance.services.days import DayEntry
from polku.core import clock
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.rules import day_label

TODAY_TEMPLATE = "attendance/place_today.html"
ROW_TEMPLATE = "attendance/place_today_row.html"
WEEK_TEMPLATE = "attendance/place_week.html"


def _choose(request: AuthedRequest, target: str, title: str) -> HttpResponse:
    """A supervisor of one place goes straight to it; of several, chooses the place."""
    places = selectors.supervised_places(viewer=request.user)
    if len(places) == 1:
        return redirect(target, places[0].pk)
    return render_page(
        request,
        "attendance/place_choose.html",
        context={"places": places, "target": target, "title": title},
    )


@capability_required(Capability.USE_PLACE_PORTAL)
def place_today_home(request: AuthedRequest) -> HttpResponse:
    return _choose(request, "attendance:place_today", _("Attendance today"))


@capability_required(Capability.USE_PLACE_PORTAL)
def place_week_home(request: AuthedRequest) -> HttpResponse:
    return _choose(request, "attendance:place_week", _("Attendance week"))


def _day_form(row: selectors.TodayRow, data: Any = None) -> PlaceDayForm:
    record = row.record
    initial: dict[str, Any] = {"hours": row.hours, "version": record.version if record else None}
    if record is not None:
        initial |= {
            "hours": record.hours or row.hours,
            "reason": record.reason,
            "notice": record.notice or "on_the_day",
        }
    return PlaceDayForm(data, prefix=f"p{row.period.pk}", initial=initial)


def place_today(request: AuthedRequest, place_id: int) -> HttpResponse:
    """My place today: the clients expected today, one tap per client."""
    place = selectors.access_place(request.user, place_id, need=Capability.USE_PLACE_PORTAL)
    day = selectors.place_day(viewer=request.user, place=place)
    rows = [(row, _day_form(row)) for row in day.rows]
    return render_page(request, TODAY_TEMPLATE, context={"day": day, "rows": rows})


def _entry(period: Any, form: PlaceDayForm) -> DayEntry:
    data = form.cleaned_data
    present = data["status"] == "present"
    return DayEntry(
        period=period,
        day=clock.today(),
        status=data["status"],
        hours=data.get("hours") if present else None,
        reason="" if present else data.get("reason") or "",
        notice="" if present else data.get("notice") or "",
        version=data.get("version"),
    )


@require_POST
def place_day_record(request: AuthedRequest, place_id: int, period_id: int) -> HttpResponse:
    """Save one client's day of today (an htmx row, or a plain form without JavaScript). A
    day someone recorded meanwhile is shown with what they recorded; what was typed stays."""
    place = selectors.access_place(request.user, place_id, need=Capability.RECORD_ATTENDANCE)
    period = selectors.access_place_period(request.user, place, period_id)
    form = PlaceDayForm(request.POST, prefix=f"p{period.pk}")
    refusal: ValidationError | None = None
    if form.is_valid():
        try:
            services.day_record(actor=request.user, entry=_entry(period, form))
        except ValidationError as error:
            refusal = error
        else:
            return _saved(request, place, period)
    row = selectors.today_row(viewer=request.user, place=place, period=period)
    if refusal is not None and row is not None:
        # The form keeps what was typed; its version is the record's now, so saving again
        # is a deliberate choice after seeing the other entry.
        data = request.POST.copy()
        data[f"p{period.pk}-version"] = str(row.record.version) if row.record else ""
        form = _day_form(row, data)
        form.is_valid()
    if refusal is not None:
        add_service_errors(form, refusal)
    if request.htmx and row is not None:  # type: ignore[attr-defined]
        return render_page(
            request, ROW_TEMPLATE, context={"row": row, "form": form, "place": place}
        )
    # Without JavaScript (or for a client not expected today) the whole page, with the
    # refused row's form as it was sent and any refusal of another day on top.
    day = selectors.place_day(viewer=request.user, place=place)
    rows = [(r, form if r.period.pk == period.pk else _day_form(r)) for r in day.rows]
    errors = (
        []
        if row is not None
        else [str(e) for e in form.non_field_errors()]
        + [
            str(e)
            for name in ("status", "hours", "reason", "notice")
            for e in form.errors.get(name, [])
        ]
    )
    return render_page(
        request, TODAY_TEMPLATE, context={"day": day, "rows": rows, "errors": errors}
    )


def _saved(request: AuthedRequest, place: Unit, period: Any) -> HttpResponse:
    row = selectors.today_row(viewer=request.user, place=place, period=period)
    if not request.htmx or row is None:  # type: ignore[attr-defined]
        messages.success(
            request,
            _("%(name)s: saved.") % {"name": period.relationship.client.full_name},
        )
        return redirect(reverse("attendance:place_today", args=[place.pk]) + f"#row-{period.pk}")
    return render_page(
        request,
        ROW_TEMPLATE,
        context={
            "row": row,
            "form": _day_form(row),
            "place": place,
            "saved": _("%(name)s: %(status)s, saved.")
            % {"name": row.name, "status": row.status_text},
        },
    )


def _week_day(request: AuthedRequest) -> dt.date | None:
    text = request.GET.get("viikko") or request.POST.get("viikko") or ""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def place_week(request: AuthedRequest, place_id: int) -> HttpResponse:
    """The week grid: a row per client, a cell per day; changed cells are saved together in
    one request and one transaction (``services.week_record``)."""
    need = Capability.RECORD_ATTENDANCE if request.method == "POST" else Capability.USE_PLACE_PORTAL
    place = selectors.access_place(request.user, place_id, need=need)
    grid = selectors.place_week(viewer=request.user, place=place, day=_week_day(request))
    errors: list[str] = []
    correction_reason = ""
    if request.method == "POST":
        entries, correction_reason, bad = read_week(grid, request.POST)
        if bad:
            errors.append(
                _("A status the place cannot choose was sent for: %(cells)s.")
                % {"cells": "; ".join(bad)}
            )
        elif not entries:
            messages.info(request, _("Nothing changed in the week."))
            return redirect(_week_url(place, grid.monday))
        else:
            try:
                services.week_record(actor=request.user, entries=entries)
            except ValidationError as error:
                errors += [str(message) for message in error.messages]
            else:
                messages.success(
                    request,
                    ngettext("%(count)s day saved.", "%(count)s days saved.", len(entries))
                    % {"count": len(entries)},
                )
                return redirect(_week_url(place, grid.monday))
    return render_page(
        request,
        WEEK_TEMPLATE,
        context={
            "grid": grid,
            "keys": attendance_keys(),
            "errors": errors,
            "correction_reason": correction_reason,
        },
    )


def _week_url(place: Unit, monday: dt.date) -> str:
    return reverse("attendance:place_week", args=[place.pk]) + f"?viikko={monday.isoformat()}"


@require_http_methods(["GET", "POST"])
def place_close(request: AuthedRequest, place_id: int) -> HttpResponse:
    """Mark a range of days closed for the whole place in one action."""
    place = selectors.access_place(request.user, place_id, need=Capability.RECORD_ATTENDANCE)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = services.place_close(actor=request.user, place=place, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            first = form.cleaned_data["first_day"]
            messages.success(
                request,
                ngettext(
                    "%(count)s day marked closed from %(date)s.",
                    "%(count)s days marked closed from %(date)s.",
                    len(rows),
                )
                % {"count": len(rows), "date": day_label(first)},
            )
            return redirect(_week_url(place, selectors.monday_of(first)))
    return render_page(
        request,
        "attendance/place_close.html",
        context={
            "place": place,
            "form": form,
            "closures": selectors.upcoming_closures(place=place),
        },
    )
