from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("polku.core.urls")),
    path("", include("polku.accounts.urls")),
    path("asiakkaat/", include("polku.clients.urls")),
    path("polku/", include("polku.pathways.urls")),
    path("tyotoiminta/", include("polku.placements.urls")),
    path("lasnaolo/", include("polku.attendance.urls")),
    path("arviointi/", include("polku.evaluation.urls")),
    path("jatko/", include("polku.closure.urls")),
    path("ryhmat/", include("polku.groups.urls")),
    path("verkosto/", include("polku.network.urls")),
    path("oikeutus/", include("polku.eligibility.urls")),
    path("omapolku/", include("polku.portal.urls")),
    path("puhelinajat/", include("polku.portal.staff_urls")),
    path("rekisteri/", include("polku.records.urls")),
    path("palaute/", include("polku.feedback.urls")),
    path("johto/mittarit/", include("polku.metrics.urls")),
    path("hallinta/", admin.site.urls),
]

# A database that cannot be reached answers 503 with its own page (polku/core/views.py).
handler500 = "polku.core.views.server_error"
