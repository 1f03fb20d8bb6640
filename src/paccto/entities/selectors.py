"""Reads of the entity store, always through the permission engine."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from paccto.core.permissions import Actor, get_for, visible_to
from paccto.entities.models import Entity, EntityVersion, ImportBatch, Link, MergeDecision


def entity_search(*, actor: Actor, q: str = "", schema: str = "") -> QuerySet[Entity]:
    """Entities the actor may see, by name and kind."""
    qs = visible_to(actor, Entity).filter(merged_into__isnull=True)
    qs = qs.select_related("owner_institution")
    if q:
        qs = qs.filter(caption__icontains=q.strip()[:100])
    if schema:
        qs = qs.filter(schema=schema)
    return qs.order_by("caption", "pk")


def entity_get(*, actor: Actor, pk: object, action: str = "view") -> Entity:
    """One entity the actor may see (or change), else 404."""
    qs = Entity.objects.select_related("owner_institution", "merged_into")
    return get_for(actor, qs, pk, action)


def entity_links(*, actor: Actor, entity: Entity) -> QuerySet[Link]:
    """The links of an entity that the actor may see (both ends visible)."""
    return (
        visible_to(actor, Link)
        .filter(Q(source=entity) | Q(target=entity))
        .select_related("source", "target", "owner_institution")
        .order_by("link_type", "pk")
    )


def entity_versions(*, entity: Entity) -> QuerySet[EntityVersion]:
    """The history of an entity already obtained through ``entity_get``."""
    return entity.versions.order_by("-version")


EXPORT_LIMIT = 50_000


def entity_export_list(*, actor: Actor, q: str = "", schema: str = "") -> list[Entity]:
    """What the actor may take out of the platform: what they see, except other
    institutions' H2 records ("not to be passed on without the owner's permission")."""
    qs = entity_search(actor=actor, q=q, schema=schema).exclude(
        Q(handling_code="H2") & ~Q(owner_institution_id=actor.institution_id)
    )
    return list(qs[:EXPORT_LIMIT])


def import_batch_list(*, actor: Actor) -> QuerySet[ImportBatch]:
    """The imports of the actor's institution, newest first."""
    return visible_to(actor, ImportBatch).select_related("created_by").order_by("-created_at")


def import_batch_get(*, actor: Actor, pk: object, action: str = "view") -> ImportBatch:
    """One import of the actor's institution, else 404."""
    return get_for(actor, ImportBatch.objects.select_related("created_by"), pk, action)


def entity_merges(*, entity: Entity) -> QuerySet[MergeDecision]:
    """The duplicates merged into an entity already obtained through ``entity_get``, and
    undone merges, newest first."""
    return entity.merges_kept.select_related("merged", "decided_by", "undone_by").order_by(
        "-decided_at"
    )


def merge_decision_get(*, actor: Actor, pk: object) -> MergeDecision:
    """A merge the actor's institution may undo, else 404."""
    return get_for(
        actor, MergeDecision.objects.select_related("kept", "merged"), pk, action="change"
    )
