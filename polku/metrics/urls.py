from django.urls import path

from polku.metrics import views

app_name = "metrics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tuloste/", views.dashboard_pdf, name="dashboard_pdf"),
    path("vienti/", views.dashboard_export, name="dashboard_export"),
    path("asiakkaat/<slug:figure>/<slug:row>/", views.figure_clients, name="figure_clients"),
    path("vuositilasto/", views.statistics, name="statistics"),
    path("vuositilasto/vienti/", views.statistics_export, name="statistics_export"),
]
