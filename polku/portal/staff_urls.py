"""The worker's own page for OmaPolku: their phone hours (mounted at /puhelinajat/)."""

from django.urls import path

from polku.portal import views

app_name = "phone_hours"

urlpatterns = [path("", views.phone_hours, name="edit")]
