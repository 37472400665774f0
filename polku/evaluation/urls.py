from django.urls import path

from polku.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("asiakkuus/<int:relationship_id>/", views.overview, name="overview"),
    path("asiakkuus/<int:relationship_id>/tavoite/", views.goal_new, name="goal_new"),
    path(
        "asiakkuus/<int:relationship_id>/aloita/", views.evaluation_start, name="evaluation_start"
    ),
    path("tavoite/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path("ehdotus/<int:proposal_id>/vastaa/", views.proposal_answer, name="proposal_answer"),
    path("<int:evaluation_id>/", views.evaluation, name="evaluation"),
    path("paikka/", views.place_list, name="place_list"),
    path("paikka/<int:evaluation_id>/", views.place_evaluation, name="place_evaluation"),
    path("omat/", views.my_goals, name="my_goals"),
    path("omat/<int:evaluation_id>/", views.my_evaluation, name="my_evaluation"),
]
