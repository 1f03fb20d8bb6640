"""API shapes of secure exchange."""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from paccto.core.schemas import Id
from paccto.entities.schemas import FlagsIn, Markets, ProvenanceIn, SchemaName

MessageTypeName = Literal["request", "reply", "spontaneous", "notification"]
Language = Literal["es", "pt", "fr", "en", "nl", "it", ""]
Code = Literal["H0", "H1", "H2", "H3", ""]


class InstitutionRef(Schema):
    id: int
    name: str
    country: str

    # The resolvers also read the plain rows some lists are built from (dicts in the
    # schema's own shape, see exchange.api._inbox_items).
    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj["country"] if isinstance(obj, dict) else obj.country_id)


class MessageIn(Schema):
    message_type: MessageTypeName
    recipient_ids: list[Id] = Field(default_factory=list, max_length=300)
    network: str = Field("", max_length=40, description="A network's key: its contact points.")
    subject: str = Field(..., max_length=300)
    body: str = Field(..., max_length=100_000)
    language: Language = ""
    criminal_markets: list[Markets] = Field(default_factory=list, max_length=9)
    case_reference: str = Field("", max_length=100)
    handling_code: Code | None = Field(
        None, description="Omitted: the institution's default; without one, refused."
    )
    handling_note: str | None = Field(None, max_length=500)
    source_reliability: Literal["A", "B", "C", "X"] | None = None
    information_reliability: Literal["1", "2", "3", "4"] | None = None
    special_category: bool = False
    instrument: str = Field("", max_length=40, description="Requests: see /exchange/clock-rules.")
    urgency: str = Field("", max_length=40)
    in_reply_to_id: Id | None = Field(None, ge=1, le=2**62)
    attachment_ids: list[Id] = Field(default_factory=list, max_length=10)
    hit_notification_id: Id | None = Field(None, ge=1, le=2**62)
    case_id: Id | None = Field(
        None, ge=1, le=2**62, description="One of the caller's cases, to link the message to."
    )


class MessageOut(Schema):
    id: int
    reference: str
    message_type: str
    subject: str
    sender: InstitutionRef
    owner: InstitutionRef
    handling_code: str
    grade: str
    sent_at: datetime
    due_at: datetime | None
    answered_at: datetime | None
    overdue: bool
    thread_id: int
    forwarded_from_id: int | None

    @staticmethod
    def resolve_sender(obj: Any) -> Any:
        return obj["sender"] if isinstance(obj, dict) else obj.sender_institution

    @staticmethod
    def resolve_owner(obj: Any) -> Any:
        return obj["owner"] if isinstance(obj, dict) else obj.owner_institution

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj["overdue"] if isinstance(obj, dict) else obj.is_overdue)


class ReceiptOut(Schema):
    institution: InstitutionRef
    via_network: str | None
    delivered_at: datetime
    read_at: datetime | None
    read_by: str | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    answered_at: datetime | None

    @staticmethod
    def resolve_via_network(obj: Any) -> str | None:
        return obj.via_network.key if obj.via_network_id else None

    @staticmethod
    def resolve_read_by(obj: Any) -> str | None:
        return obj.read_by.get_username() if obj.read_by_id else None

    @staticmethod
    def resolve_acknowledged_by(obj: Any) -> str | None:
        return obj.acknowledged_by.get_username() if obj.acknowledged_by_id else None


class InboxItemOut(Schema):
    message: MessageOut
    delivered_at: datetime
    read_at: datetime | None
    acknowledged_at: datetime | None
    answered_at: datetime | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj["overdue"] if isinstance(obj, dict) else obj.is_overdue)


class StatusOut(Schema):
    institution: InstitutionRef
    delivered_at: datetime
    read_at: datetime | None
    acknowledged_at: datetime | None
    answered_at: datetime | None


class OutboxItemOut(MessageOut):
    recipients: list[StatusOut]

    @staticmethod
    def resolve_recipients(obj: Any) -> list:
        return list(obj.recipients.all())


