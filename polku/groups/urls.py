from django.urls import URLPattern, path

from polku.groups import views

app_name = "groups"

urlpatterns: list[URLPattern] = [
    path("", views.group_list, name="list"),
    path("uusi/", views.group_new, name="new"),
    path("<int:group_id>/", views.group_detail, name="detail"),
    path("<int:group_id>/muokkaa/", views.group_edit, name="edit"),
    path("<int:group_id>/kerrat/uusi/", views.session_new, name="session_new"),
    path("<int:group_id>/osallistujat/uusi/", views.enrol, name="enrol"),
    path("<int:group_id>/palaute/<str:kind>/", views.feedback, name="feedback"),
    path("osallistuminen/<int:enrolment_id>/paata/", views.enrolment_end, name="enrolment_end"),
    path("kerta/<int:session_id>/", views.session, name="session"),
]
