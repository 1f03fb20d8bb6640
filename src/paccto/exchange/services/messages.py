"""Sending, opening, acknowledging and searching messages, and the defaults each
institution's messages carry. Every write is audited in its transaction; recipients are
notified, and e-mailed after commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.models import Institution, Network, NetworkMembership
from paccto.core.permissions import Actor, can, visible_to
from paccto.exchange.choices import MessageType, NotificationKind
from paccto.exchange.models import (
    Attachment,
    ClockRule,
    Message,
    MessageRecipient,
    Thread,
    ThreadParticipant,
)
from paccto.exchange.permissions import can_use_exchange
from paccto.exchange.services.attachments import (
    MAX_FILES,
    ReceivedFile,
    Upload,
    attachment_row,
    attachments_forget,
    attachments_receive,
)
from paccto.exchange.services.clocks import clock_times
from paccto.exchange.services.defaults import exchange_defaults_for
from paccto.exchange.services.notifications import notify_institutions, notify_users
from paccto.matching.text import fold

if TYPE_CHECKING:
    from paccto.cases.models import Case

MAX_BODY = 100_000
MAX_RECIPIENTS = 300
# fold() keeps an LRU cache meant for names; long texts go through the plain function.
_fold_text = fold.__wrapped__  # type: ignore[attr-defined]


def search_text_for(subject: str, body: str, case_reference: str) -> str:
    """The folded text a message is searched by (the same on SQLite and PostgreSQL)."""
    return str(_fold_text(f"{subject} {case_reference} {body}"))


def _resolve_recipients(
    actor: Actor, recipient_ids: Iterable[int], network: Network | None, errors: dict
) -> dict[int, int | None]:
    """Institution id -> the network it was reached through (None when named)."""
    ids = {int(pk) for pk in recipient_ids}
    if len(ids) > MAX_RECIPIENTS:
        errors["recipients"] = [_("At most %(n)s institutions.") % {"n": MAX_RECIPIENTS}]
        return {}
    found = set(Institution.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if ids - found:
        errors["recipients"] = [_("Unknown institution: choose institutions of the directory.")]
    if actor.institution_id in found:
        errors["recipients"] = [_("Your own institution cannot be a recipient.")]
    targets: dict[int, int | None] = dict.fromkeys(found)
    if network is not None:
        if network.pk not in actor.network_ids:
            errors["network"] = [
                _("Your institution is not a member of %(network)s.") % {"network": network.name}
            ]
        else:
            points = (
                NetworkMembership.objects.filter(network=network, is_contact_point=True)
                .exclude(institution_id=actor.institution_id or 0)
                .values_list("institution_id", flat=True)
            )
            if not points:
                errors["network"] = [
                    _("%(network)s has no contact point to deliver to.") % {"network": network.name}
                ]
            for pk in points:
                targets.setdefault(pk, network.pk)
    if not targets and "recipients" not in errors and "network" not in errors:
        errors["recipients"] = [_("Choose at least one institution or a network.")]
    targets.pop(actor.institution_id or 0, None)
    return targets


def _thread_touch(thread: Thread, institution_ids: Iterable[int], at: datetime) -> None:
    """Move a thread to the top of its participants' thread lists."""
    ids = set(institution_ids)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=at)
    known = ThreadParticipant.objects.filter(thread=thread, institution_id__in=ids)
    existing = set(known.values_list("institution_id", flat=True))
    known.update(last_message_at=at)
    ThreadParticipant.objects.bulk_create(
        [
            ThreadParticipant(thread=thread, institution_id=pk, last_message_at=at)
            for pk in sorted(ids - existing)
        ]
    )


def _mark_answered(parent: Message, institution_id: int, at: datetime) -> None:
    """A reply from a recipient answers the message it replies to, for that recipient;
    once every recipient has answered, the request's clock stops."""
    answered = MessageRecipient.objects.filter(
        message=parent, institution_id=institution_id, answered_at__isnull=True
    ).update(answered_at=at)
    if answered and not parent.recipients.filter(answered_at__isnull=True).exists():
        Message.objects.filter(pk=parent.pk).update(answered_at=at, clock_next_at=None)


def _check_staged(actor: Actor, attachment_ids: Sequence[int], errors: dict) -> list[int]:
    ids = sorted({int(pk) for pk in attachment_ids})
    if len(ids) > MAX_FILES:
        errors["attachments"] = [_("At most %(n)s files at a time.") % {"n": MAX_FILES}]
        return []
    mine = set(
        Attachment.objects.filter(
            pk__in=ids, message__isnull=True, uploaded_by_id=actor.user_id
        ).values_list("pk", flat=True)
    )
    if set(ids) - mine:
        errors["attachments"] = [_("Unknown attachment: upload it first, then send it.")]
    return ids


