from django.urls import path

from polku.portal import views

app_name = "portal"

urlpatterns = [path("", views.client_start, name="client_start")]
