"""The service network's pages: thin views over the access helpers, selectors and services."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from polku.accounts.access import require_capability
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients.access import access_own_client
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version
from polku.network import selectors, servicemap, services
from polku.network.access import access_opportunity, access_partner, can_manage
from polku.network.events import NetworkRead
from polku.network.forms import MapForm, OpportunityFilterForm, OpportunityForm, PartnerForm
from polku.network.models import Opportunity, Partner


def service_map(request: AuthedRequest) -> HttpResponse:
    """Palvelukartta: places and partners on one page, searchable (seed 002). The desk and
    those who manage the network (it holds no client data); 403 for others."""
    entries = selectors.service_map(viewer=request.user)
    fields = servicemap.field_choices(entries)
    municipalities = sorted({e.municipality for e in entries if e.municipality}, key=str.casefold)
    aliases = {
        e.other_municipality.casefold(): e.municipality
        for e in entries
        if e.municipality and e.other_municipality
    }
    form = MapForm(
        request.GET or None, fields=fields, municipalities=municipalities, aliases=aliases
    )
    shown = entries
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        shown = servicemap.search(
            entries,
            text=data.get("text") or "",
            field=data.get("field") or "",
            municipality=data.get("municipality") or "",
            help_kind=data.get("help") or "",
        )
    return render_page(request, "network/map.html", "results", {"form": form, "entries": shown})


def partners(request: AuthedRequest) -> HttpResponse:
    manage = can_manage(request.user)
    rows = selectors.partners(viewer=request.user, include_inactive=manage)
    return render_page(
        request, "network/partners.html", context={"partners": rows, "can_manage": manage}
    )


def partner(request: AuthedRequest, partner_id: int) -> HttpResponse:
    found = access_partner(request.user, partner_id, what=NetworkRead.PARTNER_PAGE)
    return render_page(
        request,
        "network/partner.html",
        context={
            "partner": found,
            "opportunities": selectors.partner_opportunities(partner=found),
            "can_manage": can_manage(request.user),
        },
    )


def _partner_values(partner: Partner) -> dict[str, object]:
    return {
        "name": partner.name,
        "business_id": partner.business_id,
        "field": partner.field,
        "municipality": partner.municipality,
        "offers": partner.offers,
        "offers_sv": partner.offers_sv,
        "help_kinds": partner.help_kinds,
        "contact_name": partner.contact_name,
        "contact_phone": partner.contact_phone,
        "contact_email": partner.contact_email,
        "active": partner.active,
        "version": partner.version,
    }


def partner_new(request: AuthedRequest) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_NETWORK)
    form = PartnerForm(request.POST or None, initial={"submission": uuid.uuid4(), "active": True})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            saved = services.partner_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partner was saved."))
            return redirect("network:partner", saved.pk)
    elif request.method == "POST":
        _add_partner_errors(form)
    return render_page(request, "network/partner_form.html", context={"form": form})


PARTNER_CHECKED = frozenset({"name", "business_id", "help_kinds"})
OPPORTUNITY_CHECKED = frozenset({"partner", "starts_on", "ends_on", "title"})


def _add_partner_errors(form: PartnerForm, *, exclude: int | None = None) -> None:
    """The service's refusals of what an invalid form could read, shown with its own."""
    given = {k: v for k, v in form.cleaned_data.items() if k in PARTNER_CHECKED}
    errors = services.partner_errors(exclude=exclude, **given)
    extra = {k: v for k, v in errors.items() if k not in form.errors}
    if extra:
        add_service_errors(form, ValidationError(extra))


def _add_opportunity_errors(form: OpportunityForm, *, current: int | None = None) -> None:
    """The service's refusals of what an invalid form could read, shown with its own."""
    given = {k: v for k, v in form.cleaned_data.items() if k in OPPORTUNITY_CHECKED}
    errors = services.opportunity_errors(current_partner_id=current, **given)
    extra = {k: v for k, v in errors.items() if k not in form.errors}
    if extra:
        add_service_errors(form, ValidationError(extra))