def _deliver(
    *,
    actor: Actor,
    message: Message,
    targets: dict[int, int | None],
    received: Sequence[ReceivedFile] = (),
    staged_ids: Sequence[int] = (),
    shared: Sequence[Attachment] = (),
    details: dict[str, Any] | None = None,
) -> Message:
    """Save a checked message with its recipients and attachments, audit it as a
    disclosure to the recipients and notify them (in the caller's transaction)."""
    now = message.sent_at
    message.search_text = search_text_for(message.subject, message.body, message.case_reference)
    message.save()
    MessageRecipient.objects.bulk_create(
        [
            MessageRecipient(
                message=message, institution_id=pk, via_network_id=via, delivered_at=now
            )
            for pk, via in sorted(targets.items())
        ]
    )
    Attachment.objects.bulk_create(
        [
            attachment_row(
                f,
                message=message,
                uploaded_by_id=message.sender_user_id,
                institution_id=message.sender_institution_id,
            )
            for f in received
        ]
        + [
            Attachment(
                message=message,
                uploaded_by_id=a.uploaded_by_id,
                institution_id=a.institution_id,
                file_name=a.file_name,
                kind=a.kind,
                media_type=a.media_type,
                size=a.size,
                sha256=a.sha256,
                stored_name=a.stored_name,
                uploaded_at=a.uploaded_at,
            )
            for a in shared
        ]
    )
    if staged_ids:
        Attachment.objects.filter(pk__in=staged_ids).update(message=message)
    _thread_touch(
        message.thread,
        [message.sender_institution_id, message.owner_institution_id, *targets],
        now,
    )
    files = list(message.attachments.values("file_name", "sha256", "size"))
    keys = Institution.objects.filter(pk__in=list(targets)).values_list("key", flat=True)
    audit_record(
        actor=actor,
        action=AuditAction.DISCLOSE,
        obj=message,
        recipients=list(keys),
        details={
            "reference": message.reference,
            "type": message.message_type,
            "handling_code": message.handling_code,
            "owner": message.owner_institution_id,
            "attachments": files,
            **(details or {}),
        },
    )
    notify_institutions(
        institution_ids=list(targets),
        kind=NotificationKind.DELIVERED,
        url=reverse("exchange:message_detail", args=[message.pk]),
        message=message,
        reference=message.reference,
        institution_name=message.sender_institution.name,
    )
    return message


