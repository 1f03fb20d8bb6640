"""Cases and joint investigation teams in the API: what comes in and what goes out."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from paccto.core.schemas import Id as CoreId
from paccto.entities.schemas import Markets

Stage = Literal[
    "intelligence", "investigation", "prosecution", "trial", "sentence_execution", "closed"
]
ParticipantRoleName = Literal["lead", "member", "observer"]
LegalBasisName = Literal["ameripol_2023", "coe_1959_p2", "eu_2002_465", "bilateral", "other"]
FunctionName = Literal["police", "prosecutor", "judge", "analyst", "expert"]
EvidenceTypeName = Literal[
    "physical",
    "document",
    "digital",
    "financial",
    "communications",
    "biological",
    "drugs",
    "firearm",
    "image",
    "other",
]
ManualCustodyKind = Literal["handed_over", "accessed", "copied", "analysed", "returned"]
TaskStatusName = Literal["open", "in_progress", "done", "cancelled"]
Id = Field(..., ge=1, le=2**53)


class InstitutionRef(Schema):
    id: int
    name: str
    country: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id


class CaseIn(Schema):
    reference: str = Field(..., min_length=1, max_length=60)
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field("", max_length=5000)
    criminal_markets: list[Markets] = Field(default_factory=list, max_length=9)
    stage: Stage = "intelligence"


class CasePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, max_length=5000)
    criminal_markets: list[Markets] | None = Field(None, max_length=9)


class CaseOut(Schema):
    id: int
    reference: str
    title: str
    owner_institution: InstitutionRef
    criminal_markets: list[str]
    stage: str
    created_at: datetime
    updated_at: datetime


class ParticipantOut(Schema):
    id: int
    role: str
    institution: InstitutionRef | None
    username: str | None

    @staticmethod
    def resolve_username(obj) -> str | None:
        return obj.user.username if obj.user_id else None


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    reason: str
    changed_by: str
    changed_at: datetime

    @staticmethod
    def resolve_changed_by(obj) -> str:
        return obj.changed_by.username


class TimelineEventOut(Schema):
    at: datetime
    lane: str
    lane_label: str
    title: str
    detail: str
    who: str
    url: str


class CaseEntityOut(Schema):
    id: int
    entity_id: int
    reference: str
    kind: str
    caption: str
    owner_institution: str
    note: str
    added_at: datetime

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.entity.reference

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.entity.schema

    @staticmethod
    def resolve_caption(obj) -> str:
        return obj.entity.caption

    @staticmethod
    def resolve_owner_institution(obj) -> str:
        return obj.entity.owner_institution.name


class CaseMessageOut(Schema):
    """A message linked to a case, as the caller may read it (never its body)."""

    id: int
    message_id: int
    reference: str
    message_type: str
    subject: str
    handling_code: str
    sender: InstitutionRef
    sent_at: datetime
    added_by: str
    added_at: datetime

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.message.reference

    @staticmethod
    def resolve_message_type(obj) -> str:
        return obj.message.message_type

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.message.subject

    @staticmethod
    def resolve_handling_code(obj) -> str:
        return obj.message.handling_code

    @staticmethod
    def resolve_sender(obj):
        return obj.message.sender_institution

    @staticmethod
    def resolve_sent_at(obj) -> datetime:
        return obj.message.sent_at

    @staticmethod
    def resolve_added_by(obj) -> str:
        return obj.added_by.username


class CaseMessageIn(Schema):
    message_id: int = Id


class JitRef(Schema):
    id: int
    reference: str
    name: str
    status: str


class CaseDetailOut(CaseOut):
    summary: str
    allowed_stages: list[str]
    participants: list[ParticipantOut]
    timeline: list[StageChangeOut]
    entities: list[CaseEntityOut]
    jits: list[JitRef]


class StageIn(Schema):
    to_stage: Stage
    reason: str = Field(..., max_length=1000)


class ParticipantIn(Schema):
    role: ParticipantRoleName
    institution_id: int | None = Field(None, ge=1, le=2**53)
    username: str | None = Field(None, max_length=150)


class CaseEntityIn(Schema):
    entity_id: int = Id
    justification: str = Field(..., max_length=500)
    note: str = Field("", max_length=500)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=1000)


class MemberIn(Schema):
    username: str = Field(..., min_length=1, max_length=150)
    function: FunctionName | Literal[""] = ""


class JitIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    case_id: int | None = Field(None, ge=1, le=2**53)
    legal_basis: LegalBasisName
    legal_basis_text: str = Field("", max_length=500)
    purpose: str = Field(..., min_length=1, max_length=5000)
    start_date: date
    end_date: date
    party_ids: list[CoreId] = Field(..., min_length=1, max_length=50)
    members: list[MemberIn] = Field(..., min_length=1, max_length=200)
    leader: str = Field(..., max_length=150)
    administrator: str = Field("", max_length=150)


class MemberOut(Schema):
    id: int
    username: str
    institution: InstitutionRef
    function: str
    added_at: datetime

    @staticmethod
    def resolve_username(obj) -> str:
        return obj.user.username


class JitOut(Schema):
    id: int
    reference: str
    name: str
    status: str
    legal_basis: str
    start_date: date
    end_date: date
    leader: str
    case_id: int | None

    @staticmethod
    def resolve_leader(obj) -> str:
        return obj.leader.username


class JitDetailOut(JitOut):
    legal_basis_text: str
    purpose: str
    administrator: str
    closed_at: datetime | None
    parties: list[InstitutionRef]
    members: list[MemberOut]

    @staticmethod
    def resolve_administrator(obj) -> str:
        return obj.administrator.username

    @staticmethod
    def resolve_parties(obj) -> list:
        return obj.parties_list  # read by the selectors before

    @staticmethod
    def resolve_members(obj) -> list:
        return obj.members_list


class FileOut(Schema):
    id: int
    name: str
    sha256: str
    size: int
    content_type: str
    uploaded_at: datetime

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.original_name


class EvidenceOut(Schema):
    id: int
    reference: str
    number: int
    item: str
    evidence_type: str
    description: str
    seized_at: datetime
    seized_place: str
    seized_by: str
    registered_by: str
    registered_at: datetime
    holder: str | None
    files: list[FileOut]

    @staticmethod
    def resolve_registered_by(obj) -> str:
        return obj.registered_by.username

    @staticmethod
    def resolve_holder(obj) -> str | None:
        head = getattr(obj, "custody_head", None)
        return head.holder.username if head is not None and head.holder_id else None

    @staticmethod
    def resolve_files(obj) -> list:
        return list(obj.files.all())


class EvidenceIn(Schema):
    item: str = Field(..., min_length=1, max_length=200)
    evidence_type: EvidenceTypeName
    description: str = Field(..., min_length=1, max_length=5000)
    seized_at: datetime
    seized_place: str = Field(..., min_length=1, max_length=300)
    seized_by: str = Field(..., min_length=1, max_length=300)


class CustodyEventOut(Schema):
    seq: int
    kind: str
    at: datetime
    recorded_by: str
    from_holder: str
    to_holder: str
    place: str
    note: str
    entry_hash: str

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.actor_username


class EvidenceDetailOut(EvidenceOut):
    custody: list[CustodyEventOut]

    @staticmethod
    def resolve_custody(obj) -> list:
        return obj.custody_list  # read by the selectors before


class CustodyIn(Schema):
    kind: ManualCustodyKind
    to_holder: str = Field("", max_length=150)
    place: str = Field("", max_length=300)
    note: str = Field("", max_length=1000)


class ProblemOut(Schema):
    evidence_id: int
    reference: str
    seq: int
    kind: str
    detail: str


class CustodyReportOut(Schema):
    ok: bool
    items: int
    events: int
    files: int
    problems: list[ProblemOut]


class TaskIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    assignee: str = Field(..., max_length=150)
    due_date: date


class TaskPatch(Schema):
    status: TaskStatusName | None = None
    assignee: str | None = Field(None, max_length=150)
    due_date: date | None = None


class TaskOut(Schema):
    id: int
    title: str
    description: str
    assignee: str
    due_date: date
    status: str

    @staticmethod
    def resolve_assignee(obj) -> str:
        return obj.assignee.username


class MeetingIn(Schema):
    held_at: datetime
    title: str = Field(..., min_length=1, max_length=200)
    attendees: list[str] = Field(..., min_length=1, max_length=200)
    minutes: str = Field(..., min_length=1, max_length=20000)


class MeetingOut(Schema):
    id: int
    held_at: datetime
    title: str
    attendees: list[str]
    minutes: str

    @staticmethod
    def resolve_attendees(obj) -> list[str]:
        return sorted(u.username for u in obj.attendees.all())


class StatementIn(Schema):
    institution_id: int = Id
    text: str = Field("", max_length=5000)


class EvaluationIn(Schema):
    objectives_met: Literal["yes", "partly", "no"]
    legal_obstacles: str = Field("", max_length=5000)
    cooperation_quality: Literal["1", "2", "3", "4", "5"]
    lessons_learned: str = Field(..., min_length=1, max_length=5000)
    statements: list[StatementIn] = Field(default_factory=list, max_length=50)


class StatementOut(Schema):
    institution: InstitutionRef
    text: str


class EvaluationOut(Schema):
    objectives_met: str
    legal_obstacles: str
    cooperation_quality: str
    lessons_learned: str
    submitted_by: str
    submitted_at: datetime
    statements: list[StatementOut]

    @staticmethod
    def resolve_submitted_by(obj) -> str:
        return obj.submitted_by.username

    @staticmethod
    def resolve_statements(obj) -> list:
        return list(obj.statements.all())
