from django.urls import path

from polku.clients import views

app_name = "clients"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("saapuneet/", views.intake_queue, name="intake_queue"),
    path("haku/", views.search, name="search"),
    path("uusi/", views.intake_new, name="intake_new"),
    path("uusi-asiakkuus/", views.intake_existing, name="intake_existing"),
    path("sijaisuus/", views.cover, name="cover"),
    path("sijaisuus/asiakkaat/", views.covered, name="covered"),
    path("<int:client_id>/", views.detail, name="detail"),
    path("<int:client_id>/muokkaa/", views.edit, name="edit"),
    path("<int:client_id>/henkilotunnus/", views.reveal_identity_code, name="reveal_identity_code"),
    path(
        "<int:client_id>/asiakkuudet/<int:relationship_id>/",
        views.relationship_purpose,
        name="relationship_purpose",
    ),
    path("asiakkuus/<int:relationship_id>/vastuutyontekija/", views.assign, name="assign"),
    path(
        "asiakkuus/<int:relationship_id>/alkutiedot/", views.intake_correct, name="intake_correct"
    ),
    path("asiakkuus/<int:relationship_id>/siirto/", views.handover, name="handover"),
    path("siirrot/<int:assignment_id>/", views.handover_decide, name="handover_decide"),
    path("asiakkuus/<int:relationship_id>/tapaaminen/", views.meeting_new, name="meeting_new"),
    path("asiakkuus/<int:relationship_id>/yhteydenotto/", views.contact_new, name="contact_new"),
    path("tapaamiset/<int:meeting_id>/", views.meeting_record, name="meeting_record"),
    path("tapaamiset/<int:meeting_id>/kutsu/", views.meeting_invitation, name="meeting_invitation"),
    path("tapaamiset/<int:meeting_id>/peru/", views.meeting_cancel, name="meeting_cancel"),
]
