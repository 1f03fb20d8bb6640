"""Judicial cooperation in the API: what comes in and what goes out.

Inputs are parsed leniently (choices and dates as text, bounded): the services check every
rule, answer with translated errors, and audit what they refuse."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from paccto.cases.schemas import InstitutionRef

Id = Field(None, ge=1, le=2**53)
TEXT = 20_000


class RequestIn(Schema):
    request_type: str = Field(..., max_length=40)
    executing_institution_id: int | None = Id
    legal_basis: str = Field("", max_length=40, description="A legal basis key")
    legal_basis_detail: str = Field("", max_length=TEXT)
    requesting_central_authority_id: int | None = Id
    executing_central_authority_id: int | None = Id
    case_id: int | None = Id
    title: str = Field("", max_length=TEXT)
    offence: str = Field("", max_length=TEXT)
    facts: str = Field("", max_length=TEXT)
    facts_from: str | None = Field(None, max_length=40, description="YYYY-MM-DD")
    facts_to: str | None = Field(None, max_length=40, description="YYYY-MM-DD")
    criminal_markets: list[str] = Field(default_factory=list, max_length=20)
    measures: str = Field("", max_length=TEXT)
    urgency: str = Field("normal", max_length=20)
    urgency_reasons: str = Field("", max_length=TEXT)
    language: str = Field("", max_length=8)


class RequestPatch(Schema):
    executing_institution_id: int | None = Id
    legal_basis: str | None = Field(None, max_length=40)
    legal_basis_detail: str | None = Field(None, max_length=TEXT)
    requesting_central_authority_id: int | None = Id
    executing_central_authority_id: int | None = Id
    case_id: int | None = Id
    title: str | None = Field(None, max_length=TEXT)
    offence: str | None = Field(None, max_length=TEXT)
    facts: str | None = Field(None, max_length=TEXT)
    facts_from: str | None = Field(None, max_length=40)
    facts_to: str | None = Field(None, max_length=40)
    criminal_markets: list[str] | None = Field(None, max_length=20)
    measures: str | None = Field(None, max_length=TEXT)
    urgency: str | None = Field(None, max_length=20)
    urgency_reasons: str | None = Field(None, max_length=TEXT)
    language: str | None = Field(None, max_length=8)


class EntityIn(Schema):
    entity_id: int = Field(..., ge=1, le=2**53)
    role: str = Field(..., max_length=20)
    note: str = Field("", max_length=TEXT)


class AnswerIn(Schema):
    question: str = Field(..., max_length=40)
    answer: bool | None = None
    explanation: str = Field("", max_length=TEXT)
    assurance: str = Field("", max_length=TEXT)


class SafeguardsIn(Schema):
    answers: list[AnswerIn] = Field(..., max_length=20)


class TransitionIn(Schema):
    action: str = Field(..., max_length=40)
    reason: str = Field("", max_length=TEXT)
    ground: str = Field("", max_length=40, description="A refusal ground key (refuse)")


class ExtensionIn(Schema):
    notice: str = Field("", max_length=TEXT)


class RequestFilter(Schema):
    box: str = Field("", max_length=20, description="outgoing, incoming or empty (all)")
    status: str = Field("", max_length=40)
    request_type: str = Field("", max_length=40)
    overdue: bool = False
    q: str = Field("", max_length=100)
    case_id: int | None = Id


class RequestSummaryOut(Schema):
    id: int
    number: str
    request_type: str
    status: str
    title: str
    urgency: str
    requesting_institution: InstitutionRef
    executing_institution: InstitutionRef
    case_id: int | None
    sent_at: datetime | None
    updated_at: datetime
    due_at: datetime | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj["overdue"] if isinstance(obj, dict) else obj.is_overdue


class EventOut(Schema):
    id: int
    action: str
    from_status: str
    to_status: str
    side: str
    at: datetime
    by: str | None
    institution_id: int | None
    reason: str
    ground: str | None

    @staticmethod
    def resolve_by(obj) -> str | None:
        return obj.by.get_username() if obj.by_id else None

    @staticmethod
    def resolve_ground(obj) -> str | None:
        return obj.ground.key if obj.ground_id else None


class DeadlineOut(Schema):
    phase: str
    starts_at: datetime
    due_at: datetime
    original_due_at: datetime
    extended_at: datetime | None
    extension_notice: str
    ended_at: datetime | None
    reminded_at: datetime | None
    escalated_at: datetime | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class AnswerOut(Schema):
    question: str
    answer: bool
    explanation: str
    assurance: str
    answered_at: datetime


class EntityOut(Schema):
    id: int
    entity_id: int
    role: str
    schema_name: str = Field(..., alias="schema")
    caption: str
    reference: str
    note: str


class AttachmentOut(Schema):
    id: int
    side: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class RequestOut(RequestSummaryOut):
    requesting_central_authority: InstitutionRef | None
    executing_central_authority: InstitutionRef | None
    legal_basis: str
    legal_basis_name: str
    legal_basis_detail: str
    offence: str
    facts: str
    facts_from: date | None
    facts_to: date | None
    criminal_markets: list[str]
    measures: str
    urgency_reasons: str
    language: str
    created_at: datetime
    sides: list[str]
    allowed_steps: list[str]
    safeguards_required: bool
    safeguards_missing: list[str]
    safeguards: list[AnswerOut]
    entities: list[EntityOut]
    attachments: list[AttachmentOut]
    deadlines: list[DeadlineOut]


class LegalBasisOut(Schema):
    key: str
    short_name: str
    name: str
    request_types: list[str]
    countries: list[str]
    groupings: list[str]
    needs_detail: bool
    note: str


class ChoiceOut(Schema):
    code: str
    label: str
    request_types: list[str] = []


class DeadlineRuleOut(Schema):
    instrument: str
    request_type: str
    urgency: str
    phase: str
    hours: int | None
    extension_hours: int | None
    remind_percent: int
    note: str


class JudgmentIn(Schema):
    case_id: int = Field(..., ge=1, le=2**53)
    court_id: int | None = Id
    court_reference: str = Field("", max_length=TEXT)
    judgment_date: str | None = Field(None, max_length=40, description="YYYY-MM-DD")
    judgment_type: str = Field(..., max_length=20)
    defendant_id: int | None = Id
    offences: str = Field("", max_length=TEXT)
    sentence_type: str = Field("none", max_length=20)
    sentence_months: int | None = Field(None, ge=0, le=100_000)
    sentence_days: int | None = Field(None, ge=0, le=100_000)
    fine_amount: Decimal | None = Field(None, ge=0, le=10**13, decimal_places=2)
    fine_currency: str = Field("", max_length=10)
    confiscation_ordered: bool = False
    confiscation_details: str = Field("", max_length=TEXT)
    finality: str = Field("appealable", max_length=20)
    final_on: str | None = Field(None, max_length=40, description="YYYY-MM-DD")


class FinalIn(Schema):
    final_on: str | None = Field(None, max_length=40, description="YYYY-MM-DD")


class JudgmentOut(Schema):
    id: int
    case_id: int
    court: InstitutionRef
    court_reference: str
    judgment_date: date
    judgment_type: str
    defendant_id: int | None
    defendant_caption: str
    offences: str
    sentence_type: str
    sentence_months: int | None
    sentence_days: int | None
    fine_amount: Decimal | None
    fine_currency: str
    confiscation_ordered: bool
    confiscation_details: str
    finality: str
    final_on: date | None
    recorded_at: datetime
