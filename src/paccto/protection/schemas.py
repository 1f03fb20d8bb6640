"""API shapes of protection orders. The protected person's data have their own output,
served only to the protection officers entitled to it; no other output carries them."""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

MeasureKindIn = Literal["no_entry", "no_contact", "distance", "monitoring", "weapons"]
ContactMeansIn = Literal[
    "any", "in_person", "phone", "messages", "email", "social", "third_parties"
]
BIG = 2**62


class PersonIn(Schema):
    given_names: str = Field(..., max_length=200)
    surnames: str = Field(..., max_length=200)
    date_of_birth: date


class VictimIn(PersonIn):
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=200)
    address: str = Field("", max_length=500)


class RespondentIn(Schema):
    given_name: str = Field("", max_length=200)
    surname: str = Field("", max_length=200)
    second_surname: str = Field("", max_length=200)
    full_name: str = Field("", max_length=300)
    date_of_birth: str = Field("", max_length=10)
    nationality: str = Field("", max_length=2)
    document: str = Field("", max_length=120)
    gender: Literal["", "female", "male", "other"] = ""


class MeasureIn(Schema):
    kind: MeasureKindIn
    places: str = Field("", max_length=2000)
    contact_means: list[ContactMeansIn] = Field(default_factory=list, max_length=7)
    distance_metres: int | None = Field(None, ge=-BIG, le=BIG)
    monitoring: Literal["", "gps", "proximity", "other"] = ""
    note: str = Field("", max_length=2000)


class OrderIn(Schema):
    national_measure_reference: str = Field(..., max_length=120)
    national_measure_date: date
    national_measure_authority: str = Field(..., max_length=200)
    valid_from: date
    valid_to: date
    respondent_id: int | None = Field(None, ge=1, le=BIG)
    respondent: RespondentIn | None = None
    victim: VictimIn
    children: list[PersonIn] = Field(default_factory=list, max_length=10)
    measures: list[MeasureIn] = Field(..., max_length=5)


class RespondentOut(Schema):
    name: str
    given_name: str
    surname: str
    second_surname: str
    full_name: str
    date_of_birth: str
    nationality: str
    document: str


class MeasureOut(Schema):
    kind: str
    label: str
    places: str
    contact_means: list[str]
    distance_metres: int | None
    monitoring: str
    note: str


class TransmissionOut(Schema):
    id: int
    executing_institution_id: int
    executing_institution: str
    executing_country: str
    status: str
    transmitted_at: datetime
    decided_at: datetime | None
    refusal_ground: str
    refusal_note: str
    in_force_at: datetime | None

    @staticmethod
    def resolve_executing_institution(obj: Any) -> str:
        return str(obj.executing_institution.name)

    @staticmethod
    def resolve_executing_country(obj: Any) -> str:
        return str(obj.executing_institution.country_id)


class OrderBase(Schema):
    id: int
    number: str
    framework: str
    status: str
    issuing_institution_id: int
    valid_from: date
    valid_to: date
    created_at: datetime


class OrderSummaryOut(OrderBase):
    issuing_country: str

    @staticmethod
    def resolve_issuing_country(obj: Any) -> str:
        return str(obj.issuing_institution.country_id)


class OrderOut(OrderBase):
    issuing_country: str
    issuing_institution: str
    national_measure_reference: str
    national_measure_date: date
    national_measure_authority: str
    respondent: RespondentOut
    measures: list[MeasureOut]
    transmissions: list[TransmissionOut]
    children: int


class ProtectedPersonOut(Schema):
    role: str
    given_names: str
    surnames: str
    date_of_birth: str
    phone: str
    email: str
    address: str


class TransmitIn(Schema):
    executing_institution_id: int = Field(..., ge=1, le=BIG)


class CloseIn(Schema):
    closing: str = Field(..., max_length=20)
    reason: str = Field("", max_length=2000)


class DecisionIn(Schema):
    decision: str = Field(..., max_length=20)
    ground: str = Field("", max_length=40)
    reason: str = Field("", max_length=2000)


class BreachIn(Schema):
    measure_id: int = Field(..., ge=1, le=BIG)
    occurred_at: datetime
    place: str = Field(..., max_length=300)
    description: str = Field(..., max_length=2000)
    action_taken: str = Field(..., max_length=2000)
    victim_informed: bool = False
    victim_informed_at: datetime | None = None


class BreachOut(Schema):
    id: int
    order_id: int
    transmission_id: int
    measure: str
    occurred_at: datetime
    place: str
    description: str
    action_taken: str
    victim_informed: bool
    victim_informed_at: datetime | None
    reported_at: datetime

    @staticmethod
    def resolve_measure(obj: Any) -> str:
        return str(obj.measure.kind)


class InformedIn(Schema):
    informed_at: datetime


class VerifyIn(Schema):
    number: str = Field("", max_length=40)
    given_name: str = Field("", max_length=200)
    surname: str = Field("", max_length=200)
    second_surname: str = Field("", max_length=200)
    full_name: str = Field("", max_length=300)
    date_of_birth: str = Field("", max_length=10)
    justification: str = Field(..., max_length=500)


class VerifiedOrderOut(Schema):
    number: str
    framework: str
    issuing_country: str
    issuing_institution: str
    executing_institution: str
    status: str
    valid_from: date
    valid_to: date
    respondent: dict[str, str]
    measures: list[MeasureOut]
    band: str
    probability: float | None


class VerifyOut(Schema):
    valid: bool
    orders: list[VerifiedOrderOut]


class NotificationOut(Schema):
    id: int
    order_id: int
    number: str
    kind: str
    breach_id: int | None
    at: datetime
    seen_at: datetime | None

    @staticmethod
    def resolve_number(obj: Any) -> str:
        return str(obj.order.number)


class StatisticsRowOut(Schema):
    key: str
    label: str
    issued: int | None
    received: int | None
    recognised: int | None
    refused: int | None
    breached: int | None


class StatisticsOut(Schema):
    totals: StatisticsRowOut
    by_country: list[StatisticsRowOut]
    by_age_group: list[StatisticsRowOut]


class ChoiceOut(Schema):
    code: str
    label: str
