from django.urls import include, path

urlpatterns = [
    path("", include("paccto.core.urls")),
    path("accounts/", include("paccto.accounts.urls")),
    path("audit/", include("paccto.audit.urls")),
    path("entities/", include("paccto.entities.urls")),
    path("hits/", include("paccto.hits.urls")),
    path("xref/", include("paccto.xref.urls")),
    path("cases/", include("paccto.cases.urls")),
    path("protection/", include("paccto.protection.urls")),
    path("exchange/", include("paccto.exchange.urls")),
    path("judicial/", include("paccto.judicial.urls")),
    path("prisons/", include("paccto.prisons.urls")),
    path("analysis/", include("paccto.analysis.urls")),
    path("", include("paccto.policy.urls")),
    path("api/v1/", include("paccto.api.urls")),
]

handler400 = "paccto.core.errors.bad_request"
handler403 = "paccto.core.errors.permission_denied"
handler404 = "paccto.core.errors.page_not_found"
handler500 = "paccto.core.errors.server_error"
