from django.urls import path

from polku.placements import views

app_name = "placements"

urlpatterns = [
    path("paikat/", views.catalogue, name="catalogue"),
    path("asiakkuus/<int:relationship_id>/ehdotukset/", views.suggestions, name="suggestions"),
    path("asiakkuus/<int:relationship_id>/", views.placement, name="placement"),
    path("asiakkuus/<int:relationship_id>/aloituskaynti/", views.visit_record, name="visit_record"),
    path(
        "asiakkuus/<int:relationship_id>/aloituskaynti/ohita/", views.visit_skip, name="visit_skip"
    ),
]
