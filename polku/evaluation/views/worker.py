"""The responsible worker's pages: the goals and evaluations of a relationship, a goal's form,
answering a proposal, starting an evaluation and the evaluation page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.requests import AuthedRequest
from polku.clients.access import access_relationship
from polku.clients.selectors import stored_version
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.evaluation import selectors, services
from polku.evaluation.access import access_evaluation, access_goal, access_proposal
from polku.evaluation.events import EvaluationRead
from polku.evaluation.forms import (
    AnswerForm,
    FinishForm,
    GoalForm,
    GoalsSectionForm,
    SelfSectionForm,
    StartForm,
)
from polku.evaluation.models import GoalProposal, SectionPart


def overview(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=EvaluationRead.OVERVIEW)
    page = selectors.overview_page(relationship=relationship, start_form=StartForm())
    return render_page(request, "evaluation/overview.html", context=page)


def _proposal(request: AuthedRequest) -> GoalProposal | None:
    raw = request.POST.get("proposal") or request.GET.get("proposal")
    return access_proposal(request.user, int(raw)) if raw and raw.isdigit() else None


def goal_new(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=EvaluationRead.OVERVIEW)
    proposal = _proposal(request)
    initial: dict[str, Any] = {"baseline": "-1"}
    if proposal is not None:
        initial |= {"wording": proposal.text, "proposal": proposal.pk}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_create(
                actor=request.user,
                relationship=relationship,
                proposal=proposal,
                **form.goal_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("evaluation:overview", relationship.pk)
    return render_page(
        request,
        "evaluation/goal_form.html",
        context={"relationship": relationship, "form": form, "proposal": proposal, "goal": None},
    )


def goal_edit(request: AuthedRequest, goal_id: int) -> HttpResponse:
    goal = access_goal(request.user, goal_id)
    proposal = _proposal(request)
    initial = GoalForm.initial_of(goal) | ({"proposal": proposal.pk} if proposal else {})
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                version=form.cleaned_data["version"] or 0,
                proposal=proposal,
                **form.goal_fields(),
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, stored_version(goal))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("evaluation:overview", goal.relationship_id)
    return render_page(
        request,
        "evaluation/goal_form.html",
        context={
            "relationship": goal.relationship,
            "form": form,
            "proposal": proposal,
            "goal": goal,
        },
    )


@require_POST
def proposal_answer(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    proposal = access_proposal(request.user, proposal_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_answer(
                actor=request.user, proposal=proposal, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer was saved; the client sees it in OmaPolku."))
            return redirect("evaluation:overview", proposal.relationship_id)
    page = selectors.overview_page(
        relationship=proposal.relationship,
        start_form=StartForm(),
        answer_form=form,
        answer_for=proposal.pk,
    )
    return render_page(request, "evaluation/overview.html", context=page)


@require_POST
def evaluation_start(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(request.user, relationship_id, what=EvaluationRead.OVERVIEW)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            evaluation = services.evaluation_start(
                actor=request.user, relationship=relationship, kind=form.cleaned_data["kind"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation was started."))
            return redirect("evaluation:evaluation", evaluation.pk)
    page = selectors.overview_page(relationship=relationship, start_form=form)
    return render_page(request, "evaluation/overview.html", context=page)


def evaluation(request: AuthedRequest, evaluation_id: int) -> HttpResponse:
    """The worker's evaluation page: the background, every section, the goals section's form
    and the self-evaluation from paper, and finishing at the joint meeting."""
    found = access_evaluation(request.user, evaluation_id)
    view = selectors.evaluation_view(found)
    goals = [r.goal for r in view.goal_ratings]
    action = request.POST.get("action") if request.method == "POST" else None
    goals_section = view.sections[SectionPart.GOALS]
    self_section = view.sections[SectionPart.SELF]
    goals_form = GoalsSectionForm(
        request.POST if action == "goals" else None,
        goals=goals,
        initial=GoalsSectionForm.initial_of(
            goals_section.data, goals_section.version, goals_section.complete
        ),
    )
    self_form = SelfSectionForm(
        request.POST if action == "self" else None,
        initial=SelfSectionForm.initial_of(
            self_section.data, self_section.version, self_section.complete
        ),
    )
    finish_form = FinishForm(
        request.POST if action == "finish" else None, initial={"version": found.version}
    )
    form = {"goals": goals_form, "self": self_form, "finish": finish_form}.get(action or "")
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "goals":
                services.goals_section_save(
                    actor=request.user,
                    evaluation=found,
                    version=data["version"],
                    ratings=goals_form.ratings(),
                    complete=data["complete"],
                    submission=data["submission"],
                )
            elif action == "self":
                services.self_section_save(
                    actor=request.user,
                    evaluation=found,
                    version=data["version"],
                    answers=self_form.answers(),
                    complete=data["complete"],
                    submission=data["submission"],
                )
            else:
                services.evaluation_finish(
                    actor=request.user,
                    evaluation=found,
                    version=data["version"],
                    met_on=data["met_on"],
                    participants=data["participants"],
                )
        except EditConflict as error:
            form.add_error(None, error)
            obj = found if action == "finish" else view.sections[action or ""]
            form.data = with_version(form.data, stored_version(obj))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The evaluation was finished.") if action == "finish" else _("Saved."),
            )
            return redirect("evaluation:evaluation", found.pk)
    return render_page(
        request,
        "evaluation/evaluation.html",
        context={
            "view": view,
            "goals_form": goals_form,
            "goal_rows": list(zip(view.goal_ratings, goals_form.rows(), strict=True)),
            "self_form": self_form,
            "finish_form": finish_form,
        },
    )
