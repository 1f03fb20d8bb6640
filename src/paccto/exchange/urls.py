from django.urls import path

from paccto.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("outbox/", views.OutboxView.as_view(), name="outbox"),
    path("threads/", views.ThreadListView.as_view(), name="thread_list"),
    path("threads/<int:pk>/", views.ThreadDetailView.as_view(), name="thread_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("compose/", views.ComposeView.as_view(), name="message_compose"),
    path("messages/<int:pk>/", views.MessageDetailView.as_view(), name="message_detail"),
    path(
        "messages/<int:pk>/acknowledge/",
        views.MessageAcknowledgeView.as_view(),
        name="message_acknowledge",
    ),
    path(
        "messages/<int:pk>/cases/",
        views.MessageCaseLinkView.as_view(),
        name="message_case_link",
    ),
    path("messages/<int:pk>/forward/", views.MessageForwardView.as_view(), name="message_forward"),
    path(
        "messages/<int:pk>/entities/new/",
        views.MessageEntityCreateView.as_view(),
        name="mention_create",
    ),
    path(
        "messages/<int:pk>/entities/link/",
        views.MessageEntityLinkView.as_view(),
        name="mention_link",
    ),
    path(
        "attachments/<int:pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "forward-requests/",
        views.ForwardRequestListView.as_view(),
        name="forward_request_list",
    ),
    path(
        "forward-requests/<int:pk>/decide/",
        views.ForwardRequestDecideView.as_view(),
        name="forward_request_decide",
    ),
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path("defaults/", views.DefaultsListView.as_view(), name="defaults_list"),
    path("defaults/<int:pk>/", views.DefaultsEditView.as_view(), name="defaults_edit"),
]
