"""Notifications: in-app rows under the bell, and one e-mail each after commit.

E-mails say what happened (a new message, an acknowledgement, a deadline, a hit) with the
reference, the other institution and a link: never a message's subject or body, nor any
person's data, whatever the handling code.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paccto.core.permissions import OPERATIONAL_ROLES, Actor, visible_to
from paccto.exchange.models import Message, Notification


def operational_user_ids(institution_ids: Iterable[int]) -> list[int]:
    """Active users with an operational role in these institutions."""
    user_model = get_user_model()
    return list(
        user_model.objects.filter(
            institution_id__in=list(institution_ids),
            is_active=True,
            role_assignments__role__in=OPERATIONAL_ROLES,
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def notify_users(
    *,
    user_ids: Iterable[int],
    kind: str,
    url: str,
    message: Message | None = None,
    reference: str = "",
    institution_name: str = "",
    topic: str = "",
    event_date: date | None = None,
) -> list[Notification]:
    """Tell users something, in the caller's transaction; their e-mails leave after
    commit."""
    rows = [
        Notification(
            user_id=user_id,
            kind=kind,
            message=message,
            reference=reference[:40],
            institution_name=institution_name[:200],
            topic=topic[:40],
            event_date=event_date,
            url=url[:300],
        )
        for user_id in dict.fromkeys(user_ids)
    ]
    if not rows:
        return []
    created = Notification.objects.bulk_create(rows)
    # PostgreSQL and SQLite (3.35+) return the new ids from a bulk insert.
    ids = [n.pk for n in created]

    def enqueue() -> None:
        from paccto.exchange.tasks import notification_emails_task

        notification_emails_task.enqueue(ids)

    transaction.on_commit(enqueue)
    return created


def notify_institutions(
    *,
    institution_ids: Iterable[int],
    kind: str,
    url: str,
    message: Message | None = None,
    reference: str = "",
    institution_name: str = "",
    exclude_user_id: int | None = None,
    topic: str = "",
    event_date: date | None = None,
) -> list[Notification]:
    """Tell the operational users of institutions something."""
    users = [u for u in operational_user_ids(institution_ids) if u != exclude_user_id]
    return notify_users(
        user_ids=users,
        kind=kind,
        url=url,
        message=message,
        reference=reference,
        institution_name=institution_name,
        topic=topic,
        event_date=event_date,
    )


def notification_emails_send(*, ids: Iterable[int]) -> int:
    """Send the e-mail of each notification not e-mailed yet, in its user's language.
    Returns how many were sent."""
    pending = (
        Notification.objects.filter(pk__in=list(ids), emailed_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    base = settings.PACCTO_BASE_URL.rstrip("/")
    with get_connection() as connection:
        for notification in pending:
            user = notification.user
            if not user.email or not user.is_active:
                continue
            with translation.override(user.language or settings.LANGUAGE_CODE):
                text = notification.text
                body = "\n\n".join(
                    [
                        text,
                        _("Open it on the platform: %(url)s") % {"url": base + notification.url},
                        _("This e-mail never carries the content of messages: sign in to read."),
                    ]
                )
                email = EmailMessage(
                    subject=f"[PAcCTO] {text}",
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[user.email],
                    connection=connection,
                )
            email.send()
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


def notifications_mark_read(*, actor: Actor, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's notifications (all, or these) as read."""
    qs = visible_to(actor, Notification, "change").filter(read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
