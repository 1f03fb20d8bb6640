"""Who may see and act on exchanged messages (default deny; 404 for what one may not see).

- A message is seen by the operational users of its sender institution, of its owner
  institution (the owner of forwarded content sees where its copies went) and of the
  institutions it was delivered to. A copy waiting for the owner's permission does not
  exist yet, so the third institution sees nothing.
- Only a recipient institution's users mark a message read and acknowledge it ("receive").
- Whoever sees a message may reply to it and forward it; the services then apply the
  owner's handling code (H2 asks the owner first).
- A forwarding request is seen by the institution that asked and the owner; only the owner
  decides, while it is pending.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from paccto.core.choices import Role
from paccto.core.permissions import Actor, register_policy, visible_to
from paccto.exchange.choices import ForwardStatus
from paccto.exchange.models import (
    Attachment,
    ExchangeDefaults,
    ForwardRequest,
    Message,
    MessageEntity,
    MessageRecipient,
    Notification,
    Thread,
    ThreadParticipant,
)

MESSAGE_ACTIONS = frozenset({"view", "reply", "forward", "link"})


def can_use_exchange(actor: Actor) -> bool:
    """Operational roles of an institution send and receive messages."""
    return actor.is_operational and actor.institution_id is not None


def can_edit_defaults_of(actor: Actor, country_id: str) -> bool:
    """Platform administrators set every institution's defaults; national administrators
    those of their country's institutions."""
    if actor.has_role(Role.PLATFORM_ADMIN):
        return True
    return actor.has_role(Role.NATIONAL_ADMIN) and actor.country_id == country_id


def _received(actor: Actor) -> Exists:
    """Delivered to the actor's institution: one probe of the (message, institution) unique
    index per message considered, rather than the list of everything it ever received."""
    return Exists(
        MessageRecipient.objects.filter(
            message_id=OuterRef("pk"), institution_id=actor.institution_id or 0
        )
    )


class MessagePolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not can_use_exchange(actor):
            return queryset.none()
        received = Q(_received(actor))
        if action == "receive":
            return queryset.filter(received)
        if action not in MESSAGE_ACTIONS:
            return queryset.none()
        institution = actor.institution_id
        return queryset.filter(
            Q(sender_institution_id=institution) | Q(owner_institution_id=institution) | received
        )


class MessageRecipientPolicy:
    """A recipient row is seen by its own institution, and by the sender and the owner of
    the message (the delivery, read and acknowledgement status)."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view" or not can_use_exchange(actor):
            return queryset.none()
        institution = actor.institution_id
        sent_or_owned = Message.objects.filter(
            Q(sender_institution_id=institution) | Q(owner_institution_id=institution),
            pk=OuterRef("message_id"),
        )
        return queryset.filter(Q(institution_id=institution) | Q(Exists(sent_or_owned)))


class AttachmentPolicy:
    """The attachments of the messages one sees; an attachment not sent yet, only to the
    user who uploaded it."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view" or not can_use_exchange(actor):
            return queryset.none()
        message = visible_to(actor, Message).filter(pk=OuterRef("message_id"))
        return queryset.filter(
            Q(Exists(message)) | Q(message__isnull=True, uploaded_by_id=actor.user_id)
        )


class ThreadPolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view" or not can_use_exchange(actor):
            return queryset.none()
        mine = ThreadParticipant.objects.filter(
            thread_id=OuterRef("pk"), institution_id=actor.institution_id or 0
        )
        return queryset.filter(Exists(mine))


class ThreadParticipantPolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action != "view" or not can_use_exchange(actor):
            return queryset.none()
        return queryset.filter(institution_id=actor.institution_id)


class ForwardRequestPolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not can_use_exchange(actor):
            return queryset.none()
        institution = actor.institution_id
        if action == "view":
            return queryset.filter(
                Q(owner_institution_id=institution) | Q(requesting_institution_id=institution)
            )
        if action == "decide":
            return queryset.filter(owner_institution_id=institution, status=ForwardStatus.PENDING)
        return queryset.none()


class MessageEntityPolicy:
    """A mention is seen with its message, and only when the entity is visible too."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        from paccto.entities.models import Entity

        if action != "view" or not can_use_exchange(actor):
            return queryset.none()
        return queryset.filter(
            Exists(visible_to(actor, Message).filter(pk=OuterRef("message_id"))),
            Exists(visible_to(actor, Entity).filter(pk=OuterRef("entity_id"))),
        )


class NotificationPolicy:
    """One's own notifications only."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action not in ("view", "change") or actor.user_id is None:
            return queryset.none()
        return queryset.filter(user_id=actor.user_id)


class ExchangeDefaultsPolicy:
    """An institution's users see its defaults; administrators of its country (and platform
    administrators) see and change them."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        admin = Q(pk__in=[])
        if actor.has_role(Role.PLATFORM_ADMIN):
            admin = Q()
        elif actor.has_role(Role.NATIONAL_ADMIN) and actor.country_id:
            admin = Q(institution__country_id=actor.country_id)
        if action == "change":
            return queryset.filter(admin)
        if action != "view":
            return queryset.none()
        own = Q(institution_id=actor.institution_id) if actor.institution_id else Q(pk__in=[])
        return queryset.filter(own | admin)


register_policy(Message, MessagePolicy())
register_policy(MessageRecipient, MessageRecipientPolicy())
register_policy(Attachment, AttachmentPolicy())
register_policy(Thread, ThreadPolicy())
register_policy(ThreadParticipant, ThreadParticipantPolicy())
register_policy(ForwardRequest, ForwardRequestPolicy())
register_policy(MessageEntity, MessageEntityPolicy())
register_policy(Notification, NotificationPolicy())
register_policy(ExchangeDefaults, ExchangeDefaultsPolicy())
