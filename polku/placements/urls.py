from django.urls import path

from polku.placements import views

app_name = "placements"

urlpatterns = [
    path("paikat/", views.catalogue, name="catalogue"),
    path("oma-paikka/", views.place_clients, name="place_clients"),
    path("asiakkuus/<int:relationship_id>/ehdotukset/", views.suggestions, name="suggestions"),
    path("asiakkuus/<int:relationship_id>/", views.placement, name="placement"),
    path("asiakkuus/<int:relationship_id>/aloituskaynti/", views.visit_record, name="visit_record"),
    path(
        "asiakkuus/<int:relationship_id>/aloituskaynti/ohita/", views.visit_skip, name="visit_skip"
    ),
    path("asiakkuus/<int:relationship_id>/jakso/", views.period_new, name="period_new"),
    path("jakso/<int:period_id>/", views.period, name="period"),
    path("jakso/<int:period_id>/ilmoitus/", views.steward_notice, name="steward_notice"),
    path("asiakkuus/<int:relationship_id>/paatos/", views.decision_new, name="decision_new"),
    path("paatos/<int:decision_id>/", views.decision, name="decision"),
    path("paatos/<int:decision_id>/paata/", views.decision_make, name="decision_make"),
    path("paatos/<int:decision_id>/tiedoksianto/", views.decision_deliver, name="decision_deliver"),
    path("paatos/<int:decision_id>/pdf/", views.decision_pdf, name="decision_pdf"),
    path("paatos/<int:decision_id>/korjaa/", views.decision_correct, name="decision_correct"),
]
