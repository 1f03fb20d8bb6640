"""Notifications of protection orders: in the platform for the institution told, and by
e-mail to its protection officers, after the change is committed. No message carries data
about the protected person: the order number and what happened."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paccto.core.choices import Role
from paccto.core.permissions import Actor, visible_to
from paccto.protection.choices import NotificationKind
from paccto.protection.models import BreachReport, ProtectionNotification, ProtectionOrder


def protection_notify(
    *,
    institution_id: int,
    order: ProtectionOrder,
    kind: str,
    breach: BreachReport | None = None,
) -> ProtectionNotification:
    """Tell an institution about an order, in the caller's transaction; the e-mails leave
    once it commits."""
    notification = ProtectionNotification.objects.create(
        institution_id=institution_id, order=order, kind=kind, breach=breach
    )

    def enqueue() -> None:
        from paccto.protection.tasks import notification_email_task

        notification_email_task.enqueue(notification.pk)

    transaction.on_commit(enqueue)
    return notification


def notification_email_send(*, notification: ProtectionNotification) -> int:
    """E-mail a notification to the active protection officers of its institution, each in
    their language. Returns how many were sent."""
    from paccto.accounts.models import User

    recipients = (
        User.objects.filter(
            institution_id=notification.institution_id,
            is_active=True,
            role_assignments__role=Role.PROTECTION_OFFICER,
        )
        .exclude(email="")
        .distinct()
    )
    path = reverse("protection:order_detail", args=[notification.order_id])
    link = f"{settings.PACCTO_BASE_URL.rstrip('/')}{path}"
    sent = 0
    for user in recipients:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = _("[PAcCTO] Protection order %(number)s: %(what)s") % {
                "number": notification.order.number,
                "what": NotificationKind(notification.kind).label,
            }
            body = _(
                "%(what)s: protection order %(number)s.\n\n"
                "Open it in PAcCTO (sign in first): %(link)s\n\n"
                "This message holds no data about the protected person."
            ) % {
                "what": NotificationKind(notification.kind).label,
                "number": notification.order.number,
                "link": link,
            }
        sent += send_mail(subject, body, None, [user.email], fail_silently=False)
    ProtectionNotification.objects.filter(pk=notification.pk).update(emailed_to=sent)
    return sent


def protection_notifications_seen(*, actor: Actor, order: ProtectionOrder) -> int:
    """Mark what the actor's institution was told about an order as seen."""
    return (
        visible_to(actor, ProtectionNotification)
        .filter(order=order, seen_at__isnull=True)
        .update(seen_at=timezone.now())
    )
