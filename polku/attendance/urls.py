from django.urls import URLPattern, path

from polku.attendance import views

app_name = "attendance"

# The place portal (paikka/), the worker's pages of a period (jakso/), the reports (raportit/).
urlpatterns: list[URLPattern] = []

# The month report (views/reports.py): ?kuukausi=2026-03; the organiser's XLSX also ?vuosi=2026.
urlpatterns += [
    path("raportit/jakso/<int:period_id>/", views.report_period, name="report_period"),
    path("raportit/jakso/<int:period_id>/pdf/", views.report_period_pdf, name="report_period_pdf"),
    path(
        "raportit/jakso/<int:period_id>/xlsx/", views.report_period_xlsx, name="report_period_xlsx"
    ),
    path("raportit/paikka/<int:place_id>/", views.report_place, name="report_place"),
    path("raportit/paikka/<int:place_id>/pdf/", views.report_place_pdf, name="report_place_pdf"),
    path("raportit/paikka/<int:place_id>/xlsx/", views.report_place_xlsx, name="report_place_xlsx"),
    path(
        "raportit/jarjestaja/<int:organiser_id>/", views.report_organiser, name="report_organiser"
    ),
    path(
        "raportit/jarjestaja/<int:organiser_id>/pdf/",
        views.report_organiser_pdf,
        name="report_organiser_pdf",
    ),
    path(
        "raportit/jarjestaja/<int:organiser_id>/xlsx/",
        views.report_organiser_xlsx,
        name="report_organiser_xlsx",
    ),
]
