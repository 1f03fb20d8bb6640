"""Runs and their review queue belong to the institution that started them."""

from django.db.models import QuerySet

from paccto.core.permissions import Actor, register_policy
from paccto.entities.permissions import can_create_entity
from paccto.xref.models import MatchCandidate, XrefRun


def can_cross_reference(actor: Actor) -> bool:
    return can_create_entity(actor)


class RunPolicy:
    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action not in ("view", "change") or not can_cross_reference(actor):
            return queryset.none()
        return queryset.filter(**{f"{self.prefix}owner_institution_id": actor.institution_id})


register_policy(XrefRun, RunPolicy())
register_policy(MatchCandidate, RunPolicy("run__"))
