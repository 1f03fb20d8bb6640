from django.urls import path

from paccto.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.AuditSearchView.as_view(), name="entry_search"),
    path("<int:pk>/", views.AuditEntryView.as_view(), name="entry_detail"),
]
