"""The manager's dashboard, its PDF and export, and the yearly statistics with its export.

The filters travel in the query string (GET); an export is a POST carrying its purpose, with
the same query string, and is logged as a disclosure before the file is sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _

from polku.accounts.requests import AuthedRequest
from polku.accounts.roles import Capability, has_capability
from polku.core import clock
from polku.core.documents import render_pdf
from polku.core.forms import add_service_errors
from polku.core.htmx import render_page
from polku.core.replica import stream_from_replica
from polku.metrics import drilldown, exports, selectors, services
from polku.metrics.access import Scope, access_metrics
from polku.metrics.dashboard import Table, filter_labels
from polku.metrics.forms import DrillForm, ExportForm, FilterForm

YEAR = "vuosi"
MIN_YEAR = 2000


def _filter_form(request: AuthedRequest, scope: Scope) -> FilterForm:
    return FilterForm(request.GET, scope=scope)


def dashboard(request: AuthedRequest) -> HttpResponse:
    scope = access_metrics(request.user)
    form = _filter_form(request, scope)
    context: dict[str, Any] = {"form": form, "scope": scope}
    if not form.is_valid():
        return render_page(request, "metrics/dashboard.html", context=context, status=400)
    context |= {
        "board": selectors.dashboard_for(scope=scope, filters=form.filters()),
        "query": form.query(),
        "may_export": _may_export(request),
        "may_see_clients": has_capability(request.user, Capability.VIEW_METRICS_CLIENTS),
    }
    return render_page(request, "metrics/dashboard.html", context=context)


def _may_export(request: AuthedRequest) -> bool:
    return has_capability(request.user, Capability.EXPORT_REPORTS)


def figure_clients(request: AuthedRequest, figure: str, row: str) -> HttpResponse:
    """The clients behind a figure's row: GET asks the purpose (no names), POST shows the list
    and logs an access event per client shown. A figure without a drill-down, or filters the
    manager may not use, is the one 404."""
    scope = access_metrics(request.user, clients=True)
    filter_form = _filter_form(request, scope)
    drill = drilldown.resolve(figure, row)
    if drill is None or not filter_form.is_valid():
        raise Http404
    filters = filter_form.filters()
    form = DrillForm(request.POST if request.method == "POST" else None)
    query = filter_form.query()
    context: dict[str, Any] = {
        "scope": scope,
        "drill": drill,
        "form": form,
        "labels": filter_labels(filters),
        "query": query,
    }
    if request.method == "POST" and form.is_valid():
        context["found"] = selectors.figure_clients(
            viewer=request.user,
            scope=scope,
            filters=filters,
            drill=drill,
            purpose=form.cleaned_data["purpose"],
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render_page(request, "metrics/clients.html", context=context, status=status)


def dashboard_pdf(request: AuthedRequest) -> HttpResponse:
    """The dashboard printable: its tables and charts, figures only (no disclosure: nothing of
    a client is in it, as the attendance report's organiser PDF)."""
    scope = access_metrics(request.user)
    form = _filter_form(request, scope)
    if not form.is_valid():
        raise Http404
    board = selectors.dashboard_for(scope=scope, filters=form.filters())
    context = {
        "document_name": _("Metrics of the client pathway"),
        "organiser_name": board.organiser_name,
        "producer_name": "",
        "client_name": "",
        "client_identity_code": "",
        "author_name": request.user.get_full_name(),
        "author_title": request.user.title_in(),
        "created_at": clock.now(),
        "board": board,
    }
    data = render_pdf(
        "metrics/dashboard_document.html", context, language=translation.get_language() or "fi"
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = exports.filename(f"{board.filters.starts_on}-{board.filters.ends_on}", "pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _send(
    request: AuthedRequest,
    *,
    what: str,
    key: str,
    fmt: str,
    title: str,
    labels: Sequence[tuple[str, str]],
    tables: Sequence[Table],
) -> HttpResponseBase:
    lines = exports.rows(title=title, labels=labels, tables=tables)
    name = exports.filename(key, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(
            stream_from_replica(exports.csv_chunks(lines)), content_type=exports.CSV_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(
        exports.write_xlsx(lines),
        as_attachment=True,
        filename=name,
        content_type=exports.XLSX_TYPE,
    )


def _export(
    request: AuthedRequest, *, kind: str, context: dict[str, Any], produce: Any
) -> HttpResponseBase:
    """The purpose form (GET), or the file with its disclosure (POST). ``kind`` names the
    document (dashboard, statistics), not an audit event type."""
    what = kind
    form = ExportForm(
        request.POST if request.method == "POST" else None,
        initial_use=services.STATISTICS if kind == "statistics" else services.MANAGEMENT,
    )
    context |= {"export_form": form, "what": what}
    if request.method == "POST" and form.is_valid():
        scope_name, key, title, labels, tables = produce()
        try:
            services.export_disclose(
                actor=request.user,
                what=what,
                fmt=form.cleaned_data["fmt"],
                purpose=form.cleaned_data["purpose"],
                use=form.cleaned_data["use"],
                scope_name=scope_name,
                labels=labels,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _send(
                request,
                what=what,
                key=key,
                fmt=form.cleaned_data["fmt"],
                title=title,
                labels=labels,
                tables=tables,
            )
    status = 400 if form.is_bound else 200
    return render_page(request, "metrics/export.html", context=context, status=status)


def dashboard_export(request: AuthedRequest) -> HttpResponseBase:
    scope = access_metrics(request.user, export=True)
    filter_form = _filter_form(request, scope)
    if not filter_form.is_valid():
        raise Http404
    filters = filter_form.filters()

    def produce() -> tuple[str, str, str, Any, Any]:
        board = selectors.dashboard_for(scope=scope, filters=filters, with_charts=False)
        return (
            board.scope_name,
            f"{filters.starts_on}-{filters.ends_on}",
            f"{_('Metrics of the client pathway')}: {board.scope_name}",
            board.filter_labels,
            board.tables,
        )

    context = {"scope": scope, "query": filter_form.query(), "back": "metrics:dashboard"}
    return _export(request, kind="dashboard", context=context, produce=produce)


def _year(request: AuthedRequest) -> int:
    given = request.GET.get(YEAR, "")
    if not given:
        return clock.today().year - 1
    if not given.isdigit() or not MIN_YEAR <= int(given) <= clock.today().year:
        raise Http404
    return int(given)


def statistics(request: AuthedRequest) -> HttpResponse:
    scope = access_metrics(request.user)
    year = _year(request)
    context = {
        "scope": scope,
        "stats": selectors.statistics_for(scope=scope, year=year),
        "years": list(range(clock.today().year, MIN_YEAR - 1, -1)),  # every year accepted
        "may_export": _may_export(request),
    }
    return render_page(request, "metrics/statistics.html", context=context)


def statistics_export(request: AuthedRequest) -> HttpResponseBase:
    scope = access_metrics(request.user, export=True)
    year = _year(request)

    def produce() -> tuple[str, str, str, Any, Any]:
        stats = selectors.statistics_for(scope=scope, year=year)
        return (
            stats.scope_name,
            f"vuosi-{year}",
            f"{_('Yearly statistics of rehabilitative work activity')} {year}: {stats.scope_name}",
            [(_("Year"), str(year))],
            stats.tables,
        )

    context = {"scope": scope, "query": f"{YEAR}={year}", "back": "metrics:statistics"}
    return _export(request, kind="statistics", context=context, produce=produce)
