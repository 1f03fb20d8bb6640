"""Reads of the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import NamedTuple

from django.db.models import QuerySet

from paccto.audit.models import AuditEntry, action_label
from paccto.core.permissions import Actor, get_for, visible_to


def audit_entry_search(
    *,
    actor: Actor,
    username: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries the actor may see, newest first, narrowed by the given filters."""
    qs = visible_to(actor, AuditEntry)
    if username:
        qs = qs.filter(actor_username__iexact=username.strip())
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type.strip())
    if object_id:
        qs = qs.filter(object_id=object_id.strip())
    if date_from:
        qs = qs.filter(at__gte=datetime.combine(date_from, time.min, tzinfo=UTC))
    if date_to:
        qs = qs.filter(at__lte=datetime.combine(date_to, time.max, tzinfo=UTC))
    return qs.order_by("-seq")


def audit_entry_get(*, actor: Actor, pk: int) -> AuditEntry:
    return get_for(actor, AuditEntry, pk)


class RecentEntry(NamedTuple):
    """What the dashboard shows of an entry (every page view reads these: no model rows)."""

    at: datetime
    action: str
    object_type: str
    object_id: str

    @property
    def action_label(self) -> str:
        return action_label(self.action)


def audit_entry_own_recent(*, actor: Actor, limit: int = 8) -> list[RecentEntry]:
    """The actor's own latest entries (everyone may see what they did themselves)."""
    rows = (
        visible_to(actor, AuditEntry, "view_own")
        .order_by("-seq")
        .values_list("at", "action", "object_type", "object_id")[:limit]
    )
    return [RecentEntry(*row) for row in rows]
