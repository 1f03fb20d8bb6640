"""Writes of the link analysis: only its audit records. Charting, analysing and putting
entities on a timeline consult personal data (and combine it, for analytics), so each is
recorded with its justification, in the same way as the entity pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from paccto.audit.choices import AuditAction
from paccto.audit.services import audit_record
from paccto.core.permissions import Actor

AUDITED_IDS = 1000  # ids kept in an audit entry; the count is always complete


def analysis_record(
    *,
    actor: Actor,
    operation: str,
    entity_ids: Iterable[int],
    justification: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Record that the actor consulted (chart, timeline) or combined (analytics, paths)
    the given entities, and why. A justification is required."""
    ids = sorted(set(entity_ids))
    action = AuditAction.CONSULT if operation in ("chart", "timeline") else AuditAction.COMBINE
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=action,
            object_type="entities.entity",
            justification=justification,
            details={
                "analysis": operation,
                "count": len(ids),
                "ids": ids[:AUDITED_IDS],
                **(details or {}),
            },
            personal_data=True,
        )
