from django.urls import URLPattern, path

from polku.attendance import views

app_name = "attendance"

# The place portal (paikka/), the worker's pages of a period (jakso/), the reports (raportit/).
urlpatterns: list[URLPattern] = [
    path("paikka/tanaan/", views.place_today_home, name="place_today_home"),
    path("paikka/viikko/", views.place_week_home, name="place_week_home"),
    path("paikka/<int:place_id>/tanaan/", views.place_today, name="place_today"),
    path(
        "paikka/<int:place_id>/tanaan/<int:period_id>/",
        views.place_day_record,
        name="place_day_record",
    ),
    path("paikka/<int:place_id>/viikko/", views.place_week, name="place_week"),
    path("paikka/<int:place_id>/suljettu/", views.place_close, name="place_close"),
    path("jakso/<int:period_id>/", views.period_attendance, name="period_attendance"),
    path("jakso/<int:period_id>/keskeytys/", views.interruption_new, name="interruption_new"),
    path("keskeytys/<int:interruption_id>/", views.interruption, name="interruption"),
    path(
        "paikka/jakso/<int:period_id>/keskeytys/",
        views.place_interruption,
        name="place_interruption",
    ),
]
