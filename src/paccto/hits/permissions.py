"""Who may check and who sees the hits: operational roles check; an owner institution's
operational users see the hits on its records; the one who asked requests the record."""

from django.db.models import QuerySet

from paccto.core.permissions import Actor, register_policy
from paccto.hits.models import HitNotification


def can_check_hits(actor: Actor) -> bool:
    return actor.is_operational and actor.institution_id is not None


class HitNotificationPolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if not can_check_hits(actor):
            return queryset.none()
        if action == "view":
            return queryset.filter(owner_institution_id=actor.institution_id)
        if action == "request":
            return queryset.filter(query__user_id=actor.user_id)
        return queryset.none()


register_policy(HitNotification, HitNotificationPolicy())
