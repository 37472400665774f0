"""The place catalogue and a client's place suggestions, each reason shown in words."""

from __future__ import annotations

from django.http import HttpResponse

from polku.accounts.access import capability_required
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients.access import access_relationship
from polku.core.htmx import render_page
from polku.placements import geo, selectors
from polku.placements.events import PlacementRead
from polku.placements.forms import CatalogueForm, NeedsForm
from polku.placements.matching import search, suggest

SUGGESTIONS_SHOWN = 20
"""The best places a client's suggestions show; "show all" gives the rest."""
SHOW_ALL = "kaikki"


@capability_required(Capability.USE_WORKER_DESK)
def catalogue(request: AuthedRequest) -> HttpResponse:
    form = CatalogueForm(request.GET or None)
    places = selectors.place_facts()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        code = data.get("home_postal_code")
        places = search(
            places,
            field=data.get("field") or None,
            text=data.get("text") or None,
            municipality=data.get("municipality") or None,
            max_km=data.get("max_km"),
            home=geo.coordinates_for(code) if code else None,
            accessibility=data.get("accessibility") or None,
            free_only=bool(data.get("free_only")),
        )
    return render_page(
        request, "placements/catalogue.html", "results", {"form": form, "places": places}
    )


def suggestions(request: AuthedRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(
        request.user, relationship_id, what=PlacementRead.SUGGESTIONS
    )
    home = selectors.home_of(relationship)
    if request.GET:
        form = NeedsForm(request.GET)
    else:
        form = NeedsForm(initial={"goals": selectors.client_plan_goals(relationship)})
    ranked = (
        suggest(form.needs(home=home), selectors.place_facts(producers_only=True))
        if form.is_bound and form.is_valid()
        else []
    )
    # The best places first; every place only when asked (a county has hundreds, and a page of
    # every one of them with its reasons cost most of the page's time, docs/performance.md).
    show_all = request.GET.get(SHOW_ALL) == "1"
    shown = ranked if show_all else ranked[:SUGGESTIONS_SHOWN]
    everything = request.GET.copy()
    everything[SHOW_ALL] = "1"
    return render_page(
        request,
        "placements/suggestions.html",
        "results",
        {
            "relationship": relationship,
            "form": form,
            "suggestions": shown,
            "suggestions_count": len(ranked),
            "show_all_query": everything.urlencode() if len(shown) < len(ranked) else "",
            "home": home,
        },
    )


@capability_required(Capability.USE_PLACE_PORTAL)
def place_clients(request: AuthedRequest) -> HttpResponse:
    """The place supervisor's clients during their periods, with only what SPEC §1 allows."""
    rows = selectors.place_clients(viewer=request.user)
    return render_page(request, "placements/place_clients.html", context={"rows": rows})
