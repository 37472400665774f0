from django.urls import path

from polku.closure import views

app_name = "closure"

urlpatterns = [
    path("asiakkuus/<int:relationship_id>/", views.closure, name="closure"),
    path("asiakkuus/<int:relationship_id>/paata/", views.relationship_end, name="relationship_end"),
    path(
        "asiakkuus/<int:relationship_id>/yhteydenotto/",
        views.follow_up_call,
        name="follow_up_call",
    ),
    path("asiakkuus/<int:relationship_id>/avaa/", views.reopen, name="reopen"),
    path("asiakkuus/<int:relationship_id>/uusi/", views.relationship_new, name="relationship_new"),
    path("jakso/<int:period_id>/jatkosuunnitelma/", views.follow_up_plan, name="follow_up_plan"),
    path("jakso/<int:period_id>/paata/", views.period_end, name="period_end"),
    path("jakso/<int:period_id>/todistus/", views.certificate, name="certificate"),
    path("jakso/<int:period_id>/todistus/anna/", views.certificate_give, name="certificate_give"),
    path("jakso/<int:period_id>/todistus/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("todistukset/", views.place_certificates, name="place_certificates"),
    path("omat-todistukset/", views.own_certificates, name="own_certificates"),
    path(
        "omat-todistukset/<int:certificate_id>/pdf/",
        views.own_certificate_pdf,
        name="own_certificate_pdf",
    ),
]
