"""API shapes of prisons. Choices are checked by the services (translated errors, audited
refusals), not by the schemas."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

from paccto.core.schemas import Id
from paccto.entities.schemas import Markets, ProvenanceIn

Text = Annotated[str, Field(max_length=5000)]


class InstitutionOut(Schema):
    id: int
    name: str
    country: str

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj.country_id)


class PersonIdentityIn(Schema):
    given_name: str = Field("", max_length=200)
    surname: str = Field("", max_length=200)
    second_surname: str = Field("", max_length=200)
    full_name: str = Field("", max_length=300)
    birth_date: str = Field("", max_length=10)
    nationality: str = Field("", max_length=2)
    id_number: str = Field("", max_length=120)
    gender: str = Field("", max_length=8)


class InmateIn(Schema):
    person_id: Id | None = Field(None, description="A person of the entity store you may see.")
    person: PersonIdentityIn | None = Field(None, description="Or the identity to record.")
    register_number: str = Field(..., max_length=200)
    establishment: str = Field(..., max_length=1000)
    admission_date: date | None = None
    legal_status: str = Field(..., max_length=20, description="remand or sentenced")
    expected_release_date: date | None = None
    sentence_type: str = Field("", max_length=20)
    sentence_months: int | None = Field(None, ge=0, le=100_000)
    sentence_court: str = Field("", max_length=1000)
    sentence_date: date | None = None
    case_id: Id | None = None
    risk_level: str = Field("medium", max_length=20)
    provenance: ProvenanceIn = Field(default_factory=ProvenanceIn)


class InmatePatch(Schema):
    register_number: str | None = Field(None, max_length=200)
    risk_level: str | None = Field(None, max_length=20)
    expected_release_date: date | None = None
    legal_status: str | None = Field(None, max_length=20)
    sentence_type: str | None = Field(None, max_length=20)
    sentence_months: int | None = Field(None, ge=0, le=100_000)
    sentence_court: str | None = Field(None, max_length=1000)
    sentence_date: date | None = None
    case_id: Id | None = None
    provenance: ProvenanceIn | None = None


class InmateSummaryOut(Schema):
    id: int
    reference: str
    full_name: str
    owner: InstitutionOut
    establishment: str
    status: str
    legal_status: str
    admission_date: date
    expected_release_date: date | None
    risk_level: str

    @staticmethod
    def resolve_owner(obj: Any) -> Any:
        return obj.owner_institution


class EventOut(Schema):
    kind: str
    on: date
    at: datetime
    from_value: str
    to_value: str
    note: str
    by: str

    @staticmethod
    def resolve_by(obj: Any) -> str:
        return obj.by.get_username() if obj.by else ""


class AffiliationOut(Schema):
    id: int
    group_name: str
    role: str
    source: str
    source_note: str
    since: date | None
    ended_on: date | None
    end_reason: str
    grade: str
    handling_code: str
    handling_note: str
    share_scope: str
    owner_institution_id: int


class SeparationOut(Schema):
    id: int
    inmate_id: int
    other_id: int
    reason: str
    ordered_at: datetime
    lifted_at: datetime | None
    lift_reason: str


class InmateOut(InmateSummaryOut):
    register_number: str
    birth_date: str
    nationality: str
    released_on: date | None
    sentence_type: str
    sentence_months: int | None
    sentence_court: str
    sentence_date: date | None
    case_id: int | None
    grade: str
    handling_code: str
    handling_note: str
    share_scope: str
    person_reference: str | None
    events: list[EventOut]
    affiliations: list[AffiliationOut]
    separations: list[SeparationOut]


class MoveIn(Schema):
    to_establishment: str = Field(..., max_length=1000)
    on: date | None = None
    note: str = Field("", max_length=500)


class ReleaseIn(Schema):
    released_on: date | None = None
    note: str = Field("", max_length=500)


class AffiliationIn(Schema):
    group_name: str = Field(..., max_length=1000)
    role: str = Field(..., max_length=20)
    source: str = Field(..., max_length=20)
    source_note: str = Field("", max_length=500)
    since: date | None = None
    provenance: ProvenanceIn = Field(default_factory=ProvenanceIn)


class EndIn(Schema):
    ended_on: date | None = None
    reason: str = Field("", max_length=1000)


class SeparationIn(Schema):
    other_id: Id
    reason: str = Field("", max_length=1000)


class LiftIn(Schema):
    reason: str = Field("", max_length=1000)


class WatchIn(Schema):
    reason: str = Field("", max_length=1000)
    days_before: int | None = Field(None, ge=-1000, le=100_000)


class AlertOut(Schema):
    kind: str
    event_date: date
    sent_at: datetime
    notified: int


class WatchOut(Schema):
    id: int
    inmate_id: int
    inmate_reference: str
    reason: str
    days_before: int
    created_at: datetime
    ended_at: datetime | None
    alerts: list[AlertOut]

    @staticmethod
    def resolve_inmate_reference(obj: Any) -> str:
        return str(obj.inmate.reference)

    @staticmethod
    def resolve_alerts(obj: Any) -> list[Any]:
        return list(obj.alerts.order_by("-sent_at", "pk"))


class ReportIn(Schema):
    category: str = Field(..., max_length=30)
    inmate_ids: list[Id] = Field(..., max_length=50)
    occurred_on: date | None = None
    subject: str = Field(..., max_length=300)
    body: str = Field(..., max_length=100_000)
    recipient_ids: list[Id] = Field(default_factory=list, max_length=300)
    network: str = Field("", max_length=40, description="A network's key: its contact points.")
    language: str = Field("", max_length=2)
    criminal_markets: list[Markets] = Field(default_factory=list, max_length=9)
    case_reference: str = Field("", max_length=100)
    handling_code: str | None = Field(None, max_length=2)
    handling_note: str | None = Field(None, max_length=500)
    source_reliability: str | None = Field(None, max_length=1)
    information_reliability: str | None = Field(None, max_length=1)
    phone_numbers: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list, max_length=20
    )
    attachment_ids: list[Id] = Field(default_factory=list, max_length=10)


class ReportOut(Schema):
    id: int
    category: str
    occurred_on: date
    message_id: int
    reference: str
    subject: str
    body: str
    handling_code: str
    handling_note: str
    grade: str
    sender: InstitutionOut
    inmates: list[str]
    phone_numbers: list[str]
    created_at: datetime

    @staticmethod
    def resolve_reference(obj: Any) -> str:
        return str(obj.message.reference)

    @staticmethod
    def resolve_subject(obj: Any) -> str:
        return str(obj.message.subject)

    @staticmethod
    def resolve_body(obj: Any) -> str:
        return str(obj.message.body)

    @staticmethod
    def resolve_handling_code(obj: Any) -> str:
        return str(obj.message.handling_code)

    @staticmethod
    def resolve_handling_note(obj: Any) -> str:
        return str(obj.message.handling_note)

    @staticmethod
    def resolve_grade(obj: Any) -> str:
        return str(obj.message.grade)

    @staticmethod
    def resolve_sender(obj: Any) -> Any:
        return obj.message.sender_institution

    @staticmethod
    def resolve_inmates(obj: Any) -> list[str]:
        return [inmate.reference for inmate in obj.inmates.select_related("owner_institution")]


class TransferIn(Schema):
    inmate_id: Id
    instrument: str = Field(..., max_length=30)
    administering_country: str = Field(..., max_length=2)
    request_reference: str = Field("", max_length=100)


class TransferStepIn(Schema):
    step: str = Field(..., max_length=30)
    consent_given: bool | None = None
    consent_date: date | None = None
    consent_exception: str = Field("", max_length=30)
    decision: str = Field("", max_length=20)
    decided_on: date | None = None
    grounds: str = Field("", max_length=5000)
    adapted: bool | None = None
    adapted_sentence_months: int | None = Field(None, ge=0, le=100_000)
    planned_transfer_date: date | None = None
    transfer_date: date | None = None
    note: str = Field("", max_length=5000)


class TransferStepOut(Schema):
    kind: str
    from_status: str
    to_status: str
    at: datetime
    by: str
    institution: str
    decided_on: date | None
    note: str

    @staticmethod
    def resolve_by(obj: Any) -> str:
        return str(obj.by.get_username())

    @staticmethod
    def resolve_institution(obj: Any) -> str:
        return str(obj.institution.name)


class TransferDocumentOut(Schema):
    id: int
    dossier_id: int
    kind: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class TransferSummaryOut(Schema):
    id: int
    reference: str
    instrument: str
    status: str
    sentencing_country: str
    administering_country: str
    person_name: str
    updated_at: datetime

    @staticmethod
    def resolve_sentencing_country(obj: Any) -> str:
        return str(obj.sentencing_country_id)

    @staticmethod
    def resolve_administering_country(obj: Any) -> str:
        return str(obj.administering_country_id)


class TransferOut(TransferSummaryOut):
    request_reference: str
    person_birth_date: str
    person_nationality: str
    sentence_type: str
    sentence_months: int | None
    sentence_court: str
    sentence_date: date
    consent_given: bool | None
    consent_date: date | None
    consent_exception: str
    consent_note: str
    sentencing_decided_on: date | None
    sentencing_grounds: str
    administering_decided_on: date | None
    administering_grounds: str
    refused_by: str | None
    adapted: bool | None
    adapted_sentence_months: int | None
    adaptation_grounds: str
    adapted_on: date | None
    planned_transfer_date: date | None
    transfer_date: date | None
    steps: list[TransferStepOut]
    documents: list[TransferDocumentOut]

    @staticmethod
    def resolve_refused_by(obj: Any) -> str | None:
        return str(obj.refused_by_id) if obj.refused_by_id else None

    @staticmethod
    def resolve_steps(obj: Any) -> list[Any]:
        return list(obj.steps.select_related("by", "institution").order_by("at", "pk"))

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.order_by("kind", "uploaded_at", "pk"))


class CourseOut(Schema):
    id: int
    code: str
    topic: str
    title: str
    description: str
    languages: list[str]
    hours: int
    provider: InstitutionOut


class SessionIn(Schema):
    starts_on: date | None = None
    ends_on: date | None = None
    language: str = Field(..., max_length=2)
    capacity: int | None = Field(None, ge=-1000, le=100_000)
    online: bool = False
    place: str = Field("", max_length=1000)


class SessionOut(Schema):
    id: int
    course_id: int
    starts_on: date
    ends_on: date
    online: bool
    place: str
    language: str
    capacity: int
    taken: int

    @staticmethod
    def resolve_taken(obj: Any) -> int:
        taken = getattr(obj, "taken", None)
        if taken is None:
            from paccto.prisons.choices import SEAT_HOLDING

            taken = obj.enrolments.filter(status__in=list(SEAT_HOLDING)).count()
        return int(taken)


class CourseDetailOut(CourseOut):
    sessions: list[SessionOut]


class EnrolIn(Schema):
    participant_id: Id | None = Field(None, description="A prison officer of your institution.")


class EnrolmentOut(Schema):
    id: int
    session_id: int
    participant: str
    institution_id: int
    status: str
    certificate_number: str
    enrolled_at: datetime
    completed_at: datetime | None

    @staticmethod
    def resolve_participant(obj: Any) -> str:
        return str(obj.participant.get_username())


class CompletionIn(Schema):
    attended: bool
    certificate: bool = False


class StatisticsRowOut(Schema):
    country: str
    affiliated: bool
    risk_level: str
    count: int
