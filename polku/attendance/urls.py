from django.urls import URLPattern

app_name = "attendance"

# The place portal (paikka/), the worker's pages of a period (jakso/), the reports (raportit/).
urlpatterns: list[URLPattern] = []
