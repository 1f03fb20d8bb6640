from django.urls import path

from paccto.protection import views

app_name = "protection"

urlpatterns = [
    path("", views.OrderListView.as_view(), name="order_list"),
    path("new/", views.OrderCreateView.as_view(), name="order_create"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.OrderDetailView.as_view(), name="order_detail"),
    path("<int:pk>/protected-persons/", views.VictimView.as_view(), name="order_victim"),
    path("<int:pk>/transmit/", views.OrderTransmitView.as_view(), name="order_transmit"),
    path("<int:pk>/close/", views.OrderCloseView.as_view(), name="order_close"),
    path(
        "transmissions/<int:pk>/decide/",
        views.TransmissionDecideView.as_view(),
        name="transmission_decide",
    ),
    path(
        "transmissions/<int:pk>/breaches/new/",
        views.BreachCreateView.as_view(),
        name="breach_create",
    ),
    path(
        "breaches/<int:pk>/victim-informed/",
        views.BreachVictimInformedView.as_view(),
        name="breach_victim_informed",
    ),
]
