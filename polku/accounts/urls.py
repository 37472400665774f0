from django.urls import path

from polku.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("kirjaudu/", views.LoginView.as_view(), name="login"),
    path("kirjaudu/tunnistus/", views.identification_start, name="identification_start"),
    path("kirjaudu/tunnistus/paluu/", views.identification_return, name="identification_return"),
    path(
        "kirjaudu/tunnistus/ei-onnistunut/",
        views.identification_refused,
        name="identification_refused",
    ),
    path("kirjaudu-ulos/", views.LogoutView.as_view(), name="logout"),
    path("kaksivaihe/", views.otp_verify, name="otp_verify"),
    path("kaksivaihe/kayttoon/", views.otp_enrol, name="otp_enrol"),
    path("kaksivaihe/varakoodi/", views.otp_recovery, name="otp_recovery"),
    path("kaksivaihe/asetukset/", views.second_factor_settings, name="second_factor"),
    path("kaksivaihe/uudet-varakoodit/", views.otp_new_codes, name="otp_new_codes"),
    path("kaksivaihe/uusi-puhelin/", views.otp_replace, name="otp_replace"),
    path("kaksivaihe/uusi-puhelin/skannaa/", views.otp_replace_scan, name="otp_replace_scan"),
    path("tyotoimintapaikka/", views.place_start, name="place_start"),
    path("johto/", views.manager_start, name="manager_start"),
    path("paakayttaja/", views.admin_start, name="admin_start"),
    path("yksikot/", views.unit_list, name="unit_list"),
    path("yksikot/<int:unit_id>/", views.unit_detail, name="unit_detail"),
]
