"""Secure exchange in the API: send, read, acknowledge, forward, attach, follow threads,
forwarding requests and notifications."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from paccto.api.auth import require_write
from paccto.api.pagination import PageRows, Pagination
from paccto.core.models import Institution, Network
from paccto.core.permissions import Actor, actor_for
from paccto.exchange import selectors, services
from paccto.exchange.models import ForwardRequest, Message, message_reference
from paccto.exchange.permissions import can_use_exchange
from paccto.exchange.schemas import (
    AttachmentOut,
    ClockRuleOut,
    DecisionIn,
    DefaultsIn,
    DefaultsOut,
    ForwardIn,
    ForwardOut,
    ForwardRequestOut,
    InboxItemOut,
    MentionIn,
    MentionOut,
    MessageDetailOut,
    MessageIn,
    MessageOut,
    NotificationOut,
    OutboxItemOut,
    ReadIn,
    ReadOut,
    ReceiptOut,
    ThreadDetailOut,
    ThreadOut,
)

router = Router(tags=["secure exchange"])


class BoxFilter(Schema):
    overdue: bool = False


class SearchFilter(Schema):
    q: str = ""


def _operational(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not can_use_exchange(actor):
        raise PermissionDenied(_("You may not send messages."))
    return actor


def _detail(actor: Actor, message: Message) -> Message:
    message.receipts = list(  # type: ignore[attr-defined]
        selectors.message_recipients(actor=actor, message=message)
    )
    return message


INBOX_VALUES = (
    "delivered_at",
    "read_at",
    "acknowledged_at",
    "answered_at",
    "message_id",
    "message__message_type",
    "message__subject",
    "message__handling_code",
    "message__source_reliability",
    "message__information_reliability",
    "message__sent_at",
    "message__due_at",
    "message__answered_at",
    "message__thread_id",
    "message__forwarded_from_id",
    "message__sender_institution_id",
    "message__sender_institution__name",
    "message__sender_institution__country_id",
    "message__owner_institution_id",
    "message__owner_institution__name",
    "message__owner_institution__country_id",
)


def _inbox_items(page: QuerySet) -> list[dict[str, Any]]:
    """A page of the inbox in the shape of ``InboxItemOut``, read as plain values (the
    schema reading model objects cost three times the query)."""
    now = timezone.now()
    items = []
    for row in selectors.page_values(page, *INBOX_VALUES):
        due, country = row["message__due_at"], row["message__sender_institution__country_id"]
        message = {
            "id": row["message_id"],
            "reference": message_reference(country, row["message_id"]),
            "message_type": row["message__message_type"],
            "subject": row["message__subject"],
            "sender": {
                "id": row["message__sender_institution_id"],
                "name": row["message__sender_institution__name"],
                "country": country,
            },
            "owner": {
                "id": row["message__owner_institution_id"],
                "name": row["message__owner_institution__name"],
                "country": row["message__owner_institution__country_id"],
            },
            "handling_code": row["message__handling_code"],
            "grade": row["message__source_reliability"] + row["message__information_reliability"],
            "sent_at": row["message__sent_at"],
            "due_at": due,
            "answered_at": row["message__answered_at"],
            "overdue": due is not None and row["message__answered_at"] is None and due < now,
            "thread_id": row["message__thread_id"],
            "forwarded_from_id": row["message__forwarded_from_id"],
        }
        items.append(
            {
                "message": message,
                "delivered_at": row["delivered_at"],
                "read_at": row["read_at"],
                "acknowledged_at": row["acknowledged_at"],
                "answered_at": row["answered_at"],
                "overdue": due is not None and row["answered_at"] is None and due < now,
            }
        )
    return items


@router.get("/exchange/inbox", response=list[InboxItemOut])
@paginate(Pagination)
def exchange_inbox(request: HttpRequest, filters: Query[BoxFilter]):
    """What was delivered to the caller's institution, newest first, with the status
    there and the due time of requests."""
    inbox = selectors.inbox(actor=actor_for(request.user), overdue=filters.overdue)
    return PageRows(inbox, _inbox_items)


@router.get("/exchange/outbox", response=list[OutboxItemOut])
@paginate(Pagination)
def exchange_outbox(request: HttpRequest, filters: Query[BoxFilter]):
    """What the caller's institution sent, with each recipient's status."""
    return selectors.outbox(actor=actor_for(request.user), overdue=filters.overdue)


@router.get("/exchange/messages", response=list[MessageOut])
@paginate(Pagination)
def exchange_message_search(request: HttpRequest, filters: Query[SearchFilter]):
    """Full-text search of the messages the caller sees (every word; accents and case
    ignored; or a message reference). Audited."""
    actor = _operational(request)
    q = filters.q.strip()[:200]
    if not q:
        raise ValidationError({"q": [_("Give the words to search for.")]})
    services.message_search_record(actor=actor, q=q)
    return selectors.message_search(actor=actor, q=q)


@router.post("/exchange/messages", response={201: MessageDetailOut})
def exchange_message_send(request: HttpRequest, body: MessageIn):
    """Send a message. Requests name their legal instrument and urgency; attachments are
    uploaded first (``POST /exchange/attachments``) and named by id; ``case_id`` links the
    message to one of the caller's cases (a lead or member of it)."""
    require_write(request)
    actor = _operational(request)
    network = None
    if body.network:
        network = Network.objects.filter(key=body.network).first()
        if network is None:
            raise ValidationError({"network": [_("Unknown network.")]})
    rule = None
    if body.instrument or body.urgency:
        rule = selectors.clock_rule_get(instrument=body.instrument, urgency=body.urgency)
        if rule is None:
            raise ValidationError(
                {"instrument": [_("Unknown legal instrument or urgency: see the clock rules.")]}
            )
    reply_to = None
    if body.in_reply_to_id:
        reply_to = services.message_access(actor=actor, pk=body.in_reply_to_id, action="reply")
    hit = None
    if body.hit_notification_id:
        from paccto.hits.selectors import hit_notification_get

        hit = hit_notification_get(actor=actor, pk=body.hit_notification_id, action="request")
    case = None
    if body.case_id:
        from paccto.cases.selectors import case_get

        case = case_get(actor=actor, pk=body.case_id)
    message = services.message_send(
        actor=actor,
        message_type=body.message_type,
        subject=body.subject,
        body=body.body,
        recipient_ids=body.recipient_ids,
        network=network,
        language=body.language,
        criminal_markets=body.criminal_markets,
        case_reference=body.case_reference,
        handling_code=body.handling_code,
        handling_note=body.handling_note,
        source_reliability=body.source_reliability,
        information_reliability=body.information_reliability,
        special_category=body.special_category,
        clock_rule=rule,
        in_reply_to=reply_to,
        attachment_ids=body.attachment_ids,
        hit_notification=hit,
        case=case,
    )
    message = selectors.message_get(actor=actor, pk=message.pk)
    return Status(201, _detail(actor, message))


