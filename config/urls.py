from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Polku"
admin.site.site_title = "Polku"

urlpatterns = [
    path("", include("polku.core.urls")),
    path("", include("polku.accounts.urls")),
    path("hallinta/", admin.site.urls),
]
