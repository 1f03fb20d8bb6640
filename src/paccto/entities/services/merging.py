"""Merging duplicates of one institution, and undoing it; the decisions are kept."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor
from paccto.entities.models import Entity, MergeDecision
from paccto.entities.permissions import can_change_entity
from paccto.entities.services.records import _snapshot


def entity_merge(*, actor: Actor, kept: Entity, merged: Entity, reason: str) -> MergeDecision:
    """Merge a duplicate into the record kept: both the actor's institution's, of one kind.
    The duplicate stays readable (with its history and links) but searches and hit/no-hit
    show only the record kept. The decision is kept and can be undone."""
    reason = reason.strip()[:500]
    if not (can_change_entity(actor, kept) and can_change_entity(actor, merged)):
        raise PermissionDenied(_("Only the owner institution may merge its records."))
    if not reason:
        raise ValidationError({"reason": [_("Say why these records are the same.")]})
    if kept.pk == merged.pk:
        raise ValidationError({"target": [_("A record cannot be merged into itself.")]})
    if kept.schema != merged.schema:
        raise ValidationError({"target": [_("Only records of the same kind can be merged.")]})
    if kept.merged_into_id or merged.merged_into_id:
        raise ValidationError({"target": [_("One of these records is already merged.")]})
    assert actor.user_id is not None
    with transaction.atomic():
        # Records merged into the duplicate follow it into the record kept.
        Entity.objects.filter(merged_into=merged).update(
            merged_into=kept, updated_at=timezone.now()
        )
        merged.merged_into = kept
        merged.version += 1
        merged.updated_at = timezone.now()
        merged.save(update_fields=["merged_into", "version", "updated_at"])
        _snapshot(merged, actor, _("Merged into %(ref)s") % {"ref": kept.reference})
        decision = MergeDecision.objects.create(
            kept=kept, merged=merged, decided_by_id=actor.user_id, reason=reason
        )
        audit_record(
            actor=actor,
            action=AuditAction.COMBINE,
            obj=kept,
            justification=reason,
            details={"merged": merged.pk, "decision": decision.pk},
            personal_data=kept.schema == "Person",
        )
    return decision


def entity_unmerge(*, actor: Actor, decision: MergeDecision, reason: str) -> MergeDecision:
    """Undo a merge: the duplicate becomes a record of its own again."""
    reason = reason.strip()[:500]
    merged = decision.merged
    if not can_change_entity(actor, merged):
        raise PermissionDenied(_("Only the owner institution may merge its records."))
    if not reason:
        raise ValidationError({"reason": [_("Say why these records are not the same.")]})
    if decision.undone_at is not None or merged.merged_into_id is None:
        raise ValidationError(_("This merge was already undone."))
    assert actor.user_id is not None
    with transaction.atomic():
        merged.merged_into = None
        merged.version += 1
        merged.updated_at = timezone.now()
        merged.save(update_fields=["merged_into", "version", "updated_at"])
        _snapshot(merged, actor, _("Unmerged"))
        decision.undone_by_id = actor.user_id
        decision.undone_at = timezone.now()
        decision.undo_reason = reason
        decision.save(update_fields=["undone_by", "undone_at", "undo_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.ALTER,
            obj=merged,
            justification=reason,
            details={"unmerged_from": decision.kept_id, "decision": decision.pk},
            personal_data=merged.schema == "Person",
        )
    return decision
