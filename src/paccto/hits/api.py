"""Hit/no-hit in the API: POST a person, get who holds a record of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.api.schemas import FeatureOut
from paccto.core.explanations import ExplainedFeature
from paccto.core.permissions import actor_for
from paccto.hits import selectors, services

router = Router(tags=["hit/no-hit"])


class HitQueryIn(Schema):
    given_name: str = ""
    surname: str = ""
    second_surname: str = ""
    full_name: str = ""
    date_of_birth: str = ""
    nationality: str = ""
    gender: str = ""
    document_number: str = ""
    justification: str


class HitOut(Schema):
    reference: str
    owner_institution: str
    owner_country: str
    band: str
    entitled: bool
    notification_id: int | None = None
    entity_id: int | None = None
    caption: str = ""
    probability: float | None = None
    features: list[FeatureOut] = []

    @staticmethod
    def resolve_features(obj: services.HitResult) -> list[ExplainedFeature]:
        """The evidence with its explanation in the request's language."""
        return obj.explained_features


class HitsOut(Schema):
    hits: list[HitOut]


class NotificationOut(Schema):
    id: int
    at: datetime
    reference: str
    band: str
    institution: str
    institution_country: str
    requested_at: datetime | None
    seen_at: datetime | None

    @staticmethod
    def resolve_reference(obj: Any) -> str:
        return str(obj.entity.reference)

    @staticmethod
    def resolve_institution(obj: Any) -> str:
        return str(obj.query.institution.name)

    @staticmethod
    def resolve_institution_country(obj: Any) -> str:
        return str(obj.query.institution.country_id)


@router.post("/hits", response=HitsOut)
def hit_check(request: HttpRequest, body: HitQueryIn):
    """Check a person. Hits name the owner, the reference and a score band; the record and
    the explanation only when the caller may see the record."""
    data = body.dict()
    justification = data.pop("justification")
    results = services.hit_check(
        actor=actor_for(request.user), query=data, justification=justification
    )
    return {"hits": results}


@router.get("/hits/on-our-records", response=list[NotificationOut])
@paginate(Pagination)
def hit_notification_list(request: HttpRequest):
    """Hits other institutions got on the caller's institution's records."""
    return selectors.hit_notification_list(actor=actor_for(request.user))


@router.post("/hits/{int:notification_id}/request", response={200: NotificationOut})
def hit_record_request(request: HttpRequest, notification_id: int):
    """Ask the owner for the record behind a hit of one's own check."""
    require_write(request)
    actor = actor_for(request.user)
    n = selectors.hit_notification_get(actor=actor, pk=notification_id, action="request")
    return services.hit_record_request(actor=actor, notification=n)
