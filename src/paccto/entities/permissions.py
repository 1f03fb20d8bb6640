"""Who may see and change entities and links: the provenance policy of the permission
engine. A link is visible only with both of its ends."""

from django.db.models import QuerySet

from paccto.core.permissions import Actor, ProvenancePolicy, register_policy, visible_to
from paccto.entities.models import Entity, Link


class LinkPolicy(ProvenancePolicy):
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        links = super().filter(actor, queryset, action)
        entities = visible_to(actor, Entity).values("pk")
        return links.filter(source__in=entities, target__in=entities)


register_policy(Entity, ProvenancePolicy())
register_policy(Link, LinkPolicy())


def can_create_entity(actor: Actor) -> bool:
    """Operational roles record entities for their own institution."""
    return actor.is_operational and actor.institution_id is not None


def can_change_entity(actor: Actor, entity: Entity) -> bool:
    """Only the owner institution changes its records (mirrors the policy's "change")."""
    return can_create_entity(actor) and entity.owner_institution_id == actor.institution_id
