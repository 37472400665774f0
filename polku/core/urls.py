from django.urls import path

from polku.core import views

app_name = "core"

urlpatterns = [
    path("kieli/", views.set_language, name="set_language"),
    path("terveys/", views.health, name="health"),
]