class AttachmentOut(Schema):
    id: int
    message_id: int | None
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class MessageDetailOut(MessageOut):
    body: str
    language: str
    case_reference: str
    criminal_markets: list[str]
    handling_note: str
    source_reliability: str
    information_reliability: str
    special_category: bool
    not_for_judicial_use: bool
    instrument: str | None
    urgency: str | None
    network: str | None
    in_reply_to_id: int | None
    forward_note: str
    recipients: list[ReceiptOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_instrument(obj: Any) -> str | None:
        return obj.clock_rule.instrument if obj.clock_rule_id else None

    @staticmethod
    def resolve_urgency(obj: Any) -> str | None:
        return obj.clock_rule.urgency if obj.clock_rule_id else None

    @staticmethod
    def resolve_network(obj: Any) -> str | None:
        return obj.network.key if obj.network_id else None

    @staticmethod
    def resolve_recipients(obj: Any) -> list:
        return list(obj.receipts)

    @staticmethod
    def resolve_attachments(obj: Any) -> list:
        return list(obj.attachments.order_by("pk"))


class ThreadOut(Schema):
    id: int
    subject: str
    started_at: datetime
    last_message_at: datetime

    @staticmethod
    def resolve_id(obj: Any) -> int:
        return int(obj.thread_id)

    @staticmethod
    def resolve_subject(obj: Any) -> str:
        return str(obj.thread.subject)

    @staticmethod
    def resolve_started_at(obj: Any) -> datetime:
        return obj.thread.started_at  # type: ignore[no-any-return]


class ThreadDetailOut(Schema):
    id: int
    subject: str
    started_at: datetime
    messages: list[MessageOut]


class ForwardIn(Schema):
    target_ids: list[Id] = Field(..., max_length=300)
    note: str = Field("", max_length=500)


class ForwardOut(Schema):
    status: Literal["delivered", "pending"]
    message: MessageOut | None = None
    forward_request_id: int | None = None


class ForwardRequestOut(Schema):
    id: int
    message_id: int
    message_reference: str
    owner: InstitutionRef
    requesting: InstitutionRef
    targets: list[InstitutionRef]
    note: str
    status: str
    requested_at: datetime
    decided_at: datetime | None
    decision_note: str
    copy_id: int | None

    @staticmethod
    def resolve_message_reference(obj: Any) -> str:
        return str(obj.message.reference)

    @staticmethod
    def resolve_owner(obj: Any) -> Any:
        return obj.owner_institution

    @staticmethod
    def resolve_requesting(obj: Any) -> Any:
        return obj.requesting_institution

    @staticmethod
    def resolve_targets(obj: Any) -> list:
        return list(obj.targets.all())


class DecisionIn(Schema):
    grant: bool
    note: str = Field("", max_length=500)


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    reference: str
    event_date: date | None
    created_at: datetime
    read_at: datetime | None


class ReadIn(Schema):
    ids: list[Id] | None = Field(None, max_length=1000)


class ReadOut(Schema):
    marked: int


class ClockRuleOut(Schema):
    instrument: str
    instrument_name: str
    urgency: str
    label: str
    hours: int | None
    remind_percent: int

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj.urgency_label)


class DefaultsIn(Schema):
    handling_code: Literal["H0", "H1", "H2", "H3"]
    handling_note: str = Field("", max_length=500)
    source_reliability: Literal["A", "B", "C", "X"] = "X"
    information_reliability: Literal["1", "2", "3", "4"] = "4"
    language: Language = ""


class DefaultsOut(Schema):
    institution_id: int
    handling_code: str
    handling_note: str
    source_reliability: str
    information_reliability: str
    language: str


class MentionIn(Schema):
    """Either ``entity_id`` (link an entity one sees) or ``schema`` and ``properties`` (record
    a new one, with this message as its source)."""

    entity_id: Id | None = Field(None, ge=1, le=2**62)
    schema_name: SchemaName | None = Field(None, alias="schema")
    properties: dict[str, list[str] | str] = Field(default_factory=dict)
    flags: FlagsIn = Field(default_factory=FlagsIn)
    provenance: ProvenanceIn = Field(default_factory=ProvenanceIn)


class MentionOut(Schema):
    entity_id: int
    reference: str
    caption: str
    recorded: bool

    @staticmethod
    def resolve_reference(obj: Any) -> str:
        return str(obj.entity.reference)

    @staticmethod
    def resolve_caption(obj: Any) -> str:
        return str(obj.entity.caption)
