"""Plan pages (S4–S7), pathway transitions and the work queue (Tänään)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.accounts.views import start_context
from polku.audit import services as audit
from polku.clients import services as client_services
from polku.clients.access import access_relationship, require_caseworker
from polku.clients.documents import letter_context
from polku.clients.forms import MeetingForm
from polku.clients.models import Stage
from polku.core import clock
from polku.core.documents import render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.pathways import rules, selectors, services, workqueue
from polku.pathways.access import access_joint_plan, access_option, access_plan, joint_plans_of
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
    PlanStatus,
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
    rows = list(
        joint_plans_of(request.user)
        .select_related(
            "relationship__client", "relationship__responsible_worker", "employment_authority"
        )
        .order_by("-updated_at", "-pk")[:100]
    )
    audit.record_access_many(
        actor=request.user,
        client_ids=[plan.relationship.client_id for plan in rows],
        what=PathwayRead.JOINT_PLANS,
        basis="employment_authority_party",
    )
    context = start_context(request.user) | {"plans": rows}
    return render_page(request, "pathways/joint_plans.html", context=context)


def joint_plan(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """One joint plan, read-only."""
    plan = access_joint_plan(request.user, plan_id)
    return render_page(
        request,
        "pathways/joint_plan.html",
        context={
            "plan": plan,
            "options": list(plan.options.select_related("place")),
            "signatures": list(plan.signatures.all()),
        },
    )


def plans(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    """All plan documents of a relationship, the current plan and the possible next stages."""
    relationship = access_relationship(request.user, relationship_id, what=PathwayRead.PLANS)
    overview = selectors.plans_overview(relationship=relationship)
    return render_page(
        request,
        "pathways/plans.html",
        context={
            "o": overview,
            "relationship": relationship,
            "start_form": PlanStartForm(),
            "today": clock.today(),
        },
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
    doc = model.objects.filter(relationship=relationship).order_by("-number").first()
    versions = list(model.objects.filter(relationship=relationship).select_related("author"))
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
                form.data = with_version(form.data, model.objects.get(pk=doc.pk).version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("pathways:document", relationship.pk, kind)
    return render_page(
        request,
        "pathways/document.html",
        context={
            "form": form,
            "doc": doc,
            "versions": versions,
            "relationship": relationship,
            "title": model._meta.verbose_name,
            "reason_form": reason_form,
        },
    )


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
    overview = selectors.plans_overview(relationship=relationship)
    return render_page(
        request,
        "pathways/plans.html",
        context={"o": overview, "relationship": relationship, "start_form": form},
    )


def _parties(signatures: list[PlanSignature]) -> str:
    """The signed parties with their signers' names, for the void warning and message."""
    return ", ".join(f"{s.get_party_display()} ({s.signer_name})" for s in signatures)


def _signatures_before(plan: ActivationPlan) -> list[PlanSignature]:
    return list(plan.signatures.all()) if plan.status == PlanStatus.DRAFT else []


def _say_voided(request: AuthedRequest, before: list[PlanSignature]) -> None:
    """After a change: name the signatures it voided (the service logged them as voided)."""
    kept = set(
        PlanSignature.objects.filter(pk__in=[s.pk for s in before]).values_list("pk", flat=True)
    )
    voided = [s for s in before if s.pk not in kept]
    if voided:
        messages.warning(
            request,
            _("The change voided the signatures of %(parties)s: they sign the changed plan again.")
            % {"parties": _parties(voided)},
        )


