"""Onward sharing that obeys the owner.

Forwarding a message to a third institution makes a copy that keeps the original owner and
its restrictions (handling code and note, grade) and shows them. H0, H1 and H3 content is
forwarded at once (H1 stays marked "not for use in judicial proceedings without the owner's
permission" on every copy; H3 carries its restrictions). H2 content ("not to be passed on
without the owner's permission") forwarded by anyone but its owner becomes a forwarding
request to the owner, and the copy is made and delivered only if the owner grants it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.choices import HandlingCode
from paccto.core.models import Institution
from paccto.core.permissions import Actor, can
from paccto.exchange.choices import ForwardStatus, NotificationKind
from paccto.exchange.models import ForwardRequest, Message, Thread
from paccto.exchange.permissions import can_use_exchange
from paccto.exchange.services.messages import MAX_RECIPIENTS, _deliver
from paccto.exchange.services.notifications import notify_institutions, notify_users


def _targets(actor: Actor, message: Message, target_ids: Iterable[int]) -> list[Institution]:
    ids = {int(pk) for pk in target_ids}
    if not ids:
        raise ValidationError({"targets": [_("Choose the institutions to forward to.")]})
    if len(ids) > MAX_RECIPIENTS:
        raise ValidationError(
            {"targets": [_("At most %(n)s institutions.") % {"n": MAX_RECIPIENTS}]}
        )
    institutions = list(Institution.objects.filter(pk__in=ids).order_by("pk"))
    if len(institutions) != len(ids):
        raise ValidationError(
            {"targets": [_("Unknown institution: choose institutions of the directory.")]}
        )
    holders = {message.sender_institution_id, message.owner_institution_id, actor.institution_id}
    holders |= set(message.recipients.values_list("institution_id", flat=True))
    already = [i.name for i in institutions if i.pk in holders]
    if already:
        raise ValidationError(
            {"targets": [_("%(names)s already has this message.") % {"names": ", ".join(already)}]}
        )
    return institutions


def _copy(
    *, actor: Actor, message: Message, sender_user_id: int, sender_institution_id: int, note: str
) -> Message:
    """An unsaved copy of a message: the original owner and restrictions, a new sender."""
    now = timezone.now()
    subject = message.subject
    return Message(
        thread=Thread.objects.create(subject=subject, started_at=now, last_message_at=now),
        forwarded_from=message,
        message_type=message.message_type,
        subject=subject,
        body=message.body,
        language=message.language,
        case_reference=message.case_reference,
        criminal_markets=list(message.criminal_markets),
        owner_institution_id=message.owner_institution_id,
        sender_institution_id=sender_institution_id,
        sender_user_id=sender_user_id,
        handling_code=message.handling_code,
        handling_note=message.handling_note,
        source_reliability=message.source_reliability,
        information_reliability=message.information_reliability,
        special_category=message.special_category,
        forward_note=note,
        sent_at=now,
        created_at=now,
    )


def _deliver_copy(
    *,
    actor: Actor,
    message: Message,
    targets: list[Institution],
    sender_user_id: int,
    sender_institution_id: int,
    note: str,
    forward_request: ForwardRequest | None = None,
) -> Message:
    copy = _copy(
        actor=actor,
        message=message,
        sender_user_id=sender_user_id,
        sender_institution_id=sender_institution_id,
        note=note,
    )
    return _deliver(
        actor=actor,
        message=copy,
        targets=dict.fromkeys((i.pk for i in targets), None),
        shared=list(message.attachments.all()),
        details={
            "forwarded_from": message.reference,
            "forward_request": forward_request.pk if forward_request else None,
        },
    )


def message_forward(
    *, actor: Actor, message: Message, target_ids: Iterable[int], note: str = ""
) -> Message | ForwardRequest:
    """Forward a message the actor sees to other institutions: a delivered copy, or, for
    H2 content of another owner, a forwarding request that waits for the owner."""
    if not can_use_exchange(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("You may not forward messages."))
    if not can(actor, "forward", message):
        raise PermissionDenied(_("You may not forward this message."))
    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": [_("The note is longer than 500 characters.")]})
    targets = _targets(actor, message, target_ids)
    owner_decides = (
        message.handling_code == HandlingCode.H2
        and message.owner_institution_id != actor.institution_id
    )
    with transaction.atomic():
        if not owner_decides:
            return _deliver_copy(
                actor=actor,
                message=message,
                targets=targets,
                sender_user_id=actor.user_id,
                sender_institution_id=actor.institution_id,
                note=note,
            )
        request = ForwardRequest.objects.create(
            message=message,
            owner_institution_id=message.owner_institution_id,
            requesting_institution_id=actor.institution_id,
            requested_by_id=actor.user_id,
            note=note,
        )
        request.targets.set(targets)
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=request,
            details={
                "event": "forward_requested",
                "message": message.reference,
                "targets": [i.key for i in targets],
                "handling_code": message.handling_code,
            },
        )
        requester = Institution.objects.get(pk=actor.institution_id)
        notify_institutions(
            institution_ids=[message.owner_institution_id],
            kind=NotificationKind.FORWARD_REQUESTED,
            url=reverse("exchange:forward_request_list"),
            message=message,
            reference=message.reference,
            institution_name=requester.name,
        )
    return request


def forward_request_decide(
    *, actor: Actor, request: ForwardRequest, grant: bool, note: str = ""
) -> ForwardRequest:
    """The owner grants (the copy is made and delivered now) or refuses a forwarding
    request for its H2 content."""
    if not can(actor, "decide", request):
        raise PermissionDenied(_("Only the owner decides on forwarding its information."))
    note = note.strip()[:500]
    with transaction.atomic():
        locked = ForwardRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != ForwardStatus.PENDING:
            raise ValidationError(_("This request has already been decided."))
        message = Message.objects.select_related("sender_institution").get(pk=locked.message_id)
        targets = list(locked.targets.order_by("pk"))
        now = timezone.now()
        locked.status = ForwardStatus.GRANTED if grant else ForwardStatus.REFUSED
        locked.decided_by_id = actor.user_id
        locked.decided_at = now
        locked.decision_note = note
        if grant:
            locked.copy = _deliver_copy(
                actor=actor,
                message=message,
                targets=targets,
                sender_user_id=locked.requested_by_id,
                sender_institution_id=locked.requesting_institution_id,
                note=locked.note,
                forward_request=locked,
            )
        else:
            audit_record(
                actor=actor,
                action=AuditAction.ALTER,
                obj=locked,
                details={"event": "forward_refused", "message": message.reference},
            )
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "copy"])
        owner = Institution.objects.get(pk=locked.owner_institution_id)
        notify_users(
            user_ids=[locked.requested_by_id],
            kind=NotificationKind.FORWARD_DECIDED,
            url=reverse("exchange:forward_request_list"),
            message=message,
            reference=message.reference,
            institution_name=owner.name,
        )
    return locked
