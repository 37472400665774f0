"""The eligibility page of a relationship: the inputs, the route and why, and what the
benefit-sanction rules say. Polku informs; the official decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.requests import AuthedRequest
from polku.core import clock
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.eligibility import selectors, services
from polku.eligibility.access import access_eligibility
from polku.eligibility.events import EligibilityRead
from polku.eligibility.forms import EligibilityForm, SanctionForm


def _initial(latest: selectors.CheckRow | None) -> dict[str, object]:
    """Today's date; the other inputs as last saved, so a correction needs only the change."""
    if latest is None:
        return {"assessed_on": clock.today(), "employment_plan": "none"}
    check = latest.check
    return {
        "assessed_on": clock.today(),
        "subsidy_days_total": check.subsidy_days_total,
        "subsidy_days_12m": check.subsidy_days_12m,
        "social_assistance_main_income": "yes" if check.social_assistance_main_income else "no",
        "employment_plan": check.employment_plan,
    }


def eligibility(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_eligibility(request.user, relationship_id, what=EligibilityRead.PAGE)
    context = selectors.eligibility_page(relationship=relationship)
    form = EligibilityForm(request.POST or None, initial=_initial(context["latest"]))
    if request.method == "POST" and form.is_valid():
        try:
            services.eligibility_check_record(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The inputs were saved."))
            return redirect("eligibility:eligibility", relationship.pk)
    sanction_form = SanctionForm(request.GET if "failures" in request.GET else None)
    sanction = None
    if sanction_form.is_bound and sanction_form.is_valid():
        sanction = selectors.sanction_view(
            failures=sanction_form.cleaned_data["failures"], on=clock.today()
        )
    context.update({"form": form, "sanction_form": sanction_form, "sanction": sanction})
    return render_page(request, "eligibility/eligibility.html", context=context)
