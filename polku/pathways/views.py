"""Plan pages (S4–S7), pathway transitions and the work queue (Tänään)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.accounts.views import start_context
from polku.clients import services as client_services
from polku.clients.access import access_relationship
from polku.clients.forms import MeetingForm
from polku.clients.models import Stage
from polku.core.documents import render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.pathways import selectors, services, workqueue
from polku.pathways.access import access_joint_plan, access_option, access_plan
from polku.pathways.events import PathwayRead
from polku.pathways.forms import (
    DisclosureForm,
    DocumentForm,
    JointMeetingHeldForm,
    OptionForm,
    PlanForm,
    PlanStartForm,
    ReasonForm,
    ReflectionForm,
    RefusalForm,
    SecondPlanForm,
    SignatureForm,
    VisitForm,
)
from polku.pathways.models import (
    ActivationPlan,
    Assessment,
    ClientPlan,
    PlanSignature,
)

DOCUMENT_KINDS: dict[str, type[Assessment] | type[ClientPlan]] = {
    "arviointi": Assessment,
    "asiakassuunnitelma": ClientPlan,
}


def today(request: AuthedRequest) -> HttpResponse:
    """Tänään: the work queue derived from the data; the worker's start page."""
    require_role(request.user, Role.WORKER, Role.DECISION_MAKER)
    items = workqueue.work_queue(viewer=request.user)
    context = start_context(request.user) | {"items": items}
    return render_page(request, "pathways/today.html", context=context)


def joint_plans(request: AuthedRequest) -> HttpResponse:
    """The employment-authority official's start page: joint plans where they are a party."""
    require_role(request.user, Role.EMPLOYMENT_OFFICIAL)
    rows = selectors.joint_plans_page(viewer=request.user)
    context = start_context(request.user) | {"plans": rows}
    return render_page(request, "pathways/joint_plans.html", context=context)


