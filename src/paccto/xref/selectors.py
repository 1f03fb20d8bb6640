"""Reads of cross-referencing runs and their review queue."""

from __future__ import annotations

from django.db.models import QuerySet

from paccto.core.permissions import Actor, get_for, visible_to
from paccto.entities.models import Entity, ImportBatch
from paccto.xref.models import MatchCandidate, XrefRun


def xref_run_list(*, actor: Actor) -> QuerySet[XrefRun]:
    return visible_to(actor, XrefRun).select_related("left_batch", "right_batch", "created_by")


def xref_run_get(*, actor: Actor, pk: object, action: str = "view") -> XrefRun:
    qs = XrefRun.objects.select_related("left_batch", "right_batch", "created_by")
    return get_for(actor, qs, pk, action)


def candidate_list(*, actor: Actor, run: XrefRun, decision: str = "") -> QuerySet[MatchCandidate]:
    """The candidates of a run already obtained through ``xref_run_get`` whose two records the
    actor may still see."""
    visible = visible_to(actor, Entity).values("pk")
    qs = run.candidates.filter(left__in=visible, right__in=visible)
    qs = qs.select_related("left", "right", "reviewed_by")
    if decision:
        qs = qs.filter(decision=decision)
    return qs.order_by("-probability", "pk")


def candidate_get(*, actor: Actor, pk: object) -> MatchCandidate:
    qs = MatchCandidate.objects.select_related("run", "left", "right")
    return get_for(actor, qs, pk, "change")


def dataset_choices(*, actor: Actor) -> QuerySet[ImportBatch]:
    """Imported datasets of persons the actor's institution may cross-reference."""
    return visible_to(actor, ImportBatch).filter(status=ImportBatch.Status.DONE, schema="Person")
