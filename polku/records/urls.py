from django.urls import path

from polku.records import views

app_name = "records"

urlpatterns = [
    path(
        "asiakkuus/<int:relationship_id>/lokipyynnot/",
        views.log_requests,
        name="log_requests",
    ),
    path("lokipyynto/<int:request_id>/", views.log_request, name="log_request"),
    path("lokipyynto/<int:request_id>/tuota/", views.log_report_produce, name="log_report_produce"),
    path("lokipyynto/<int:request_id>/pdf/", views.log_report_pdf, name="log_report_pdf"),
    path("oma/lokitiedot/", views.own_log_requests, name="own_log_requests"),
    path("sailytys/", views.retention_runs, name="retention_runs"),
    path("sailytys/<int:run_id>/", views.retention_run, name="retention_run"),
]
