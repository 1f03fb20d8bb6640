"""Pages that list messages: inbox, sent messages, threads, search, notifications."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from paccto.core.views import PlatformView
from paccto.exchange import selectors, services
from paccto.exchange.choices import MessageType
from paccto.exchange.models import MessageRecipient
from paccto.exchange.permissions import can_use_exchange


def _when(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def inbox_rows(rows: list[MessageRecipient]) -> list[dict[str, Any]]:
    """Plain rows for the inbox table: the template engine reads dict keys far faster than
    model attributes, and the labels are translated once per page, not once per row."""
    types = dict(MessageType.choices)
    status = {"ack": _("acknowledged"), "read": _("read"), "new": _("new")}
    now = timezone.now()
    out = []
    for row in rows:
        m = row.message
        overdue = m.due_at is not None and row.answered_at is None and m.due_at < now
        out.append(
            {
                "url": reverse("exchange:message_detail", args=[m.pk]),
                "received": _when(row.delivered_at),
                "sender": f"{m.sender_institution.name} ({m.sender_institution.country_id})",
                "type": types.get(m.message_type, m.message_type),
                "subject": m.subject,
                "reference": m.reference,
                "handling": m.handling_code,
                "grade": m.grade,
                "due": _when(m.due_at),
                "overdue": overdue,
                "answered": row.answered_at is not None,
                "unread": row.read_at is None,
                "status": status[
                    "ack" if row.acknowledged_at else "read" if row.read_at else "new"
                ],
            }
        )
    return out


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
        page.object_list = inbox_rows(list(page.object_list))
        return self.render(
            self.template,
            {
                "page": page,
                "overdue": overdue,
                "querystring": _querystring(request),
                "overdue_label": _("overdue"),
                "answered_label": _("answered"),
            },
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
