from django.urls import path

from polku.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("asiakkuus/<int:relationship_id>/", views.eligibility, name="eligibility"),
]
