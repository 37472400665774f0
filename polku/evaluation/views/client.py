"""OmaPolku, the client's own pages: my goals (read-only, with a proposal in my own words) and
my self-evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import pgettext

from polku.accounts.access import require_role
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Role
from polku.clients.access import access_own_client
from polku.clients.selectors import stored_version
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.evaluation import selectors, services
from polku.evaluation.access import access_own_evaluation
from polku.evaluation.events import EvaluationRead
from polku.evaluation.forms import ProposalForm, SelfSectionForm
from polku.evaluation.models import SectionPart


def my_goals(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.CLIENT)
    person = access_own_client(request.user, what=EvaluationRead.OWN_GOALS)
    page = selectors.own_goals_page(client=person)
    relationship = page["relationship"]
    goals = page.get("goals", [])
    form = ProposalForm(request.POST or None, goals=goals)
    if request.method == "POST":
        if relationship is None:
            raise Http404
        if form.is_valid():
            goal = next((g for g in goals if g.pk == form.cleaned_data["goal"]), None)
            try:
                services.proposal_create(
                    actor=request.user,
                    relationship=relationship,
                    goal=goal,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    pgettext("OmaPolku", "Thank you. Your worker will look at your proposal."),
                )
                return redirect("evaluation:my_goals")
    page["form"] = form
    return render_page(request, "evaluation/my_goals.html", context=page)


def my_evaluation(request: AuthedRequest, evaluation_id: int) -> HttpResponse:
    found = access_own_evaluation(request.user, evaluation_id)
    section = selectors.section_of(found, SectionPart.SELF)
    form = SelfSectionForm(
        request.POST or None,
        client_words=True,
        initial=SelfSectionForm.initial_of(section.data, section.version, section.complete),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_section_save(
                actor=request.user,
                evaluation=found,
                version=form.cleaned_data["version"],
                answers=form.answers(),
                complete=form.cleaned_data["complete"],
                submission=form.cleaned_data["submission"],
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, stored_version(section))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, pgettext("OmaPolku", "Your self-evaluation was saved."))
            return redirect("evaluation:my_evaluation", found.pk)
    page = selectors.own_evaluation_page(evaluation=found, form=form)
    return render_page(request, "evaluation/my_evaluation.html", context=page)
