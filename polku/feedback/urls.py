from django.urls import path

from polku.feedback import views

app_name = "feedback"

urlpatterns = [
    # OmaPolku (the client)
    path("", views.feedback_home, name="home"),
    path("kysely/<int:period_id>/", views.survey, name="survey"),
    path("palautelaatikko/", views.message_new, name="message_new"),
    path("muistutus/", views.complaint_info, name="complaint_info"),
    path("muistutus/uusi/", views.complaint_new, name="complaint_new"),
    # Staff
    path("tulokset/", views.results, name="results"),
    path("saapuneet/", views.message_list, name="message_list"),
    path("saapuneet/<int:message_id>/", views.message_detail, name="message_detail"),
    path("muistutukset/", views.complaint_list, name="complaint_list"),
    path("muistutukset/<int:complaint_id>/", views.complaint_detail, name="complaint_detail"),
    path(
        "asiakkuus/<int:relationship_id>/muistutus/",
        views.complaint_assist,
        name="complaint_assist",
    ),
]
