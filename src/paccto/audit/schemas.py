from datetime import date, datetime
from typing import Any

from ninja import Schema


class AuditEntryOut(Schema):
    id: int
    seq: int
    at: datetime
    actor_id: int | None
    actor_username: str
    actor_institution_id: int | None
    actor_country: str
    action: str
    object_type: str
    object_id: str
    justification: str
    recipients: list[Any]
    details: dict[str, Any]
    entry_hash: str


class AuditFilter(Schema):
    username: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
