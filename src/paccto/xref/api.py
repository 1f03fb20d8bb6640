"""Cross-referencing in the API: start a run, read its review queue, decide on pairs."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.api.schemas import FeatureOut
from paccto.core.explanations import ExplainedFeature
from paccto.core.permissions import actor_for, get_for
from paccto.entities.models import ImportBatch
from paccto.xref import selectors, services
from paccto.xref.models import MatchCandidate

router = Router(tags=["cross-referencing"])


class RunIn(Schema):
    left_batch_id: int
    right_batch_id: int | None = None
    threshold: float = 0.5
    justification: str


class RunOut(Schema):
    id: int
    reference: str
    status: str
    left_batch_id: int
    right_batch_id: int | None
    threshold: float
    percent: int
    compared: int
    candidate_count: int
    created_at: datetime


class CandidateOut(Schema):
    id: int
    left_id: int
    right_id: int
    probability: float
    features: list[FeatureOut]
    decision: str
    reviewed_at: datetime | None

    @staticmethod
    def resolve_features(obj: MatchCandidate) -> list[ExplainedFeature]:
        """The stored evidence with its explanation in the request's language."""
        return obj.explained_features


class QueueFilter(Schema):
    decision: str = ""


class ReviewIn(Schema):
    decision: str


@router.get("/xref/runs", response=list[RunOut])
@paginate(Pagination)
def xref_run_list(request: HttpRequest):
    return selectors.xref_run_list(actor=actor_for(request.user))


@router.post("/xref/runs", response={201: RunOut})
def xref_run_create(request: HttpRequest, body: RunIn):
    require_write(request)
    actor = actor_for(request.user)
    left = get_for(actor, ImportBatch, body.left_batch_id)
    right = get_for(actor, ImportBatch, body.right_batch_id) if body.right_batch_id else None
    run = services.xref_run_create(
        actor=actor,
        left_batch=left,
        right_batch=right,
        threshold=body.threshold,
        justification=body.justification,
    )
    return Status(201, run)


@router.get("/xref/runs/{int:run_id}/candidates", response=list[CandidateOut])
@paginate(Pagination)
def xref_candidate_list(request: HttpRequest, run_id: int, filters: Query[QueueFilter]):
    actor = actor_for(request.user)
    run = selectors.xref_run_get(actor=actor, pk=run_id)
    return selectors.candidate_list(actor=actor, run=run, decision=filters.decision[:10])


@router.post("/xref/candidates/{int:candidate_id}/review", response=CandidateOut)
def xref_candidate_review(request: HttpRequest, candidate_id: int, body: ReviewIn):
    require_write(request)
    actor = actor_for(request.user)
    candidate = selectors.candidate_get(actor=actor, pk=candidate_id)
    return services.candidate_review(actor=actor, candidate=candidate, decision=body.decision)