@router.get("/exchange/messages/{int:message_id}", response=MessageDetailOut)
def exchange_message_detail(request: HttpRequest, message_id: int):
    """Read a message (audited; the first reading by a recipient marks it read there)."""
    actor = actor_for(request.user)
    message = services.message_access(actor=actor, pk=message_id)
    services.message_open(actor=actor, message=message)
    return _detail(actor, message)


@router.post("/exchange/messages/{int:message_id}/acknowledge", response=ReceiptOut)
def exchange_message_acknowledge(request: HttpRequest, message_id: int):
    """Acknowledge receipt for the caller's institution (time-stamped proof of receipt)."""
    require_write(request)
    actor = actor_for(request.user)
    message = services.message_access(actor=actor, pk=message_id, action="receive")
    row = services.message_acknowledge(actor=actor, message=message)
    return selectors.message_recipients(actor=actor, message=message).get(pk=row.pk)


@router.post(
    "/exchange/messages/{int:message_id}/forward", response={201: ForwardOut, 202: ForwardOut}
)
def exchange_message_forward(request: HttpRequest, message_id: int, body: ForwardIn):
    """Forward to other institutions: 201 with the delivered copy, or 202 with a request
    that waits for the owner's permission (H2 content of another institution)."""
    require_write(request)
    actor = actor_for(request.user)
    message = services.message_access(actor=actor, pk=message_id, action="forward")
    result = services.message_forward(
        actor=actor, message=message, target_ids=body.target_ids, note=body.note
    )
    if isinstance(result, ForwardRequest):
        return Status(202, {"status": "pending", "forward_request_id": result.pk})
    return Status(201, {"status": "delivered", "message": result})


@router.post("/exchange/messages/{int:message_id}/entities", response={201: MentionOut})
def exchange_message_mention(request: HttpRequest, message_id: int, body: MentionIn):
    """Link an entity one sees to the message, or record a new one from it."""
    from paccto.entities.selectors import entity_get
    from paccto.exchange.models import MessageEntity

    require_write(request)
    actor = actor_for(request.user)
    message = services.message_access(actor=actor, pk=message_id, action="link")
    if body.entity_id:
        entity = entity_get(actor=actor, pk=body.entity_id)
        return Status(
            201, services.message_entity_link(actor=actor, message=message, entity=entity)
        )
    if not body.schema_name:
        raise ValidationError({"schema": [_("Give an entity_id, or a schema and properties.")]})
    entity = services.message_entity_record(
        actor=actor,
        message=message,
        schema=body.schema_name,
        properties=body.properties,
        flags=body.flags.model_dump(),
        provenance=body.provenance.model_dump(exclude_unset=True),
    )
    mention = MessageEntity.objects.select_related("entity__owner_institution")
    return Status(201, mention.get(message=message, entity=entity))


@router.get("/exchange/threads", response=list[ThreadOut])
@paginate(Pagination)
def exchange_thread_list(request: HttpRequest):
    """The conversations of the caller's institution, latest activity first."""
    return selectors.thread_list(actor=actor_for(request.user))