def partner_edit(request: AuthedRequest, partner_id: int) -> HttpResponse:
    found = access_partner(request.user, partner_id, what=NetworkRead.PARTNER_PAGE, manage=True)
    form = PartnerForm(request.POST or None, initial=_partner_values(found))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("submission", None)
        version = data.pop("version") or 0
        try:
            services.partner_update(actor=request.user, partner=found, version=version, **data)
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.current_version(Partner, found.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partner was saved."))
            return redirect("network:partner", found.pk)
    elif request.method == "POST":
        _add_partner_errors(form, exclude=found.pk)
    return render_page(
        request, "network/partner_form.html", context={"form": form, "partner": found}
    )


def opportunities(request: AuthedRequest) -> HttpResponse:
    form = OpportunityFilterForm(request.GET or None)
    kind, ended = "", False
    if form.is_bound and form.is_valid():
        kind, ended = form.cleaned_data["kind"], form.cleaned_data["ended"]
    rows = selectors.opportunities(viewer=request.user, kind=kind, include_ended=ended)
    return render_page(
        request,
        "network/opportunities.html",
        "results",
        {"form": form, "opportunities": rows, "can_manage": can_manage(request.user)},
    )


def opportunity(request: AuthedRequest, opportunity_id: int) -> HttpResponse:
    found = access_opportunity(request.user, opportunity_id, what=NetworkRead.OPPORTUNITY_PAGE)
    return render_page(
        request,
        "network/opportunity.html",
        context={"opportunity": found, "can_manage": can_manage(request.user)},
    )


def opportunity_new(request: AuthedRequest) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_NETWORK)
    initial: dict[str, object] = {"submission": uuid.uuid4()}
    if (chosen := request.GET.get("kumppani", "")).isdigit():
        initial["partner"] = int(chosen)
    form = OpportunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            saved = services.opportunity_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opportunity was saved."))
            return redirect("network:opportunity", saved.pk)
    elif request.method == "POST":
        _add_opportunity_errors(form)
    return render_page(request, "network/opportunity_form.html", context={"form": form})


def opportunity_edit(request: AuthedRequest, opportunity_id: int) -> HttpResponse:
    found = access_opportunity(
        request.user, opportunity_id, what=NetworkRead.OPPORTUNITY_PAGE, manage=True
    )
    initial = {
        "kind": found.kind,
        "partner": found.partner_id,
        "title": found.title,
        "title_sv": found.title_sv,
        "description": found.description,
        "description_sv": found.description_sv,
        "municipality": found.municipality,
        "starts_on": found.starts_on,
        "ends_on": found.ends_on,
        "public": found.public,
        "version": found.version,
    }
    form = OpportunityForm(request.POST or None, initial=initial, partner_ids=[found.partner_id])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("submission", None)
        version = data.pop("version") or 0
        try:
            services.opportunity_update(
                actor=request.user, opportunity=found, version=version, **data
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.current_version(Opportunity, found.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opportunity was saved."))
            return redirect("network:opportunity", found.pk)
    elif request.method == "POST":
        _add_opportunity_errors(form, current=found.partner_id)
    return render_page(
        request, "network/opportunity_form.html", context={"form": form, "opportunity": found}
    )


def place_opportunities(request: AuthedRequest) -> HttpResponse:
    """The public opportunities, for the place's supervisor to show at the place."""
    require_capability(request.user, Capability.USE_PLACE_PORTAL)
    rows = selectors.public_opportunities(viewer=request.user)
    return render_page(request, "network/place_opportunities.html", context={"opportunities": rows})


def own_opportunities(request: AuthedRequest) -> HttpResponse:
    """OmaPolku: the public jobs and trainings, in plain words."""
    require_capability(request.user, Capability.USE_CLIENT_PORTAL)
    person = access_own_client(request.user, what=NetworkRead.OWN_OPPORTUNITIES)
    rows = selectors.public_opportunities(viewer=request.user, client=person)
    return render_page(request, "network/own_opportunities.html", context={"opportunities": rows})