def joint_plan(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """One joint plan, read-only."""
    plan = access_joint_plan(request.user, plan_id)
    return render_page(
        request, "pathways/joint_plan.html", context=selectors.joint_plan_page(plan=plan)
    )


def plans(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """All plan documents of a relationship, the current plan and the possible next stages."""
    relationship = access_relationship(request.user, relationship_id, what=PathwayRead.PLANS)
    return render_page(
        request, "pathways/plans.html", context=selectors.plans_page(relationship=relationship)
    )


def document_edit(request: AuthedRequest, relationship_id: int, kind: str) -> HttpResponse:
    """The service-need assessment or the client plan: edit the draft, complete, revise."""
    model = DOCUMENT_KINDS.get(kind)
    if model is None:
        raise Http404
    relationship = access_relationship(
        request.user, relationship_id, what=services.document_read(model)
    )
    names = services.DOCUMENT_FIELDS[model]
    doc = selectors.latest_document(relationship=relationship, model=model)
    initial: dict[str, Any] = {name: getattr(doc, name) for name in names} if doc else {}
    initial["version"] = doc.version if doc else None
    reason_form = ReasonForm()
    revising = request.method == "POST" and "reason" in request.POST and doc is not None
    form = DocumentForm(
        None if revising else (request.POST or None), model=model, names=names, initial=initial
    )
    if revising and doc is not None:
        reason_form = ReasonForm(request.POST)
        if reason_form.is_valid():
            try:
                services.document_revise(
                    actor=request.user, doc=doc, reason=reason_form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(reason_form, error)
            else:
                messages.success(request, _("A new version was made."))
                return redirect("pathways:document", relationship.pk, kind)
    elif request.method == "POST" and form.is_valid():
        try:
            services.document_save(
                actor=request.user,
                model=model,
                relationship=relationship,
                version=form.cleaned_data.get("version"),
                complete=form.cleaned_data["complete"],
                fields={name: form.cleaned_data[name] for name in names},
            )
        except EditConflict as error:
            form.add_error(None, error)
            if doc is not None:
                form.data = with_version(form.data, selectors.stored_version(doc))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("pathways:document", relationship.pk, kind)
    context = selectors.document_page(
        relationship=relationship, model=model, doc=doc, form=form, reason_form=reason_form
    )
    return render_page(request, "pathways/document.html", context=context)


@require_POST
def plan_start(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=PathwayRead.PLAN)
    form = PlanStartForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_start(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("pathways:plan", plan.pk)
    context = selectors.plans_page(relationship=relationship, start_form=form)
    return render_page(request, "pathways/plans.html", context=context)


def _say_voided(request: AuthedRequest, before: list[PlanSignature]) -> None:
    """After a change: name the signatures it voided (the service logged them as voided)."""
    voided = selectors.voided(before)
    if voided:
        messages.warning(
            request,
            _("The change voided the signatures of %(parties)s: they sign the changed plan again.")
            % {"parties": selectors.signature_parties(voided)},
        )


def plan_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The activation plan: contents, options, signatures, reflection; POST saves the contents."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.PLAN)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_for(plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = selectors.signatures_at_risk(plan)
        try:
            services.plan_update(actor=request.user, plan=plan, version=data.pop("version"), **data)
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(plan))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            _say_voided(request, before)
            return redirect("pathways:plan", plan.pk)
    return render_page(
        request, "pathways/plan.html", context=selectors.plan_page(plan=plan, form=form)
    )


def _plan_action(
    request: AuthedRequest,
    plan: ActivationPlan,
    form: Any,
    action: Any,
    success: str,
    form_name: str,
) -> HttpResponse:
    """Validate, call the service, and go to the plan it returns (a new version goes to itself)."""
    if form.is_valid():
        before = selectors.signatures_at_risk(plan)
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            _say_voided(request, before)
            target = result if isinstance(result, ActivationPlan) else plan
            return redirect("pathways:plan", target.pk)
    plan.refresh_from_db()
    context = selectors.plan_page(plan=plan, **{form_name: form})
    return render_page(request, "pathways/plan.html", context=context)


@require_POST
def option_add(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.OPTIONS)
    return _plan_action(
        request,
        plan,
        OptionForm(request.POST),
        lambda d: services.option_add(actor=request.user, plan=plan, **d),
        _("The option was added."),
        "option_form",
    )


@require_POST
def option_remove(request: AuthedRequest, option_id: int) -> HttpResponse:
    option = access_option(request.user, option_id, what=PathwayRead.OPTIONS)
    plan = option.plan
    before = selectors.signatures_at_risk(plan)
    try:
        services.option_remove(actor=request.user, option=option)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _say_voided(request, before)
    return redirect("pathways:plan", plan.pk)


@require_POST
def plan_sign(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.SIGNING)
    return _plan_action(
        request,
        plan,
        SignatureForm(request.POST),
        lambda d: services.plan_sign(actor=request.user, plan=plan, **d),
        _("The signature was recorded."),
        "signature_form",
    )


@require_POST
def plan_refuse(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.REFUSAL)
    return _plan_action(
        request,
        plan,
        RefusalForm(request.POST),
        lambda d: services.plan_refuse(actor=request.user, plan=plan, **d),
        _("The refusal was recorded."),
        "refusal_form",
    )


@require_POST
def plan_reflection(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.REFLECTION)
    return _plan_action(
        request,
        plan,
        ReflectionForm(request.POST),
        lambda d: services.plan_reflection(actor=request.user, plan=plan, **d),
        _("The decision date was saved."),
        "reflection_form",
    )


@require_POST
def visit_add(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.VISITS)
    return _plan_action(
        request,
        plan,
        VisitForm(request.POST, plan=plan),
        lambda d: services.visit_add(actor=request.user, plan=plan, **d),
        _("The visit was recorded."),
        "visit_form",
    )


@require_POST
def plan_second(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.SECOND_PLAN)
    return _plan_action(
        request,
        plan,
        SecondPlanForm(request.POST, plan=plan),
        lambda d: services.plan_second(
            actor=request.user,
            relationship=plan.relationship,
            chosen_option=d["chosen_option"],
            how=d["how"],
            back_to_mapping=d["back_to_mapping"],
        ),
        _("The second plan was started."),
        "second_form",
    )


@require_POST
def plan_correct(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, what=PathwayRead.CORRECTION)
    return _plan_action(
        request,
        plan,
        ReasonForm(request.POST),
        lambda d: services.plan_correct(actor=request.user, plan=plan, reason=d["reason"]),
        _("A corrected version was made. It is signed again."),
        "correct_form",
    )


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


@require_POST
def plan_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The whole plan as a PDF in the client's language; giving it out is a disclosure."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.PLAN_PDF)
    form = DisclosureForm(request.POST)
    if not form.is_valid():
        return render_page(
            request,
            "pathways/plan.html",
            context=selectors.plan_page(plan=plan, disclosure_form=form),
        )
    copy = services.plan_disclose(
        actor=request.user, plan=plan, recipient=form.cleaned_data["recipient"]
    )
    pdf = render_pdf(
        "pathways/plan_document.html",
        selectors.plan_document(plan=plan, copy=copy),
        language=plan.relationship.client.language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="aktivointisuunnitelma.pdf"'
    return response


@require_POST
def notice_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The information notice about the activation plan, in the client's language."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.INFORMATION_NOTICE)
    services.notice_disclose(actor=request.user, plan=plan)
    pdf = render_pdf(
        "pathways/notice_document.html",
        selectors.notice_document(plan=plan, author=request.user),
        language=plan.relationship.client.language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="tiedote.pdf"'
    return response


@require_POST
def transition(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """Move the pathway to another stage; a refused move says what is missing."""
    relationship = access_relationship(
        request.user, relationship_id, what=PathwayRead.PATHWAY_STAGE
    )
    try:
        target = Stage(request.POST.get("stage", ""))
        services.transition(actor=request.user, relationship=relationship, target=target)
    except ValueError:
        messages.error(request, _("Unknown stage."))
    except ValidationError as error:
        messages.error(
            request,
            _("The stage was not changed: %(missing)s") % {"missing": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("The stage is now “%(stage)s”.") % {"stage": target.label})
    return redirect("pathways:plans", relationship.pk)
