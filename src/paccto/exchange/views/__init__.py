"""Pages of secure exchange."""

from paccto.exchange.views.boxes import (
    InboxView,
    NotificationListView,
    OutboxView,
    SearchView,
    ThreadDetailView,
    ThreadListView,
)
from paccto.exchange.views.messages import (
    AttachmentDownloadView,
    ComposeView,
    MessageAcknowledgeView,
    MessageCaseLinkView,
    MessageDetailView,
)
from paccto.exchange.views.sharing import (
    DefaultsEditView,
    DefaultsListView,
    ForwardRequestDecideView,
    ForwardRequestListView,
    MessageEntityCreateView,
    MessageEntityLinkView,
    MessageForwardView,
)

__all__ = [
    "AttachmentDownloadView",
    "ComposeView",
    "DefaultsEditView",
    "DefaultsListView",
    "ForwardRequestDecideView",
    "ForwardRequestListView",
    "InboxView",
    "MessageAcknowledgeView",
    "MessageCaseLinkView",
    "MessageDetailView",
    "MessageEntityCreateView",
    "MessageEntityLinkView",
    "MessageForwardView",
    "NotificationListView",
    "OutboxView",
    "SearchView",
    "ThreadDetailView",
    "ThreadListView",
]
