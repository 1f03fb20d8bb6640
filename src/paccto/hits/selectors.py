"""Reads of hit/no-hit, through the permission engine."""

from __future__ import annotations

from django.db.models import QuerySet

from paccto.core.permissions import Actor, get_for, visible_to
from paccto.hits.models import HitNotification


def hit_notification_list(*, actor: Actor) -> QuerySet[HitNotification]:
    """The hits other institutions got on the actor's institution's records."""
    return visible_to(actor, HitNotification).select_related(
        "entity__owner_institution", "query__institution", "query__user"
    )


def hit_notification_get(*, actor: Actor, pk: object, action: str = "view") -> HitNotification:
    qs = HitNotification.objects.select_related("entity__owner_institution", "query__institution")
    return get_for(actor, qs, pk, action)
