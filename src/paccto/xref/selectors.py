"""Reads of cross-referencing runs and their review queue."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from paccto.core.permissions import Actor, get_for, visible_to
from paccto.entities.models import Entity, ImportBatch
from paccto.xref.models import SETTLED, MatchCandidate, XrefRun


def xref_run_list(*, actor: Actor) -> QuerySet[XrefRun]:
    return visible_to(actor, XrefRun).select_related("left_batch", "right_batch", "created_by")


def xref_run_get(*, actor: Actor, pk: object, action: str = "view") -> XrefRun:
    qs = XrefRun.objects.select_related("left_batch", "right_batch", "created_by")
    return get_for(actor, qs, pk, action)


def _reviewable(actor: Actor, qs: QuerySet[MatchCandidate]) -> QuerySet[MatchCandidate]:
    """Candidates whose two records the actor may still see; undecided ones only while
    neither record was merged into another (a merged duplicate is no record to link; a
    decision taken stays in the run's history, the merge often following it)."""
    visible = visible_to(actor, Entity)
    unmerged = visible.filter(merged_into__isnull=True).values("pk")
    qs = qs.filter(left__in=visible.values("pk"), right__in=visible.values("pk"))
    decided = Q(decision__in=SETTLED)
    return qs.filter(decided | Q(left__in=unmerged, right__in=unmerged))


def candidate_list(*, actor: Actor, run: XrefRun, decision: str = "") -> QuerySet[MatchCandidate]:
    """The candidates of a run already obtained through ``xref_run_get`` that are still
    reviewable (``_reviewable``)."""
    qs = _reviewable(actor, run.candidates.all())
    qs = qs.select_related("left", "right", "reviewed_by")
    if decision:
        qs = qs.filter(decision=decision)
    return qs.order_by("-probability", "pk")


def candidate_get(*, actor: Actor, pk: object) -> MatchCandidate:
    """A candidate of one of the actor's runs, still reviewable (``_reviewable``), or 404:
    the queue does not show the others."""
    qs = MatchCandidate.objects.select_related("run", "left", "right")
    return get_for(actor, _reviewable(actor, qs), pk, "change")


def dataset_choices(*, actor: Actor) -> QuerySet[ImportBatch]:
    """Imported datasets of persons the actor's institution may cross-reference."""
    return visible_to(actor, ImportBatch).filter(status=ImportBatch.Status.DONE, schema="Person")
