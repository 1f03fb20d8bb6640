"""Pages that list messages: inbox, sent messages, threads, search, notifications."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from paccto.core.views import PlatformView
from paccto.exchange import selectors, services
from paccto.exchange.permissions import can_use_exchange


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class InboxView(PlatformView):
    template = "exchange/inbox_page.html"
    partial_template_name = "exchange/partials/inbox_table.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        overdue = request.GET.get("overdue") == "1"
        page = self.paginate(selectors.inbox(actor=self.actor, overdue=overdue))
        return self.render(
            self.template,
            {"page": page, "overdue": overdue, "querystring": _querystring(request)},
        )


class OutboxView(PlatformView):
    template = "exchange/outbox_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        overdue = request.GET.get("overdue") == "1"
        page = self.paginate(selectors.outbox(actor=self.actor, overdue=overdue))
        return self.render(
            self.template,
            {"page": page, "overdue": overdue, "querystring": _querystring(request)},
        )


class ThreadListView(PlatformView):
    template = "exchange/thread_list_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            self.template, {"page": self.paginate(selectors.thread_list(actor=self.actor))}
        )


class ThreadDetailView(PlatformView):
    template = "exchange/thread_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        thread = selectors.thread_get(actor=self.actor, pk=pk)
        return self.render(
            self.template,
            {
                "thread": thread,
                "thread_messages": selectors.thread_messages(actor=self.actor, thread=thread),
            },
        )


class SearchView(PlatformView):
    template = "exchange/search_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "").strip()[:200]
        page = None
        if q:
            services.message_search_record(actor=self.actor, q=q)
            page = self.paginate(selectors.message_search(actor=self.actor, q=q))
        return self.render(
            self.template, {"q": q, "page": page, "querystring": _querystring(request)}
        )


class NotificationListView(PlatformView):
    template = "exchange/notification_list_page.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = self.paginate(selectors.notification_list(actor=self.actor))
        unread = {n.pk for n in page.object_list if n.read_at is None}
        services.notifications_mark_read(actor=self.actor, ids=unread)
        return self.render(self.template, {"page": page, "unread": unread})