def _plan_context(request: AuthedRequest, plan: ActivationPlan, **forms: Any) -> dict[str, Any]:
    relationship = plan.relationship
    defaults = {
        "form": PlanForm(initial=PlanForm.initial_for(plan), plan=plan),
        "option_form": OptionForm(),
        "signature_form": SignatureForm(initial={"signed_on": clock.today()}),
        "refusal_form": RefusalForm(),
        "reflection_form": ReflectionForm(),
        "visit_form": VisitForm(plan=plan, initial={"visited_on": clock.today()}),
        "second_form": SecondPlanForm(plan=plan),
        "correct_form": ReasonForm(),
        "disclosure_form": DisclosureForm(),
        "joint_form": MeetingForm(
            initial={"duration_minutes": 60, "channel": "in_person", "location": ""},
            auto_id="id_joint_%s",
        ),
    }
    defaults.update(forms)
    signatures = list(plan.signatures.all())
    return defaults | {
        "plan": plan,
        "relationship": relationship,
        "options": list(plan.options.select_related("place")),
        "signatures": signatures,
        "voids": _parties(signatures) if plan.status == PlanStatus.DRAFT else "",
        "visits": list(plan.visits.select_related("option__place")),
        "versions": selectors.plan_versions(relationship),
        "signing_missing": services.signing_missing(plan)
        if plan.status == PlanStatus.DRAFT
        else [],
        "max_review": rules.max_review_date(signed_on=plan.signed_on or clock.today()),
        "mts_deadline": rules.mts_deadline(plan),
        "today": clock.today(),
        "now": clock.now(),
        "can_start_second": plan.round == 1
        and plan.status == PlanStatus.SIGNED
        and relationship.stage == Stage.S6_REFLECTION,
    }


def plan_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The activation plan: contents, options, signatures, reflection; POST saves the contents."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.PLAN)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_for(plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = _signatures_before(plan)
        try:
            services.plan_update(actor=request.user, plan=plan, version=data.pop("version"), **data)
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, ActivationPlan.objects.get(pk=plan.pk).version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            _say_voided(request, before)
            return redirect("pathways:plan", plan.pk)
    return render_page(
        request, "pathways/plan.html", context=_plan_context(request, plan, form=form)
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
        before = _signatures_before(plan)
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
    return render_page(
        request, "pathways/plan.html", context=_plan_context(request, plan, **{form_name: form})
    )


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
    before = _signatures_before(plan)
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
        initial={"held_on": timezone.localdate(meeting.starts_at), "version": meeting.version},
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
            form.data = with_version(form.data, type(meeting).objects.get(pk=meeting.pk).version)
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
    relationship = plan.relationship
    person = relationship.client
    if request.method == "POST":
        try:
            client_services.invitation_send(actor=request.user, meeting=meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation was recorded as sent."))
        return redirect("pathways:plan", plan.pk)
    with translation.override(person.language):
        title = str(_("Invitation to the joint meeting with the employment authority"))
    pdf = render_pdf(
        "pathways/joint_invitation_document.html",
        letter_context(
            relationship=relationship,
            title=title,
            author=request.user,
            meeting=meeting,
            plan=plan,
            unit=relationship.unit,
            show_address=not person.non_disclosure,
        ),
        language=person.language,
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
            context=_plan_context(request, plan, disclosure_form=form),
        )
    relationship = plan.relationship
    person = relationship.client
    copy = services.plan_disclose(
        actor=request.user, plan=plan, recipient=form.cleaned_data["recipient"]
    )
    with translation.override(person.language):
        title = str(plan.get_plan_type_display())
        identity = copy.identity_code or (
            _("born %(date)s") % {"date": f"{person.birth_date:%-d.%-m.%Y}"}
        )
    pdf = render_pdf(
        "pathways/plan_document.html",
        letter_context(
            relationship=relationship,
            title=title,
            author=plan.author,
            identity=identity,
            plan=plan,
            options=list(plan.options.select_related("place")),
            signatures=list(plan.signatures.all()),
            show_address=copy.address,
        ),
        language=person.language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="aktivointisuunnitelma.pdf"'
    return response


@require_POST
def notice_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The information notice about the activation plan, in the client's language."""
    plan = access_plan(request.user, plan_id, what=PathwayRead.INFORMATION_NOTICE)
    services.notice_disclose(actor=request.user, plan=plan)
    relationship = plan.relationship
    person = relationship.client
    with translation.override(person.language):
        title = str(_("Information notice about the activation plan"))
    pdf = render_pdf(
        "pathways/notice_document.html",
        letter_context(
            relationship=relationship,
            title=title,
            author=request.user,
            unit=relationship.unit,
            worker=relationship.responsible_worker,
        ),
        language=person.language,
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
        require_caseworker(request.user, relationship)
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
