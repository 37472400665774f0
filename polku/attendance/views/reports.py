"""The month report: a client's period, a place, an organiser; each as a page, a PDF and an
XLSX (``?kuukausi=2026-03``; the organiser's XLSX also ``?vuosi=2026``). A page logs the read;
a document records a disclosure per client row (``services.report_disclose``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.utils import translation

from polku.accounts.requests import AuthedRequest
from polku.attendance import exports, selectors, services
from polku.attendance.reports import ClientMonth, Month, year_months
from polku.attendance.selectors.reports import MonthReport, Scope
from polku.core import clock, statutory
from polku.core.documents import render_pdf
from polku.core.htmx import render_page

MONTH = "kuukausi"
YEAR = "vuosi"


def _statutory_values_needed(view: Callable[..., Any]) -> Callable[..., Any]:
    """A month with no statutory value in force (the allowance or the state compensation per
    day) for one of its days is answered with a clear page, not a server error: the report
    cannot be computed until the administrator adds the value (status 409)."""

    @wraps(view)
    def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return view(request, *args, **kwargs)
        except statutory.MissingStatutoryValue:
            return render_page(request, "attendance/report_values_missing.html", status=409)

    return wrapped


def _month(request: AuthedRequest) -> tuple[Month, bool]:
    """The month asked (``?kuukausi=2026-03``), else this month; and whether the value given
    was refused."""
    given = request.GET.get(MONTH, "")
    month = Month.parse(given)
    if month is None:
        return Month.of(clock.today()), bool(given)
    return month, False


def _document_month(request: AuthedRequest) -> Month:
    month, refused = _month(request)
    if refused:
        raise Http404
    return month


def _page(
    request: AuthedRequest, template: str, report: MonthReport, refused: bool
) -> HttpResponse:
    context: dict[str, Any] = exports.page_context(report) | {"month_refused": refused}
    return render_page(request, template, context=context)


def _pdf(request: AuthedRequest, report: MonthReport) -> HttpResponse:
    context = exports.pdf_context(report=report, author=request.user)
    data = render_pdf(
        "attendance/report_document.html", context, language=translation.get_language() or "fi"
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = exports.filename(report.scope, report.month.key, "pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _xlsx(request: AuthedRequest, scope: Scope, months: Sequence[Month], what: str) -> FileResponse:
    def disclose(rows: Sequence[ClientMonth]) -> None:
        services.report_disclose(actor=request.user, scope=scope, rows=rows, what=what, fmt="xlsx")

    output = exports.write_xlsx(scope=scope, months=months, what=what, disclose=disclose)
    return FileResponse(
        output,
        as_attachment=True,
        filename=exports.filename(scope, what, "xlsx"),
        content_type=exports.XLSX_TYPE,
    )


# --- A client's period -------------------------------------------------------------------------


@_statutory_values_needed
def report_period(request: AuthedRequest, period_id: int) -> HttpResponse:
    month, refused = _month(request)
    scope = selectors.access_period_report(request.user, period_id, month)
    report = selectors.month_report(viewer=request.user, scope=scope, month=month)
    return _page(request, "attendance/report_period.html", report, refused)


@_statutory_values_needed
def report_period_pdf(request: AuthedRequest, period_id: int) -> HttpResponse:
    month = _document_month(request)
    scope = selectors.access_period_report(request.user, period_id, month)
    report = selectors.month_report(viewer=request.user, scope=scope, month=month, log=False)
    services.report_disclose(
        actor=request.user, scope=scope, rows=report.rows, what=month.key, fmt="pdf"
    )
    return _pdf(request, report)


@_statutory_values_needed
def report_period_xlsx(request: AuthedRequest, period_id: int) -> FileResponse:
    month = _document_month(request)
    scope = selectors.access_period_report(request.user, period_id, month)
    return _xlsx(request, scope, [month], month.key)


# --- A place -----------------------------------------------------------------------------------


@_statutory_values_needed
def report_place(request: AuthedRequest, place_id: int) -> HttpResponse:
    month, refused = _month(request)
    scope = selectors.access_place_report(request.user, place_id)
    report = selectors.month_report(viewer=request.user, scope=scope, month=month)
    return _page(request, "attendance/report_place.html", report, refused)


@_statutory_values_needed
def report_place_pdf(request: AuthedRequest, place_id: int) -> HttpResponse:
    month = _document_month(request)
    scope = selectors.access_place_report(request.user, place_id, export=True)
    report = selectors.month_report(viewer=request.user, scope=scope, month=month, log=False)
    services.report_disclose(
        actor=request.user, scope=scope, rows=report.rows, what=month.key, fmt="pdf"
    )
    return _pdf(request, report)


@_statutory_values_needed
def report_place_xlsx(request: AuthedRequest, place_id: int) -> FileResponse:
    month = _document_month(request)
    scope = selectors.access_place_report(request.user, place_id, export=True)
    return _xlsx(request, scope, [month], month.key)


# --- An organiser ------------------------------------------------------------------------------


@_statutory_values_needed
def report_organiser(request: AuthedRequest, organiser_id: int) -> HttpResponse:
    """The organiser's month by place: sums only, no client's row."""
    month, refused = _month(request)
    scope = selectors.access_organiser_report(request.user, organiser_id)
    report = selectors.organiser_overview(scope=scope, month=month)
    return _page(request, "attendance/report_organiser.html", report, refused)


@_statutory_values_needed
def report_organiser_pdf(request: AuthedRequest, organiser_id: int) -> HttpResponse:
    """The organiser's month by place as a PDF: sums only, so nothing of a client is given
    out (no disclosure)."""
    month = _document_month(request)
    scope = selectors.access_organiser_report(request.user, organiser_id, export=True)
    return _pdf(request, selectors.organiser_overview(scope=scope, month=month))


@_statutory_values_needed
def report_organiser_xlsx(request: AuthedRequest, organiser_id: int) -> FileResponse:
    """Every client's month of the organiser, for a month or (``?vuosi=2026``) a year,
    streamed from a temporary file."""
    scope = selectors.access_organiser_report(request.user, organiser_id, export=True)
    year = request.GET.get(YEAR, "")
    if year:
        if not year.isdigit() or not Month.MIN_YEAR <= int(year) <= Month.MAX_YEAR:
            raise Http404
        return _xlsx(request, scope, year_months(int(year)), year)
    month = _document_month(request)
    return _xlsx(request, scope, [month], month.key)