def message_send(
    *,
    actor: Actor,
    message_type: str,
    subject: str,
    body: str,
    recipient_ids: Iterable[int] = (),
    network: Network | None = None,
    language: str = "",
    criminal_markets: Sequence[str] = (),
    case_reference: str = "",
    handling_code: str | None = None,
    handling_note: str | None = None,
    source_reliability: str | None = None,
    information_reliability: str | None = None,
    special_category: bool = False,
    clock_rule: ClockRule | None = None,
    in_reply_to: Message | None = None,
    uploads: Sequence[Upload] = (),
    attachment_ids: Sequence[int] = (),
    hit_notification: Any = None,
    case: Case | None = None,
) -> Message:
    """Send a message from the actor's institution to institutions and/or a network's
    contact points. The handling code and grade not given come from the institution's
    defaults; without a handling code from either, the message is refused. A request
    needs its legal instrument and urgency, from which its due time follows. With a
    ``case`` (one the actor leads or is a member of), the message is linked to it at once.
    Nothing is written unless everything is valid."""
    if not can_use_exchange(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("You may not send messages."))
    errors: dict[str, list[str]] = {}
    defaults = exchange_defaults_for(actor.institution_id)
    if handling_code is None and defaults is not None:
        handling_code = defaults.handling_code
        handling_note = defaults.handling_note if handling_note is None else handling_note
    if not handling_code:
        errors["handling_code"] = [_("Choose a handling code (H0 to H3).")]
    if source_reliability is None:
        source_reliability = defaults.source_reliability if defaults else "X"
    if information_reliability is None:
        information_reliability = defaults.information_reliability if defaults else "4"
    if not language:
        fallback = (translation.get_language() or "es")[:2]
        language = (defaults.language if defaults else "") or fallback
    if message_type not in MessageType.values:
        errors["message_type"] = [_("Choose the type of message.")]
    if message_type == MessageType.REPLY and in_reply_to is None:
        errors["in_reply_to"] = [_("A reply answers a message: say which.")]
    if in_reply_to is not None and not can(actor, "reply", in_reply_to):
        raise Http404
    if message_type == MessageType.REQUEST:
        if clock_rule is None:
            errors["clock_rule"] = [_("Choose the legal instrument and urgency of the request.")]
        elif not clock_rule.active:
            errors["clock_rule"] = [_("This legal instrument is no longer offered.")]
    elif clock_rule is not None:
        errors["clock_rule"] = [_("Only requests for information run a legal clock.")]
    if len(body) > MAX_BODY:
        errors["body"] = [_("The message is longer than %(n)s characters.") % {"n": MAX_BODY}]
    targets = _resolve_recipients(actor, recipient_ids, network, errors)
    staged = _check_staged(actor, attachment_ids, errors)
    if hit_notification is not None:
        from paccto.hits.models import HitNotification

        asked = visible_to(actor, HitNotification, "request").filter(pk=hit_notification.pk)
        if not asked.exists():
            raise Http404
        if hit_notification.owner_institution_id not in targets:
            errors["recipients"] = [_("A request about a hit goes to the record's owner.")]
    if case is not None:
        from paccto.cases.permissions import can_contribute_to_case

        if not can_contribute_to_case(actor, case):
            errors["case"] = [_("Choose a case you lead or are a member of.")]
    now = timezone.now()
    due_at, remind_at = clock_times(clock_rule, now)
    message = Message(
        message_type=message_type,
        subject=subject.strip(),
        body=body.strip(),
        language=language,
        case_reference=case_reference.strip(),
        criminal_markets=list(dict.fromkeys(criminal_markets)),
        owner_institution_id=actor.institution_id,
        sender_institution_id=actor.institution_id,
        sender_user_id=actor.user_id,
        handling_code=handling_code or "",
        handling_note=(handling_note or "").strip(),
        source_reliability=source_reliability,
        information_reliability=information_reliability,
        special_category=special_category,
        network=network,
        clock_rule=clock_rule,
        in_reply_to=in_reply_to,
        hit_notification=hit_notification,
        sent_at=now,
        created_at=now,
        due_at=due_at,
        clock_next_at=remind_at,
    )
    try:
        message.full_clean(exclude=["thread", "sender_user", "search_text"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    received = attachments_receive(actor=actor, uploads=uploads)
    try:
        with transaction.atomic():
            if in_reply_to is not None:
                message.thread = in_reply_to.thread
            else:
                message.thread = Thread.objects.create(
                    subject=message.subject, started_at=now, last_message_at=now
                )
            if hit_notification is not None and hit_notification.requested_at is None:
                hit_notification.requested_at = now
                hit_notification.save(update_fields=["requested_at"])
            _deliver(
                actor=actor,
                message=message,
                targets=targets,
                received=received,
                staged_ids=staged,
                details={
                    "network": network.key if network else "",
                    "in_reply_to": in_reply_to.reference if in_reply_to else "",
                    "case_reference": message.case_reference,
                    "due_at": due_at.isoformat() if due_at else "",
                },
            )
            if in_reply_to is not None and message_type == MessageType.REPLY:
                _mark_answered(in_reply_to, actor.institution_id, now)
            if case is not None:
                from paccto.cases.services import case_link_message

                case_link_message(actor=actor, case=case, message=message)
    except BaseException:
        attachments_forget(received)
        raise
    return message


def message_open(*, actor: Actor, message: Message) -> bool:
    """Record that the actor read a message they may see (a consultation); the first
    opening by a user of a recipient institution marks it read there, with who and when.
    Returns whether this was that first reading."""
    now = timezone.now()
    with transaction.atomic():
        first = MessageRecipient.objects.filter(
            message=message, institution_id=actor.institution_id or 0, read_at__isnull=True
        ).update(read_at=now, read_by_id=actor.user_id)
        audit_record(
            actor=actor,
            action=AuditAction.CONSULT,
            obj=message,
            details={"reference": message.reference, "first_read": bool(first)},
        )
    return bool(first)


def message_search_record(*, actor: Actor, q: str) -> None:
    """Record a search of the messages (a consultation)."""
    audit_record(
        actor=actor,
        action=AuditAction.CONSULT,
        object_type="exchange.message",
        details={"search": q[:200]},
    )


def message_acknowledge(*, actor: Actor, message: Message) -> MessageRecipient:
    """Acknowledge receipt for the actor's institution: a time-stamped proof of receipt
    that the sender sees. Acknowledging again changes nothing."""
    with transaction.atomic():
        row = (
            MessageRecipient.objects.select_for_update()
            .select_related("institution")
            .filter(message=message, institution_id=actor.institution_id or 0)
            .first()
        )
        if row is None or not can_use_exchange(actor):
            raise PermissionDenied(_("Only a recipient acknowledges receipt."))
        if row.acknowledged_at is not None:
            return row
        now = timezone.now()
        row.acknowledged_at, row.acknowledged_by_id = now, actor.user_id
        fields = ["acknowledged_at", "acknowledged_by"]
        if row.read_at is None:
            row.read_at, row.read_by_id = now, actor.user_id
            fields += ["read_at", "read_by"]
        row.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=message,
            details={
                "reference": message.reference,
                "acknowledged": row.institution.key,
                "at": now.isoformat(),
            },
        )
        notify_users(
            user_ids=[message.sender_user_id],
            kind=NotificationKind.ACKNOWLEDGED,
            url=reverse("exchange:message_detail", args=[message.pk]),
            message=message,
            reference=message.reference,
            institution_name=row.institution.name,
        )
    return row
