"""Pages that list messages: inbox, sent messages, threads, search, notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.core.datefmt import short_datetime
from paccto.core.markup import html_join, pk_url
from paccto.core.views import PlatformView
from paccto.exchange import selectors, services
from paccto.exchange.choices import MessageType
from paccto.exchange.models import Message, message_reference
from paccto.exchange.permissions import can_use_exchange


def _when(value: Any) -> str:
    return short_datetime(value) if value else ""


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _labels() -> dict[str, str]:
    """The words the due cell may show, translated once per page."""
    return {"overdue": _("overdue"), "answered": _("answered")}


def _due(due: Any, answered: bool, now: Any, labels: dict[str, str]) -> dict[str, Any]:
    """Whether a row is overdue, and its due cell as HTML: the due time (with "overdue"
    once past), else "answered" or a dash."""
    overdue = due is not None and not answered and due < now
    if due is not None:
        suffix = html_join(" · {}", [(labels["overdue"],)]) if overdue else ""
        cell = html_join(
            '<span class="due{}">{}{}</span>',
            [(" overdue" if overdue else "", _when(due), suffix)],
        )
    else:
        cell = html_join("{}", [(labels["answered"] if answered else "—",)])
    return {"overdue": overdue, "due_cell": cell}


INBOX_FIELDS = (
    "delivered_at",
    "read_at",
    "acknowledged_at",
    "answered_at",
    "message_id",
    "message__subject",
    "message__message_type",
    "message__handling_code",
    "message__source_reliability",
    "message__information_reliability",
    "message__due_at",
    "message__sender_institution__name",
    "message__sender_institution__country_id",
)


def inbox_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain rows for the inbox table, from ``INBOX_FIELDS`` values: no model objects, the
    template engine reads dict keys far faster than model attributes, and the labels are
    translated once per page, not once per row."""
    types = dict(MessageType.choices)
    status = {"ack": _("acknowledged"), "read": _("read"), "new": _("new")}
    url = pk_url("exchange:message_detail")
    now = timezone.now()
    labels = _labels()
    out = []
    for row in rows:
        pk, country = row["message_id"], row["message__sender_institution__country_id"]
        kind = row["message__message_type"]
        out.append(
            {
                "url": url(pk),
                "received": _when(row["delivered_at"]),
                "sender": f"{row['message__sender_institution__name']} ({country})",
                "type": types.get(kind, kind),
                "subject": row["message__subject"],
                "reference": message_reference(country, pk),
                "handling": row["message__handling_code"],
                "grade": row["message__source_reliability"]
                + row["message__information_reliability"],
                "unread": row["read_at"] is None,
                "status": status[
                    "ack" if row["acknowledged_at"] else "read" if row["read_at"] else "new"
                ],
                **_due(row["message__due_at"], row["answered_at"] is not None, now, labels),
            }
        )
    return out


INBOX_ROW = (
    '<tr class="{}" data-testid="inbox-row">\n'
    "  <td>{}</td><td>{}</td><td>{}</td>\n"
    '  <td><a href="{}">{}</a> <small><code>{}</code></small></td>\n'
    '  <td><span class="tag">{}</span> {}</td>\n'
    "  <td>{}</td>\n"
    "  <td>{}</td>\n"
    "</tr>"
)


def inbox_table_rows(rows: list[dict[str, Any]]) -> str:
    """The inbox table's rows as HTML, built in Python (``core.markup.html_join``): a
    template loop with an include per row cost a third of the page."""
    return html_join(
        INBOX_ROW,
        (
            (
                ("overdue" if r["overdue"] else "") + (" unseen" if r["unread"] else ""),
                r["received"],
                r["sender"],
                r["type"],
                r["url"],
                r["subject"],
                r["reference"],
                r["handling"],
                r["grade"],
                r["due_cell"],
                r["status"],
            )
            for r in rows
        ),
    )


def message_rows(messages: Iterable[Message], recipients: bool = False) -> list[dict[str, Any]]:
    """Plain rows for the lists of messages (sent, thread, search), as ``inbox_rows``;
    with ``recipients``, each recipient's name, and whether it read and acknowledged."""
    types = dict(MessageType.choices)
    copy = _("forwarded copy")
    url = pk_url("exchange:message_detail")
    now = timezone.now()
    labels = _labels()
    out = []
    for m in messages:
        row = {
            "url": url(m.pk),
            "sent": _when(m.sent_at),
            "sender": f"{m.sender_institution.name} ({m.sender_institution.country_id})",
            "type": types.get(m.message_type, m.message_type),
            "copy": copy if m.forwarded_from_id else "",
            "subject": m.subject,
            "reference": m.reference,
            "handling": m.handling_code,
            "grade": m.grade,
            **_due(m.due_at, m.answered_at is not None, now, labels),
        }
        if recipients:
            rows = list(m.recipients.all())
            row["recipients"] = "; ".join(
                f"{r.institution.name} ({r.institution.country_id})" for r in rows
            )
            row["read"] = "".join("✓" if r.read_at else "·" for r in rows)
            row["acknowledged"] = "".join("✓" if r.acknowledged_at else "·" for r in rows)
        out.append(row)
    return out


class InboxView(PlatformView):
    template = "exchange/inbox_page.html"
    partial_template_name = "exchange/partials/inbox_table.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        overdue = request.GET.get("overdue") == "1"
        # Counted on the rows alone (the index), then the page read as plain values.
        page = self.paginate(selectors.inbox(actor=self.actor, overdue=overdue))
        page.object_list = inbox_rows(selectors.page_values(page.object_list, *INBOX_FIELDS))
        return self.render(
            self.template,
            {
                "page": page,
                "rows": inbox_table_rows(page.object_list),
                "overdue": overdue,
                "querystring": _querystring(request),
            },
        )


class OutboxView(PlatformView):
    template = "exchange/outbox_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        overdue = request.GET.get("overdue") == "1"
        page = self.paginate(selectors.outbox(actor=self.actor, overdue=overdue))
        page.object_list = message_rows(page.object_list, recipients=True)
        return self.render(
            self.template,
            {
                "page": page,
                "overdue": overdue,
                "querystring": _querystring(request),
            },
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
                "rows": message_rows(selectors.thread_messages(actor=self.actor, thread=thread)),
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
            page.object_list = message_rows(page.object_list)
        return self.render(
            self.template,
            {"q": q, "page": page, "querystring": _querystring(request)},
        )


class NotificationListView(PlatformView):
    template = "exchange/notification_list_page.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = self.paginate(selectors.notification_list(actor=self.actor))
        unread = {n.pk for n in page.object_list if n.read_at is None}
        services.notifications_mark_read(actor=self.actor, ids=unread)
        return self.render(self.template, {"page": page, "unread": unread})
