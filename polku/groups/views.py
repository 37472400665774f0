"""The group pages (SPEC §7, §4). Thin: access helpers resolve, selectors read and log,
services decide and write (STYLE.md §2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from polku.accounts.access import require_capability
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability, has_capability
from polku.attendance.keys import attendance_keys
from polku.core import clock
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.groups import access, selectors, services
from polku.groups.errors import GroupError
from polku.groups.forms import (
    EnrolmentEndForm,
    EnrolmentForm,
    FeedbackForm,
    FeedbackRoundForm,
    GroupEditForm,
    GroupForm,
    SessionForm,
    mark_cells,
    notice_choices,
    read_marks,
    status_choices,
)
from polku.groups.models import (
    Enrolment,
    FeedbackKind,
    Group,
    GroupFeedback,
    GroupKind,
    LegalStatus,
)


def group_list(request: AuthedRequest) -> HttpResponse:
    """The groups the user may see, with free places (no client data)."""
    access.require_any(request.user, access.PAGE_CAPABILITIES)
    groups = selectors.group_list(viewer=request.user)
    return render_page(request, "groups/list.html", context={"groups": groups})


def group_new(request: AuthedRequest) -> HttpResponse:
    require_capability(request.user, Capability.USE_WORKER_DESK)
    form = GroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.group_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                organiser=data["organiser"],
                partner=data["partner"],
                partner_name=data["partner_name"],
                description=data["description"],
                instructors=list(data["instructors"]),
                weekdays=data["weekdays"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                location=data["location"],
                capacity=data["capacity"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                submission=data["submission"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("groups:detail", group.pk)
    elif request.method == "POST":
        # The service's refusals of what the form could read, shown with the form's own.
        given = {k: v for k, v in form.cleaned_data.items() if k in GROUP_CHECKED}
        if "instructors" in given:
            given["instructors"] = list(given["instructors"])
        errors = services.group_create_errors(request.user, **given)
        extra = {k: v for k, v in errors.items() if k not in form.errors}
        if extra:
            add_service_errors(form, ValidationError(extra))
    return render_page(request, "groups/group_new.html", context={"form": form})


GROUP_CHECKED = frozenset(
    {"organiser", "weekdays", "starts_at", "ends_at", "starts_on", "ends_on", "instructors"}
    | {"partner", "partner_name"}
)


def group_edit(request: AuthedRequest, group_id: int) -> HttpResponse:
    """Edit a group: a worker of its organiser. Every refusal at once, a stale version
    refused with the form kept. A new time says first how many sessions it moves (the form
    comes back with the notice; saving again moves them); the weekdays and the start date are
    shown with the reason they are fixed once the group has sessions."""
    group = access.access_organised_group(request.user, group_id)
    change = selectors.session_time_change(group, today=clock.today())
    has_sessions = bool(change.moving or change.own_time or change.held)
    initial = {
        "name": group.name,
        "partner": group.partner_id,
        "partner_name": group.partner_name,
        "description": group.description,
        "instructors": [person.pk for person in selectors.group_instructors(group)],
        "weekdays": list(group.weekdays),
        "starts_at": group.starts_at,
        "ends_at": group.ends_at,
        "place": group.place_id,
        "location": group.location,
        "capacity": group.capacity,
        "starts_on": group.starts_on,
        "ends_on": group.ends_on,
        "version": group.version,
    }
    form = GroupEditForm(
        request.POST or None,
        user=request.user,
        initial=initial,
        group=group,
        has_sessions=has_sessions,
    )
    move_notice = ""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        data["instructors"] = list(data["instructors"])
        try:
            services.group_update(actor=request.user, group=group, version=version, **data)
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.current_version(Group, group.pk))
        except ValidationError as error:
            move_notice = _take_move_notice(error)
            if move_notice:  # the user is told, and saving again moves them
                told = request.POST.copy()
                told["sessions_moving"] = str(len(change.moving))
                form.data = told
            if not hasattr(error, "error_dict") or error.error_dict:
                add_service_errors(form, error)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("groups:detail", group.pk)
    return render_page(
        request,
        "groups/group_edit.html",
        context={
            "form": form,
            "group": group,
            "change": change,
            "move_notice": move_notice,
            "fixed_by_sessions": services.fixed_by_sessions_message() if has_sessions else "",
        },
    )


def _take_move_notice(error: ValidationError) -> str:
    """The refusal that only says what a new time moves, taken out of ``error`` (it is shown
    as a notice to confirm, not as an error); empty when there is none."""
    notice = ""
    if not hasattr(error, "error_dict"):
        return notice
    for field in list(error.error_dict):
        kept = []
        for item in error.error_dict[field]:
            if item.code == GroupError.SESSIONS_WOULD_MOVE:
                notice = " ".join(item.messages)
            else:
                kept.append(item)
        if kept:
            error.error_dict[field] = kept
        else:
            del error.error_dict[field]
    return notice


def group_detail(request: AuthedRequest, group_id: int) -> HttpResponse:
    group = access.access_group(request.user, group_id)
    page = selectors.group_page(viewer=request.user, group=group)
    return render_page(
        request,
        "groups/detail.html",
        context={
            "page": page,
            "group": group,
            "may_manage": access.may_manage(request.user, group),
            "may_edit": access.is_organiser_worker(request.user, group),
            "may_enrol": has_capability(request.user, Capability.USE_WORKER_DESK),
        },
    )


def session_new(request: AuthedRequest, group_id: int) -> HttpResponse:
    group = access.access_managed_group(request.user, group_id)
    form = SessionForm(
        request.POST or None,
        initial={
            "day": selectors.next_session_day(group),
            "starts_at": group.starts_at,
            "ends_at": group.ends_at,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_add(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session was added."))
            return redirect("groups:detail", group.pk)
    return render_page(request, "groups/session_new.html", context={"form": form, "group": group})


def enrol(request: AuthedRequest, group_id: int) -> HttpResponse:
    require_capability(request.user, Capability.USE_WORKER_DESK)
    group = access.access_group(request.user, group_id)
    initial = {
        "status": LegalStatus.KUTY if group.kind == GroupKind.KUTY else LegalStatus.OTHER_SERVICE,
        "starts_on": group.starts_on,
    }
    form = EnrolmentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enrolment_add(
                actor=request.user,
                group=group,
                relationship=data["relationship"],
                status=data["status"],
                other_service=data["other_service"],
                compensation=data["compensation"],
                travel_compensation=data["travel_compensation"],
                agreed_on=data["agreed_on"],
                agreement=data["agreement"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                submission=data["submission"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The client was enrolled in the group."))
            return redirect("groups:detail", group.pk)
    elif request.method == "POST":
        # The service's refusals of what the form could read, shown with the form's own.
        given = {k: v for k, v in form.cleaned_data.items() if k in ENROLMENT_CHECKED}
        errors = services.enrolment_add_errors(group, **given)
        extra = {k: v for k, v in errors.items() if k not in form.errors}
        if extra:
            add_service_errors(form, ValidationError(extra))
    # A full group says so before the form is filled (the group page offers no link then);
    # a form sent back keeps what was typed, with the refusal among its errors.
    full = not form.is_bound and selectors.free_places(group) == 0
    return render_page(
        request,
        "groups/enrol.html",
        context={
            "form": form,
            "group": group,
            "full": full,
            "may_edit": full and access.is_organiser_worker(request.user, group),
        },
    )


ENROLMENT_CHECKED = frozenset(
    {"relationship", "status", "agreed_on", "agreement", "starts_on", "ends_on"}
    | {"other_service", "compensation"}
)


def session(request: AuthedRequest, session_id: int) -> HttpResponse:
    """The session's attendance form (the instructors) and its feedback note."""
    found = access.access_session(request.user, session_id)
    rows = selectors.session_rows(viewer=request.user, session=found)
    posted = request.method == "POST"
    saving_feedback = posted and "feedback" in request.POST
    future = found.day > clock.today()
    cells = mark_cells(
        rows, request.POST if posted and not saving_feedback else None, future=future
    )
    feedback = FeedbackForm(
        request.POST if saving_feedback else None,
        initial={"feedback_note": found.feedback_note, "version": found.version},
    )
    errors: list[str] = []
    if saving_feedback and feedback.is_valid():
        try:
            services.session_feedback_record(
                actor=request.user,
                session=found,
                feedback_note=feedback.cleaned_data["feedback_note"],
                version=feedback.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(feedback, error)
        else:
            messages.success(request, _("The feedback was saved."))
            return redirect("groups:session", found.pk)
    elif posted and not saving_feedback:
        entries, bad = read_marks(cells)
        if bad:
            errors = bad
        else:
            try:
                saved = services.session_attendance_record(
                    actor=request.user, session=found, entries=entries
                )
            except ValidationError as error:
                errors = list(error.messages)
            else:
                messages.success(
                    request,
                    ngettext("%(count)s mark was saved.", "%(count)s marks were saved.", len(saved))
                    % {"count": len(saved)},
                )
                return redirect("groups:session", found.pk)
    return render_page(
        request,
        "groups/session.html",
        context={
            "session": found,
            "group": found.group,
            "cells": cells,
            "choices": status_choices(),
            "notices": notice_choices(),
            "keys": attendance_keys(),
            "future": future,
            "errors": errors,
            "feedback": feedback,
        },
    )


def feedback(request: AuthedRequest, group_id: int, kind: str) -> HttpResponse:
    """The group's feedback round at the mid-point or at the end: an instructor or a worker
    of the organiser writes down what the participants said, what works and what to change."""
    group = access.access_managed_group(request.user, group_id)
    if kind not in FeedbackKind.values:
        raise Http404
    found = selectors.feedback_of(group, kind)
    initial: dict[str, object] = {"given_on": None}
    if found is not None:
        initial = {
            "given_on": found.given_on,
            "said": found.said,
            "works": found.works,
            "change": found.change,
            "version": found.version,
        }
    form = FeedbackRoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feedback_record(
                actor=request.user,
                group=group,
                kind=kind,
                given_on=data["given_on"],
                said=data["said"],
                works=data["works"],
                change=data["change"],
                version=data["version"],
            )
        except EditConflict as error:
            form.add_error(None, error)
            if found is not None:
                current = selectors.current_version(GroupFeedback, found.pk)
                form.data = with_version(form.data, current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The feedback was saved."))
            return redirect("groups:detail", group.pk)
    return render_page(
        request,
        "groups/feedback.html",
        context={
            "form": form,
            "group": group,
            "kind_label": FeedbackKind(kind).label,
            "found": found,
        },
    )


def enrolment_end(request: AuthedRequest, enrolment_id: int) -> HttpResponse:
    """End a participation early: the date and the reason, then a confirmation that says what
    it changes (the sessions after the date the person is no longer on), then the save."""
    enrolment = access.access_enrolment(request.user, enrolment_id)
    form = EnrolmentEndForm(
        request.POST or None, initial={"ends_on": clock.today(), "version": enrolment.version}
    )
    confirming = False
    ends_on = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ends_on = data["ends_on"]
        if "confirm" in request.POST:
            try:
                services.enrolment_end(
                    actor=request.user,
                    enrolment=enrolment,
                    ends_on=ends_on,
                    reason=data["reason"],
                    version=data["version"] or 0,
                )
            except EditConflict as error:
                form.add_error(None, error)
                current = selectors.current_version(Enrolment, enrolment.pk)
                form.data = with_version(form.data, current)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The participation was ended."))
                return redirect("groups:detail", enrolment.group_id)
        else:
            errors = services.enrolment_end_errors(enrolment, ends_on, data["reason"])
            if errors:
                add_service_errors(form, ValidationError(errors))
            else:
                confirming = True
    later = selectors.enrolment_end_page(
        viewer=request.user, enrolment=enrolment, ends_on=ends_on if confirming else None
    )
    return render_page(
        request,
        "groups/enrolment_end.html",
        context={
            "form": form,
            "enrolment": enrolment,
            "group": enrolment.group,
            "confirming": confirming,
            "later": later,
            "ends_on": ends_on,
        },
    )
