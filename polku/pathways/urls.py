from django.urls import path

from polku.pathways import views

app_name = "pathways"

urlpatterns = [
    path("tanaan/", views.today, name="today"),
    path("yhteiset/", views.joint_plans, name="joint_plans"),
    path("yhteiset/<int:plan_id>/", views.joint_plan, name="joint_plan"),
    path("asiakkuus/<int:relationship_id>/suunnitelmat/", views.plans, name="plans"),
    path(
        "asiakkuus/<int:relationship_id>/suunnitelmat/<slug:kind>/",
        views.document_edit,
        name="document",
    ),
    path(
        "asiakkuus/<int:relationship_id>/aktivointisuunnitelma/",
        views.plan_start,
        name="plan_start",
    ),
    path("asiakkuus/<int:relationship_id>/vaihe/", views.transition, name="transition"),
    path("suunnitelma/<int:plan_id>/", views.plan_detail, name="plan"),
    path("suunnitelma/<int:plan_id>/vaihtoehto/", views.option_add, name="option_add"),
    path("vaihtoehto/<int:option_id>/poista/", views.option_remove, name="option_remove"),
    path("suunnitelma/<int:plan_id>/allekirjoitus/", views.plan_sign, name="plan_sign"),
    path("suunnitelma/<int:plan_id>/kieltaytyminen/", views.plan_refuse, name="plan_refuse"),
    path("suunnitelma/<int:plan_id>/pohdinta/", views.plan_reflection, name="plan_reflection"),
    path("suunnitelma/<int:plan_id>/tutustuminen/", views.visit_add, name="visit_add"),
    path("suunnitelma/<int:plan_id>/toinen/", views.plan_second, name="plan_second"),
    path("suunnitelma/<int:plan_id>/korjaus/", views.plan_correct, name="plan_correct"),
    path("suunnitelma/<int:plan_id>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("suunnitelma/<int:plan_id>/tiedote/", views.notice_pdf, name="notice_pdf"),
    path(
        "suunnitelma/<int:plan_id>/yhteistapaaminen/",
        views.joint_meeting_book,
        name="joint_meeting_book",
    ),
    path(
        "suunnitelma/<int:plan_id>/yhteistapaaminen/pidetty/",
        views.joint_meeting_held,
        name="joint_meeting_held",
    ),
    path(
        "suunnitelma/<int:plan_id>/yhteistapaaminen/kutsu/",
        views.joint_invitation,
        name="joint_invitation",
    ),
]
