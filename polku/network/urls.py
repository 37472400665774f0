from django.urls import path

from polku.network import views

app_name = "network"

urlpatterns = [
    path("palvelukartta/", views.service_map, name="map"),
    path("kumppanit/", views.partners, name="partners"),
    path("kumppanit/uusi/", views.partner_new, name="partner_new"),
    path("kumppanit/<int:partner_id>/", views.partner, name="partner"),
    path("kumppanit/<int:partner_id>/muokkaa/", views.partner_edit, name="partner_edit"),
    path("tyot-ja-koulutukset/", views.opportunities, name="opportunities"),
    path("tyot-ja-koulutukset/uusi/", views.opportunity_new, name="opportunity_new"),
    path("tyot-ja-koulutukset/<int:opportunity_id>/", views.opportunity, name="opportunity"),
    path(
        "tyot-ja-koulutukset/<int:opportunity_id>/muokkaa/",
        views.opportunity_edit,
        name="opportunity_edit",
    ),
    path("paikalla/", views.place_opportunities, name="place_opportunities"),
    path("omapolku/", views.own_opportunities, name="own_opportunities"),
]