@router.get("/exchange/threads/{int:thread_id}", response=ThreadDetailOut)
def exchange_thread_detail(request: HttpRequest, thread_id: int):
    """A thread and the messages of it the caller sees (no bodies: read each message)."""
    actor = actor_for(request.user)
    thread = selectors.thread_get(actor=actor, pk=thread_id)
    return {
        "id": thread.pk,
        "subject": thread.subject,
        "started_at": thread.started_at,
        "messages": list(selectors.thread_messages(actor=actor, thread=thread)),
    }


@router.post("/exchange/attachments", response={201: AttachmentOut})
def exchange_attachment_upload(request: HttpRequest, file: File[UploadedFile]):
    """Upload one file (multipart, field ``file``), to send with a message by id within
    ``PACCTO_ATTACHMENT_STAGED_HOURS``."""
    require_write(request)
    actor = actor_for(request.user)
    return Status(201, services.attachment_upload(actor=actor, upload=file))


@router.get("/exchange/attachments/{int:attachment_id}", response={200: None})
def exchange_attachment_download(request: HttpRequest, attachment_id: int):
    """Download an attachment (audited). 409 when the file no longer matches its
    SHA-256."""
    actor = actor_for(request.user)
    attachment = services.attachment_access(actor=actor, pk=attachment_id)
    try:
        handle = services.attachment_open(actor=actor, attachment=attachment)
    except services.AttachmentIntegrityError as exc:
        from django.http import JsonResponse

        return JsonResponse({"detail": str(exc)}, status=409)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.media_type,
    )
    response["X-Content-SHA256"] = attachment.sha256
    return response


@router.get("/exchange/forward-requests", response=list[ForwardRequestOut])
@paginate(Pagination)
def exchange_forward_request_list(request: HttpRequest):
    """Requests to forward the caller's institution's H2 information, and its own."""
    return selectors.forward_request_list(actor=actor_for(request.user))


@router.post("/exchange/forward-requests/{int:request_id}/decide", response=ForwardRequestOut)
def exchange_forward_request_decide(request: HttpRequest, request_id: int, body: DecisionIn):
    """The owner grants (the copy is delivered now) or refuses."""
    require_write(request)
    actor = actor_for(request.user)
    forward = selectors.forward_request_get(actor=actor, pk=request_id, action="decide")
    services.forward_request_decide(actor=actor, request=forward, grant=body.grant, note=body.note)
    return selectors.forward_request_list(actor=actor).get(pk=forward.pk)


@router.get("/exchange/notifications", response=list[NotificationOut])
@paginate(Pagination)
def exchange_notification_list(request: HttpRequest):
    """The caller's notifications, newest first."""
    return selectors.notification_list(actor=actor_for(request.user))


@router.post("/exchange/notifications/read", response=ReadOut)
def exchange_notifications_read(request: HttpRequest, body: ReadIn):
    """Mark the caller's notifications read (all, or those listed)."""
    require_write(request)
    actor = actor_for(request.user)
    return {"marked": services.notifications_mark_read(actor=actor, ids=body.ids)}


@router.get("/exchange/clock-rules", response=list[ClockRuleOut])
def exchange_clock_rule_list(request: HttpRequest):
    """The legal instruments and urgencies a request may choose, with their clocks."""
    return list(selectors.clock_rule_list())


def _defaults_institution(actor: Actor, institution_id: int) -> Institution:
    from paccto.exchange.permissions import can_edit_defaults_of

    institution = Institution.objects.filter(pk=institution_id).first()
    if institution is None:
        raise Http404
    own = actor.institution_id == institution.pk
    if not own and not can_edit_defaults_of(actor, institution.country_id):
        raise Http404
    return institution


def _defaults_out(institution: Institution) -> dict:
    defaults = services.exchange_defaults_for(institution.pk)
    fields = ("handling_code", "handling_note", "source_reliability", "information_reliability")
    values = {f: getattr(defaults, f) if defaults else "" for f in fields}
    return {
        "institution_id": institution.pk,
        **values,
        "language": defaults.language if defaults else "",
    }


@router.get("/exchange/defaults/{int:institution_id}", response=DefaultsOut)
def exchange_defaults_detail(request: HttpRequest, institution_id: int):
    """What an institution's messages carry by default (its users, and the administrators
    who set them)."""
    actor = actor_for(request.user)
    return _defaults_out(_defaults_institution(actor, institution_id))


@router.put("/exchange/defaults/{int:institution_id}", response=DefaultsOut)
def exchange_defaults_update(request: HttpRequest, institution_id: int, body: DefaultsIn):
    """Set an institution's defaults (its country's national administrators, platform
    administrators)."""
    require_write(request)
    actor = actor_for(request.user)
    institution = _defaults_institution(actor, institution_id)
    services.exchange_defaults_set(actor=actor, institution=institution, **body.model_dump())
    return _defaults_out(institution)
