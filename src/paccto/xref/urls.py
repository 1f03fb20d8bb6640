from django.urls import path

from paccto.xref import views

app_name = "xref"

urlpatterns = [
    path("", views.XrefRunListView.as_view(), name="run_list"),
    path("<int:pk>/", views.XrefRunDetailView.as_view(), name="run_detail"),
    path("candidates/<int:pk>/review/", views.CandidateReviewView.as_view(), name="review"),
]
