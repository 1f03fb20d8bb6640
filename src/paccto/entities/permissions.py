"""Who may see and change entities and links: the provenance policy of the permission
engine. A link is visible only with both of its ends."""

from django.db.models import QuerySet

from paccto.core.permissions import Actor, ProvenancePolicy, register_policy, visible_to
from paccto.entities.models import Entity, ImportBatch, Link, MergeDecision


class EntityPolicy(ProvenancePolicy):
    """The provenance policy; rows of an import still running are nobody's yet. Records
    linked to a case are seen by its participants (``Actor.case_ids``), special categories
    included: their owner brought them into the case."""

    def __init__(self) -> None:
        super().__init__(case_field="case_links__case")

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        return super().filter(actor, queryset, action).filter(pending=False)


class ImportBatchPolicy:
    """An import belongs to its institution: its operational users follow it, and may map,
    confirm or discard it."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action not in ("view", "change") or not can_create_entity(actor):
            return queryset.none()
        return queryset.filter(owner_institution_id=actor.institution_id)


class MergeDecisionPolicy:
    """A merge is the business of the institution owning both records."""

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action not in ("view", "change") or not can_create_entity(actor):
            return queryset.none()
        return queryset.filter(merged__owner_institution_id=actor.institution_id)


class LinkPolicy(ProvenancePolicy):
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        links = super().filter(actor, queryset, action)
        entities = visible_to(actor, Entity).values("pk")
        return links.filter(source__in=entities, target__in=entities)


register_policy(Entity, EntityPolicy())
register_policy(ImportBatch, ImportBatchPolicy())
register_policy(MergeDecision, MergeDecisionPolicy())
register_policy(Link, LinkPolicy())


def can_create_entity(actor: Actor) -> bool:
    """Operational roles record entities for their own institution."""
    return actor.is_operational and actor.institution_id is not None


def can_change_entity(actor: Actor, entity: Entity) -> bool:
    """Only the owner institution changes its records (mirrors the policy's "change")."""
    return can_create_entity(actor) and entity.owner_institution_id == actor.institution_id
