from django.urls import path

from paccto.hits import views

app_name = "hits"

urlpatterns = [
    path("", views.HitCheckView.as_view(), name="check"),
    path("on-our-records/", views.HitNotificationListView.as_view(), name="notification_list"),
    path("<int:pk>/request/", views.HitRecordRequestView.as_view(), name="record_request"),
]
