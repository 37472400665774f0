from django.urls import path

from polku.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.client_start, name="client_start"),
    path("poissaolo/", views.absence_report, name="absence_report"),
    path("paivani/", views.my_attendance, name="my_attendance"),
    path("asiakirjat/", views.my_documents, name="my_documents"),
    path("asiakirjat/paatokset/<int:decision_id>/", views.own_decision, name="own_decision"),
    path(
        "asiakirjat/paatokset/<int:decision_id>/pdf/",
        views.own_decision_pdf,
        name="own_decision_pdf",
    ),
    path("asiakirjat/suunnitelmat/<int:plan_id>/pdf/", views.own_plan_pdf, name="own_plan_pdf"),
    path("asiakirjat/tietopaketti/<int:period_id>/", views.info_package, name="info_package"),
    path(
        "asiakirjat/tietopaketti/<int:period_id>/pdf/",
        views.info_package_pdf,
        name="info_package_pdf",
    ),
]
