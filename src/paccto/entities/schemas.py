from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from paccto.entities.schemata import SCHEMATA

SchemaName = Literal[tuple(SCHEMATA)]  # type: ignore[valid-type]
Markets = Literal[
    "drugs",
    "thb",
    "migrant_smuggling",
    "firearms",
    "cultural_property",
    "cybercrime",
    "environmental",
    "corruption",
    "money_laundering",
]


class ProvenanceIn(Schema):
    source_reliability: Literal["A", "B", "C", "X"] = "X"
    information_reliability: Literal["1", "2", "3", "4"] = "4"
    handling_code: Literal["H0", "H1", "H2", "H3"] = "H0"
    handling_note: str = Field("", max_length=500)
    share_scope: Literal["owner", "country", "network", "platform"] = "owner"
    share_network_id: int | None = Field(None, ge=1, le=2**31)
    criminal_markets: list[Markets] = Field(default_factory=list, max_length=9)


class FlagsIn(Schema):
    is_victim: bool = False
    is_witness: bool = False
    is_minor: bool = False
    is_informant: bool = False


class EntityIn(Schema):
    schema_name: SchemaName = Field(..., alias="schema")
    properties: dict[str, list[str] | str]
    flags: FlagsIn = Field(default_factory=FlagsIn)
    provenance: ProvenanceIn = Field(default_factory=ProvenanceIn)
    source_kind: Literal["manual", "message", "case", "import"] = "manual"
    source_ref: str = Field("", max_length=120)


class EntityPatch(Schema):
    properties: dict[str, list[str] | str] | None = None
    flags: FlagsIn | None = None
    provenance: ProvenanceIn | None = None
    note: str = Field("", max_length=300)


class OwnerOut(Schema):
    id: int
    name: str
    country: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id


class EntityOut(Schema):
    id: int
    reference: str
    schema_name: str = Field(..., alias="schema")
    caption: str
    owner_institution: OwnerOut
    grade: str
    handling_code: str
    share_scope: str
    special_category: bool
    criminal_markets: list[str]
    created_at: datetime
    review_at: datetime
    version: int


class LinkOut(Schema):
    id: int
    source_id: int
    target_id: int
    source_caption: str
    target_caption: str
    link_type: str
    start_date: date | None
    end_date: date | None
    grade: str
    handling_code: str

    @staticmethod
    def resolve_source_caption(obj) -> str:
        return obj.source.caption

    @staticmethod
    def resolve_target_caption(obj) -> str:
        return obj.target.caption


class EntityDetailOut(EntityOut):
    properties: dict[str, list[str]]
    is_victim: bool
    is_witness: bool
    is_minor: bool
    is_informant: bool
    handling_note: str
    source_kind: str
    source_ref: str
    links: list[LinkOut] = Field(default_factory=list)


class VersionOut(Schema):
    version: int
    caption: str
    properties: dict[str, list[str]]
    flags: dict[str, bool]
    changed_by_id: int | None
    changed_at: datetime
    note: str


class LinkIn(Schema):
    source_id: int = Field(..., ge=1, le=2**53)
    target_id: int = Field(..., ge=1, le=2**53)
    link_type: Literal[
        "associate",
        "family",
        "member_of",
        "leads",
        "owns",
        "uses",
        "called",
        "paid",
        "travelled_with",
        "employed_by",
        "located_at",
        "same_as",
    ]
    start_date: date | None = None
    end_date: date | None = None
    note: str = Field("", max_length=500)
    provenance: ProvenanceIn = Field(default_factory=ProvenanceIn)


class PropertyOut(Schema):
    name: str
    kind: str
    label: str


class SchemaOut(Schema):
    name: str
    label: str
    properties: list[PropertyOut]
    required: list[str]
