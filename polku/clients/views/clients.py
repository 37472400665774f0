"""The caseload and one client's pages: the client page, an earlier relationship, the identity
code shown, the client's details edited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polku.accounts.access import capability_required
from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability
from polku.clients import identity, selectors, services
from polku.clients.access import access_client, require_caseworker, sees_address
from polku.clients.events import ClientRead
from polku.clients.forms import CaseloadFilterForm, ClientForm, PurposeForm
from polku.core.htmx import render_page
from polku.core.versioning import EditConflict, with_version


def _client_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data.get(name) for name in services.CLIENT_FIELDS if name in data}


@capability_required(Capability.USE_WORKER_DESK)
def caseload(request: AuthedRequest) -> HttpResponse:
    """My clients, with filters, sorting and pages; constant queries however many rows."""
    form = CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", "name")
    page = selectors.caseload_page(
        viewer=request.user,
        page=request.GET.get("page"),
        stage=filters.get("stage", ""),
        meeting=filters.get("meeting", ""),
        sort=sort,
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    return render_page(
        request,
        "clients/caseload.html",
        "results",
        {
            "form": form,
            "page_obj": page,
            "sort": sort,
            "query": query.urlencode(),
            "pager_query": f"{query.urlencode()}&sort={sort}",
        },
    )


def detail(request: AuthedRequest, client_id: int) -> HttpResponse:
    """The client page: details, stepper, next steps, meetings and the timeline."""
    person = access_client(request.user, client_id, what=ClientRead.CLIENT_PAGE)
    earlier = request.GET.get("aiemmat", "")
    page = selectors.client_page(
        viewer=request.user,
        client=person,
        timeline_before=int(earlier) if earlier.isdigit() else None,
    )
    return render_page(request, "clients/detail.html", context=page.context())


def relationship_purpose(
    request: AuthedRequest, client_id: int, relationship_id: int
) -> HttpResponse:
    """An earlier relationship the viewer has no basis for: asks for the purpose of use first.

    The page asks (GET); the read with the stated purpose is logged as its own access event and
    shows that relationship's events (POST). A relationship the viewer has a basis for needs no
    purpose: its events are on the client page.
    """
    person = access_client(request.user, client_id, what=ClientRead.EARLIER_ASKED)
    relationship = selectors.earlier_relationship(client=person, relationship_id=relationship_id)
    if relationship is None:
        raise Http404
    if relationship.pk in selectors.visible_relationship_ids(viewer=request.user, client=person):
        return redirect("clients:detail", person.pk)
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        read = selectors.earlier_relationship_read(
            viewer=request.user, relationship=relationship, purpose=form.stored_purpose()
        )
        context = {
            "person": person,
            "relationship": relationship,
            "purpose": form.shown_purpose(),
            **read,
        }
        return render_page(request, "clients/relationship_read.html", context=context)
    return render_page(
        request,
        "clients/relationship_purpose.html",
        context={"form": form, "person": person, "relationship": relationship},
    )


@require_POST
def reveal_identity_code(request: AuthedRequest, client_id: int) -> HttpResponse:
    """Show the full identity code; the reveal is logged as its own access event."""
    person = access_client(request.user, client_id, what=ClientRead.IDENTITY_CODE)
    context = {
        "person": person,
        "revealed": True,
        "temporary_code": identity.is_temporary(person.identity_code or ""),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render_page(request, "clients/detail_identity.html", context=context)
    return render_page(request, "clients/identity_revealed.html", context=context)


def edit(request: AuthedRequest, client_id: int) -> HttpResponse:
    """Edit the client's details; a concurrent save is refused and the input kept."""
    person = access_client(request.user, client_id, what=ClientRead.EDIT_DETAILS)
    relationship = selectors.open_relationship(client=person)
    if relationship is None:
        raise PermissionDenied
    require_caseworker(request.user, relationship)
    initial = {name: getattr(person, name) for name in services.CLIENT_FIELDS}
    initial["identity_code"] = person.identity_code or ""
    initial["version"] = person.version
    # The identity code is masked here too; showing it (to read or change it) is its own
    # logged reveal, and the form keeps what was typed meanwhile.
    reveal = request.method == "POST" and "reveal_identity_code" in request.POST
    revealed = not person.identity_code or (
        request.method == "POST" and request.POST.get("identity_code_shown") == "1"
    )
    if reveal:
        access_client(request.user, client_id, what=ClientRead.IDENTITY_CODE)
        posted = {name: value for name, value in request.POST.items() if name in initial}
        form = ClientForm(initial=initial | posted | {"identity_code": person.identity_code})
    else:
        form = ClientForm(
            request.POST or None,
            initial=initial,
            kept_identity_code="" if revealed else person.identity_code or "",
        )
    if not (reveal or revealed):
        del form.fields["identity_code"]
    if not sees_address(request.user, person, [relationship]):
        # A covering colleague edits contact details but never sees the protected address.
        for name in (*selectors.ADDRESS_FIELDS, "non_disclosure"):
            del form.fields[name]
    if request.method == "POST" and not reveal and form.is_valid():
        data = form.cleaned_data
        try:
            services.client_update(
                actor=request.user,
                client=person,
                version=data.get("version") or 0,
                **_client_fields(data),
            )
        except EditConflict as error:
            form.add_error(None, error)
            form.data = with_version(form.data, selectors.stored_version(person))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The client's details were saved."))
            return redirect("clients:detail", person.pk)
    return render_page(
        request,
        "clients/edit.html",
        context={"form": form, "person": person, "identity_code_shown": reveal or revealed},
    )
