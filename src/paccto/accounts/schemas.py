from datetime import datetime
from typing import Literal

from ninja import Field, Schema


class InstitutionRef(Schema):
    id: int
    name: str
    country: str

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    is_active: bool
    language: str
    institution: InstitutionRef | None
    roles: list[str]

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return obj.role_codes


class UserCreateIn(Schema):
    username: str = Field(..., min_length=2, max_length=150, pattern=r"^[A-Za-z0-9._-]+$")
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    email: str = Field("", max_length=254)
    institution_id: int = Field(..., ge=1, le=2**53)
    roles: list[str] = Field(..., min_length=1, max_length=10)
    password: str | None = Field(None, max_length=256)


class UserActiveIn(Schema):
    active: bool


class LanguageIn(Schema):
    language: Literal["es", "pt", "fr", "en", "nl", "it"]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
