"""Who may read the audit log: data-protection officers, for their own country."""

from django.db.models import QuerySet

from paccto.audit.models import AuditEntry
from paccto.core.choices import Role
from paccto.core.permissions import Actor, register_policy


class AuditEntryPolicy:
    def filter(self, actor: Actor, queryset: QuerySet, action: str) -> QuerySet:
        if action == "view_own":  # everyone sees what they did themselves
            return queryset.filter(actor_id=actor.user_id)
        if action != "view" or not actor.has_role(Role.DPO) or not actor.country_id:
            return queryset.none()
        return queryset.filter(actor_country=actor.country_id)


register_policy(AuditEntry, AuditEntryPolicy())
