"""Batch cross-referencing and its review queue.

A run compares the persons of an imported dataset with those of another dataset, or with
every person its creator may see in the store, with the matching engine (blocking, both
cores). Pairs at or above the threshold become candidates with their explanation; pairs
already decided are not proposed again. A reviewer confirms (the pair becomes a "same as"
link), rejects (never proposed again) or marks a pair unsure.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor, actor_for, visible_to
from paccto.entities.choices import LinkType
from paccto.entities.models import Entity, ImportBatch
from paccto.entities.services import link_create
from paccto.hits.index import person_records
from paccto.matching.compare import PersonRecord, compare_persons
from paccto.matching.xref import mark_cut_names, xref
from paccto.xref.models import SETTLED, Decision, MatchCandidate, XrefRun
from paccto.xref.permissions import can_cross_reference

Progress = Callable[[int, int], None]
CHUNK = 1000


def xref_run_create(
    *,
    actor: Actor,
    left_batch: ImportBatch,
    right_batch: ImportBatch | None,
    threshold: float,
    justification: str,
    in_background: bool = True,
) -> XrefRun:
    """Start cross-referencing an imported dataset of the actor's institution."""
    if not can_cross_reference(actor) or actor.user_id is None or actor.institution_id is None:
        raise PermissionDenied(_("You may not cross-reference datasets."))
    justification = justification.strip()[:500]
    errors: dict[str, list[str]] = {}
    if not justification:
        errors["justification"] = [_("A justification is required.")]
    if not 0.05 <= threshold <= 1:
        errors["threshold"] = [_("The threshold is between 0.05 and 1.")]
    for name, batch in (("left_batch", left_batch), ("right_batch", right_batch)):
        if batch is not None and (
            batch.owner_institution_id != actor.institution_id
            or batch.status != ImportBatch.Status.DONE
        ):
            errors[name] = [_("Choose an imported dataset of your institution.")]
    if right_batch is not None and right_batch.pk == left_batch.pk:
        errors["right_batch"] = [_("Choose another dataset, or the whole store.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        run = XrefRun.objects.create(
            owner_institution_id=actor.institution_id,
            created_by_id=actor.user_id,
            left_batch=left_batch,
            right_batch=right_batch,
            threshold=threshold,
            justification=justification,
        )
        audit_record(
            actor=actor,
            action=AuditAction.COMBINE,
            obj=run,
            justification=justification,
            details={
                "left": left_batch.reference,
                "right": right_batch.reference if right_batch else "store",
                "threshold": threshold,
            },
            personal_data=True,
        )
        if in_background:
            from paccto.xref.tasks import xref_run_task

            transaction.on_commit(lambda: xref_run_task.enqueue(run.pk))
    return run


def _records(entities: list[tuple[int, dict]]) -> list[PersonRecord]:
    """The persons as the engine reads them; those whose names a dataset's fixed-width
    fields cut short marked so (``mark_cut_names``), as ``paccto xref`` marks a file's."""
    out = []
    for pk, properties in entities:
        found = person_records(pk, properties)
        if found:
            out.append(found[0])
    mark_cut_names(out)
    return out


def _persons(actor: Actor, batch: ImportBatch | None) -> list[tuple[int, dict]]:
    qs = visible_to(actor, Entity).filter(schema="Person", merged_into__isnull=True)
    if batch is not None:
        qs = qs.filter(import_batch=batch)
    return list(qs.values_list("pk", "properties"))


def _decided(pairs: list[tuple[int, int]], institution_id: int) -> set[tuple[int, int]]:
    """Pairs the institution's reviewers already confirmed or rejected (either way round):
    not proposed again. Another institution's decisions are its own: they neither hide its
    pairs nor show through what is not proposed."""
    decided: set[tuple[int, int]] = set()
    lefts = {a for a, _b in pairs} | {b for _a, b in pairs}
    done = MatchCandidate.objects.filter(
        run__owner_institution_id=institution_id, decision__in=SETTLED
    ).filter(Q(left__in=lefts) | Q(right__in=lefts))
    for a, b in done.values_list("left_id", "right_id"):
        decided.add((a, b))
        decided.add((b, a))
    return decided


def xref_run_execute(*, run: XrefRun, progress: Progress | None = None) -> XrefRun:
    """Compare, then queue the candidate pairs for review."""
    if run.status != XrefRun.Status.QUEUED:
        return run
    actor = actor_for(run.created_by)
    XrefRun.objects.filter(pk=run.pk).update(status=XrefRun.Status.RUNNING)
    run.status = XrefRun.Status.RUNNING

    def report(done: int, total: int) -> None:
        run.progress_done, run.progress_total = done, total
        XrefRun.objects.filter(pk=run.pk).update(progress_done=done, progress_total=total)
        if progress is not None:
            progress(done, total)

    try:
        left_rows = _persons(actor, run.left_batch)
        right_rows = _persons(actor, run.right_batch)
        if run.right_batch is None:
            own = {pk for pk, _p in left_rows}
            right_rows = [row for row in right_rows if row[0] not in own]
        left, right = _records(left_rows), _records(right_rows)
        by_id = {r.id: r for r in (*left, *right)}
        # Police data: families live together, so their shared details never count alone
        # (the family correction, as in the explanation below).
        pairs = xref(left, right, run.threshold, all_pairs=True, progress=report, households=True)
        int_pairs = [(int(a), int(b)) for a, b, _score in pairs]
        decided = _decided(int_pairs, run.owner_institution_id)
        candidates = []
        for (a, b), (left_id, right_id, _score) in zip(int_pairs, pairs, strict=True):
            if (a, b) in decided:
                continue
            comparison = compare_persons(by_id[left_id], by_id[right_id])
            candidates.append(
                MatchCandidate(
                    run=run,
                    left_id=a,
                    right_id=b,
                    probability=round(comparison.probability, 6),
                    features=[
                        [f.field, f.level, f.weight, f.explanation] for f in comparison.features
                    ],
                )
            )
        with transaction.atomic():
            MatchCandidate.objects.bulk_create(candidates, batch_size=CHUNK)
            run.compared = len(left) + len(right)
            run.candidate_count = len(candidates)
            run.status = XrefRun.Status.DONE
            run.finished_at = timezone.now()
            run.save()
    except Exception as exc:
        run.status, run.failure = XrefRun.Status.FAILED, str(exc)[:500]
        run.finished_at = timezone.now()
        run.save()
        raise
    return run


def candidate_review(*, actor: Actor, candidate: MatchCandidate, decision: str) -> MatchCandidate:
    """Decide on a candidate pair. Confirming links the two records as the same person."""
    if decision not in (Decision.CONFIRMED, Decision.REJECTED, Decision.UNSURE):
        raise ValidationError({"decision": [_("Choose same person, not the same or unsure.")]})
    assert actor.user_id is not None
    visible = visible_to(actor, Entity).filter(pk__in=(candidate.left_id, candidate.right_id))
    if visible.count() != 2:
        raise PermissionDenied(_("You may no longer see one of these records."))
    with transaction.atomic():
        # The candidate locked, then the pair read again in every run of the institution (this
        # one's too): two reviewers, or one pair pending in two runs, decide it once.
        list(MatchCandidate.objects.select_for_update().filter(pk=candidate.pk).values_list("pk"))
        pair = Q(left_id=candidate.left_id, right_id=candidate.right_id) | Q(
            left_id=candidate.right_id, right_id=candidate.left_id
        )
        settled = MatchCandidate.objects.filter(
            pair, run__owner_institution_id=candidate.run.owner_institution_id, decision__in=SETTLED
        )
        if settled.exists():
            raise ValidationError(_("This pair was already decided."))
        if decision == Decision.CONFIRMED:
            candidate.link = link_create(
                actor=actor,
                source=candidate.left,
                target=candidate.right,
                link_type=LinkType.SAME_AS,
                note=_("Confirmed in %(run)s") % {"run": candidate.run.reference},
                provenance={"share_scope": "owner"},
            )
        candidate.decision = decision
        candidate.reviewed_by_id = actor.user_id
        candidate.reviewed_at = timezone.now()
        candidate.save(update_fields=["decision", "reviewed_by", "reviewed_at", "link"])
        audit_record(
            actor=actor,
            action=AuditAction.COMBINE,
            obj=candidate,
            justification=candidate.run.justification,
            details={"decision": decision, "left": candidate.left_id, "right": candidate.right_id},
            personal_data=True,
        )
    return candidate
