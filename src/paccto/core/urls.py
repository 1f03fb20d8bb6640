from django.urls import path

from paccto.core import views

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("directory/countries/", views.CountryListView.as_view(), name="country_list"),
    path(
        "directory/countries/<str:code>/", views.CountryDetailView.as_view(), name="country_detail"
    ),
    path("directory/institutions/", views.InstitutionListView.as_view(), name="institution_list"),
    path(
        "directory/institutions/<int:pk>/",
        views.InstitutionDetailView.as_view(),
        name="institution_detail",
    ),
    path("directory/networks/", views.NetworkListView.as_view(), name="network_list"),
    path(
        "directory/networks/<slug:key>/", views.NetworkDetailView.as_view(), name="network_detail"
    ),
    path(
        "directory/criminal-markets/",
        views.CriminalMarketListView.as_view(),
        name="criminal_market_list",
    ),
    path("healthz", views.HealthView.as_view(), name="health"),
]
