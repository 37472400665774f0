from django.urls import path

from polku.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.client_start, name="client_start"),
    path("poissaolo/", views.absence_report, name="absence_report"),
    path("paivani/", views.my_attendance, name="my_attendance"),
]
