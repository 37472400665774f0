from django.urls import URLPattern, path

from polku.attendance import views

app_name = "attendance"

# The place portal (paikka/), the worker's pages of a period (jakso/), the reports (raportit/).
urlpatterns: list[URLPattern] = [
    path("jakso/<int:period_id>/", views.period_attendance, name="period_attendance"),
    path("jakso/<int:period_id>/keskeytys/", views.interruption_new, name="interruption_new"),
    path("keskeytys/<int:interruption_id>/", views.interruption, name="interruption"),
    path(
        "paikka/jakso/<int:period_id>/keskeytys/",
        views.place_interruption,
        name="place_interruption",
    ),
]
