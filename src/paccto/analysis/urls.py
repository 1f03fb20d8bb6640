from django.urls import path

from paccto.analysis import views

app_name = "analysis"

urlpatterns = [
    path("", views.ChartView.as_view(), name="chart"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
]
